import {
  normalizeBizRegNo,
  PARTNERS,
  verifyWebhook,
  WEBHOOK_HEADERS,
  type PartnerCenterDto,
  type PartnerId,
  type PartnerOutcomeReceipt,
  type PartnerOutcomeRequest,
  type PartnerRelayReceipt,
  type PartnerRelayRequest,
  type RelayDto,
} from '@cc1357/contracts';
import { partnerCenters, type PartnerCenters } from '../domain/partnerCenters';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import { insertRelay, relayIdByKey } from '../repositories/relays';
import {
  applyPartnerOutcome,
  companyIdByBizRegNo,
  deadRelays,
  outcomeReceiptExists,
  queueRelayDelivery,
  requeueDeadRelay,
} from '../repositories/relayDelivery';
import { relayById } from '../repositories/relays';
import type { Actor, ServiceContext } from './context';
import { relayCallerNumber } from './relayCallerNumber';

/**
 * The partner-center side of relays: the configured centers, the webhook delivery's dead
 * letters (supervisors list and retry them) and the partner systems' signed outcomes.
 */

const unconfigured = partnerCenters();
const partnersOf = (ctx: ServiceContext): PartnerCenters => ctx.partners ?? unconfigured;

export function listPartnerCenters(ctx: ServiceContext): PartnerCenterDto[] {
  const now = ctx.now();
  return partnersOf(ctx)
    .list()
    .map((p) => {
      const status = partnersOf(ctx).status(p.id, now);
      return {
        id: p.id,
        nameKo: p.nameKo,
        nameEn: p.nameEn,
        ministry: p.ministry,
        dial: p.dial,
        openNow: status.open,
        closedReason: status.open ? null : status.reason,
        webhook: p.webhook !== null,
      };
    });
}

/** Whether the partner takes calls now (its hours and holidays): a closed one gets a callback offer instead of the call. */
export function partnerOpenNow(ctx: ServiceContext, partnerId: PartnerId): boolean {
  return partnersOf(ctx).status(partnerId, ctx.now()).open;
}

/** After a relay is stored: its package goes to the partner's system when one is configured. */
export async function startRelayDelivery(ctx: ServiceContext, relayId: string, partnerId: PartnerId): Promise<void> {
  if (!partnersOf(ctx).get(partnerId).webhook) return;
  await queueRelayDelivery(ctx.db, relayId);
  // Without Redis (or when the hand-off fails) the row stays queued and the sweep sends it.
  await ctx.relayDelivery?.enqueue(relayId, 0);
}

export async function listDeadLetters(ctx: ServiceContext, limit: number): Promise<RelayDto[]> {
  return deadRelays(ctx.db, limit);
}

/** A supervisor sends a dead letter again: fresh attempts, the same delivery id for the partner. */
export async function redeliverRelay(ctx: ServiceContext, actor: Actor, id: string): Promise<RelayDto> {
  const relay = await relayById(ctx.db, id);
  if (!relay) throw new AppError('NOT_FOUND', '이관 건을 찾을 수 없습니다');
  if (!partnersOf(ctx).get(relay.partnerId).webhook)
    throw new AppError('INVALID_STATE', `${PARTNERS[relay.partnerId].nameKo}에는 연동 주소가 설정되어 있지 않습니다`);
  const requeued = await requeueDeadRelay(ctx.db, id);
  if (!requeued) throw new AppError('INVALID_STATE', `전송 실패 상태가 아닙니다 (${relay.delivery?.status ?? 'none'})`);
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'relay.redeliver',
    subjectType: 'relay',
    subjectId: id,
    details: { partnerId: relay.partnerId, redelivery: requeued.redeliveries },
    at: ctx.now(),
  });
  await ctx.relayDelivery?.enqueue(id, requeued.redeliveries);
  return (await relayById(ctx.db, id))!;
}

const unauthorized = () => new AppError('UNAUTHORIZED', '서명이 올바르지 않거나 만료되었습니다');

/**
 * A request claiming to come from a partner's system: the partner must exist and have a
 * secret, and the signature over the exact bytes must verify inside the replay window. Checked
 * before the body is parsed, so a forged or replayed request learns nothing about the body.
 */
