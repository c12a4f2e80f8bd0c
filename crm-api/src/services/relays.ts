import type { CreateRelayRequest, RelayDto, RelayOutcomeRequest } from '@cc1357/contracts';
import { maskPhone } from '../domain/masking';
import { parseCallerNumber } from '../domain/phone';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import { companyExists } from '../repositories/companies';
import { consultationById } from '../repositories/consultations';
import { insertRelay, listRelays, relayById, relayIdByKey, setRelayOutcome } from '../repositories/relays';
import { findUserById } from '../repositories/users';
import type { Actor, ServiceContext } from './context';
import { relayCallerNumber } from './relayCallerNumber';
import { partnerOpenNow, startRelayDelivery } from './partnerRelays';

/** A partner user's center, from the users table (tokens carry no partner id; revoking is one UPDATE). */
async function partnerIdOf(ctx: ServiceContext, actor: Actor): Promise<string | null> {
  if (actor.role !== 'partner') return null;
  const user = await findUserById(ctx.db, actor.sub);
  return user?.active ? (user.partnerId ?? null) : null;
}

/** Partners may only touch relays addressed to their center; others' look like they do not exist. */
async function visibleRelay(ctx: ServiceContext, actor: Actor, id: string): Promise<RelayDto> {
  const relay = /^\d{1,18}$/.test(id) ? await relayById(ctx.db, id) : null;
  if (!relay) throw new AppError('NOT_FOUND', '이관 건을 찾을 수 없습니다');
  if (actor.role === 'partner' && relay.partnerId !== (await partnerIdOf(ctx, actor)))
    throw new AppError('NOT_FOUND', '이관 건을 찾을 수 없습니다');
  return relay;
}

/** Reads ('relay.list', 'relay.read') audit through readAuditDb (asynchronous commit); changes through db. */
const audit = (
  ctx: ServiceContext,
  actor: Actor,
  action: string,
  id: string | null,
  details: Record<string, unknown> = {},
) =>
  writeAudit(action === 'relay.list' || action === 'relay.read' ? ctx.readAuditDb : ctx.db, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action,
    subjectType: id ? 'relay' : 'relays',
    subjectId: id,
    details,
    at: ctx.now(),
  });

/** Creates the relay package (idempotent by key). The caller tells their story once: `context` travels with it. */
export async function createRelay(
  ctx: ServiceContext,
  actor: Actor,
  req: CreateRelayRequest,
): Promise<{ created: boolean; relay: RelayDto }> {
  const callerNumber = relayCallerNumber(req.callerNumber);
  let callbackNumber: string | null = null;
  if (req.callbackNumber) {
    const p = parseCallerNumber(req.callbackNumber);
    if (p.kind !== 'number')
      throw new AppError('BAD_REQUEST', '입력값을 확인하세요', [
        { path: 'callbackNumber', message: p.kind === 'invalid' ? p.reason : '회신 받을 번호가 필요합니다' },
      ]);
    callbackNumber = p.number;
  }
  if (req.companyId && !(await companyExists(ctx.db, req.companyId))) {
    throw new AppError('BAD_REQUEST', '입력값을 확인하세요', [
      { path: 'companyId', message: '존재하지 않는 기업입니다' },
    ]);
  }
  const consultation = req.consultationId ? await consultationById(ctx.db, req.consultationId) : null;
  if (req.consultationId && !consultation)
    throw new AppError('BAD_REQUEST', '입력값을 확인하세요', [
      { path: 'consultationId', message: '존재하지 않는 상담입니다' },
    ]);
  const id = await insertRelay(ctx.db, {
    idempotencyKey: req.idempotencyKey,
    partnerId: req.partnerId,
    callId: req.callId ?? null,
    callerNumber,
    companyId: req.companyId ?? consultation?.companyId ?? null,
    consultationId: req.consultationId ?? null,
    question: req.question,
    context: req.context ?? consultation?.summary ?? '',
    createdBy: actor.username,
    now: ctx.now(),
    partnerOpen: partnerOpenNow(ctx, req.partnerId),
    callbackNumber,
  });
  if (id === null) {
    const prior = await relayIdByKey(ctx.db, req.idempotencyKey);
    return { created: false, relay: (await relayById(ctx.db, prior!))! };
  }
  await audit(ctx, actor, 'relay.create', id, { partnerId: req.partnerId });
  await startRelayDelivery(ctx, id, req.partnerId);
  return { created: true, relay: (await relayById(ctx.db, id))! };
}

/** Masked list; partners see only their center's relays (a partner without a center sees none). */
export async function findRelays(
  ctx: ServiceContext,
  actor: Actor,
  q: { status?: string | undefined; partnerId?: string | undefined; limit: number },
): Promise<RelayDto[]> {
  let partnerId = q.partnerId;
  if (actor.role === 'partner') {
    const own = await partnerIdOf(ctx, actor);
    if (!own) return [];
    partnerId = own;
  }
  const rows = await listRelays(ctx.db, { partnerId, status: q.status, limit: q.limit });
  await audit(ctx, actor, 'relay.list', null, { partnerId, returned: rows.length });
  // A partner sees the callback number in full: the caller asked that center to call them back.
  return rows.map((r) => ({
    ...r,
    callerNumber: maskPhone(r.callerNumber),
    callbackNumber: actor.role === 'partner' ? (r.callbackNumber ?? null) : maskPhone(r.callbackNumber ?? null),
  }));
}

export async function readRelay(ctx: ServiceContext, actor: Actor, id: string): Promise<RelayDto> {
  const relay = await visibleRelay(ctx, actor, id);
  await audit(ctx, actor, 'relay.read', id);
  return relay;
}

const FINAL = new Set(['answered', 'closed', 'failed']);

/** The partner posts its outcome back; the relay's status follows. */
export async function postRelayOutcome(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  req: RelayOutcomeRequest,
): Promise<RelayDto> {
  const relay = await visibleRelay(ctx, actor, id);
  if (FINAL.has(relay.status)) throw new AppError('INVALID_STATE', `이미 처리가 끝난 이관 건입니다 (${relay.status})`);
  await setRelayOutcome(ctx.db, id, req.status, req.outcome, actor.username, ctx.now());
  await audit(ctx, actor, 'relay.outcome', id, { status: req.status });
  return (await relayById(ctx.db, id))!;
}