export async function verifyPartnerRequest(
  ctx: ServiceContext,
  partnerId: string,
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
): Promise<void> {
  const secret = partnersOf(ctx).find(partnerId)?.webhook?.secret;
  if (!secret) throw unauthorized();
  const header = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const verdict = await verifyWebhook({
    secret,
    timestamp: header(WEBHOOK_HEADERS.timestamp),
    signature: header(WEBHOOK_HEADERS.signature),
    body: rawBody,
    now: ctx.now(),
  });
  if (!verdict.ok) {
    ctx.log.warn({ partnerId, reason: verdict.reason }, 'partner request refused');
    throw unauthorized();
  }
}

const FINAL = new Set(['answered', 'closed', 'failed']);

/** A partner's signed outcome: applied once per delivery id; a repeat answers `duplicate` and changes nothing. */
export async function receivePartnerOutcome(
  ctx: ServiceContext,
  partnerId: PartnerId,
  req: PartnerOutcomeRequest,
): Promise<PartnerOutcomeReceipt> {
  const relay = await relayById(ctx.db, req.relayId);
  // Another center's relay looks like no relay at all.
  if (!relay || relay.partnerId !== partnerId) throw new AppError('NOT_FOUND', '이관 건을 찾을 수 없습니다');
  if (await outcomeReceiptExists(ctx.db, partnerId, req.deliveryId))
    return { relayId: relay.id, status: relay.status, duplicate: true };
  if (FINAL.has(relay.status)) throw new AppError('INVALID_STATE', `이미 처리가 끝난 이관 건입니다 (${relay.status})`);
  const by = req.handledBy ? `${PARTNERS[partnerId].nameKo} ${req.handledBy}` : PARTNERS[partnerId].nameKo;
  const now = ctx.now();
  const applied = await applyPartnerOutcome(ctx.db, {
    partnerId,
    deliveryId: req.deliveryId,
    relayId: relay.id,
    status: req.status,
    outcome: req.outcome,
    by,
    now,
  });
  if (applied)
    await writeAudit(ctx.db, {
      actorId: `partner:${partnerId}`,
      actorName: PARTNERS[partnerId].nameKo,
      actorRole: 'partner',
      action: 'relay.outcome',
      subjectType: 'relay',
      subjectId: relay.id,
      details: { status: req.status, deliveryId: req.deliveryId, signed: true },
      at: now,
    });
  return { relayId: relay.id, status: applied ? req.status : relay.status, duplicate: !applied };
}

/**
 * A partner's signed relay to 1357: stored once per delivery id (the relay's idempotency key is
 * `partner:<id>:<deliveryId>`), as an inbound relay that shows in the caller's pop. The company
 * comes from the 사업자등록번호 when 1357 knows it.
 */
export async function receivePartnerRelay(
  ctx: ServiceContext,
  partnerId: PartnerId,
  req: PartnerRelayRequest,
): Promise<{ created: boolean; receipt: PartnerRelayReceipt }> {
  const callerNumber = relayCallerNumber(req.callerNumber);
  const key = `partner:${partnerId}:${req.deliveryId}`;
  const companyId = req.bizRegNo ? await companyIdByBizRegNo(ctx.db, normalizeBizRegNo(req.bizRegNo)) : null;
  const name = PARTNERS[partnerId].nameKo;
  const id = await insertRelay(ctx.db, {
    idempotencyKey: key,
    partnerId,
    callId: null,
    callerNumber,
    companyId,
    consultationId: null,
    question: req.question,
    context: req.context,
    createdBy: req.handledBy ? `${name} ${req.handledBy}` : name,
    now: ctx.now(),
    direction: 'inbound',
  });
  if (id === null) return { created: false, receipt: { relayId: (await relayIdByKey(ctx.db, key))!, duplicate: true } };
  await writeAudit(ctx.db, {
    actorId: `partner:${partnerId}`,
    actorName: name,
    actorRole: 'partner',
    action: 'relay.inbound',
    subjectType: 'relay',
    subjectId: id,
    details: { deliveryId: req.deliveryId, signed: true },
    at: ctx.now(),
  });
  return { created: true, receipt: { relayId: id, duplicate: false } };
}
