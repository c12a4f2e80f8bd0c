import { createHash } from 'node:crypto';
import { smsBody, type SendSmsRequest, type SmsMessageDto } from '@cc1357/contracts';
import { calendarRange, calendarWeeks } from '../domain/calendar';
import { maskPhone } from '../domain/masking';
import { parseCallerNumber } from '../domain/phone';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import { programsByIds, programsOpeningBetween } from '../repositories/programs';
import {
  addOptOut,
  insertSmsIfAbsent,
  isOptedOut,
  removeOptOut,
  smsById,
  smsByKey,
  smsOfNumber,
} from '../repositories/sms';
import type { Actor, ServiceContext } from './context';
import { seoulDate } from '../domain/seoulDay';
import { isKoreanMobile } from '../domain/mobileNumber';

function numberOf(raw: string, path: string): string {
  const p = parseCallerNumber(raw);
  if (p.kind !== 'number')
    throw new AppError('BAD_REQUEST', '입력값을 확인하세요', [{ path, message: '문자를 받을 전화번호가 필요합니다' }]);
  return p.number;
}

async function bodyOf(ctx: ServiceContext, req: SendSmsRequest): Promise<{ body: string; programIds: string[] }> {
  if (req.template === 'free') {
    const body = smsBody('free', { text: req.text ?? '' });
    if (!body)
      throw new AppError('BAD_REQUEST', '입력값을 확인하세요', [{ path: 'text', message: '보낼 내용을 입력하세요' }]);
    return { body, programIds: [] };
  }
  if (req.template === 'programs') {
    const ids = [...new Set(req.programIds ?? [])];
    if (ids.length === 0)
      throw new AppError('BAD_REQUEST', '입력값을 확인하세요', [
        { path: 'programIds', message: '안내할 지원사업을 고르세요' },
      ]);
    const byId = new Map((await programsByIds(ctx.db, ids)).map((p) => [p.id, p]));
    if (byId.size !== ids.length)
      throw new AppError('BAD_REQUEST', '입력값을 확인하세요', [
        { path: 'programIds', message: '없는 지원사업이 있습니다' },
      ]);
    // In the order the counselor picked them: the order the console's preview shows.
    const programs = ids.map((id) => byId.get(id)!);
    return { body: smsBody('programs', { programs }), programIds: ids };
  }
  const from = req.from ?? seoulDate(ctx.now());
  const weeks = req.weeks ?? 4;
  const range = calendarRange(from, weeks);
  const programs = await programsOpeningBetween(ctx.db, range.start, range.end);
  return {
    body: smsBody('calendar', { weeks: calendarWeeks(from, weeks, programs) }),
    programIds: programs.map((p) => p.id),
  };
}

/**
 * Stores the SMS in the outbox (status queued), then hands it to BullMQ. Opted-out numbers
 * get a 409 and nothing is stored. The same idempotency key returns the first message.
 */
export async function sendSms(
  ctx: ServiceContext,
  actor: Actor,
  req: SendSmsRequest,
): Promise<{ created: boolean; message: SmsMessageDto }> {
  const number = numberOf(req.callerNumber, 'callerNumber');
  const prior = await smsByKey(ctx.db, req.idempotencyKey);
  const requestHash = createHash('sha256')
    .update(JSON.stringify({ ...req, callerNumber: number, sender: actor.sub }))
    .digest('hex');
  if (prior) {
    if (prior.requestHash !== requestHash)
      throw new AppError('CONFLICT', '같은 요청 키로 다른 문자가 이미 접수되었습니다', [
        { path: 'idempotencyKey', message: '이미 사용된 키입니다' },
      ]);
    return { created: false, message: prior.dto };
  }
  if (await isOptedOut(ctx.db, number)) {
    throw new AppError('CONFLICT', '수신 거부한 번호입니다: 문자를 보내지 않았습니다', [
      { path: 'callerNumber', message: '문자 수신 거부 번호' },
    ]);
  }
  const { body, programIds } = await bodyOf(ctx, req);
  const id = await insertSmsIfAbsent(ctx.db, {
    idempotencyKey: req.idempotencyKey,
    requestHash,
    callerNumber: number,
    companyId: req.companyId ?? null,
    consultationId: req.consultationId ?? null,
    template: req.template,
    body,
    programIds,
    senderId: actor.sub,
    now: ctx.now(),
  });
  if (id === null) return { created: false, message: (await smsByKey(ctx.db, req.idempotencyKey))!.dto };
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'sms.send',
    subjectType: 'sms',
    subjectId: id,
    details: { to: maskPhone(number), template: req.template },
    at: ctx.now(),
  });
  // Best effort now; the outbox relay hands it over later if Redis is away.
  if (ctx.sms) await ctx.sms.enqueue(id);
  return { created: true, message: (await smsById(ctx.db, id))! };
}

export async function smsHistory(
  ctx: ServiceContext,
  actor: Actor,
  rawNumber: string,
  limit: number,
): Promise<SmsMessageDto[]> {
  const number = numberOf(rawNumber, 'callerNumber');
  const rows = await smsOfNumber(ctx.db, number, limit);
  await writeAudit(ctx.readAuditDb, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'sms.list',
    subjectType: 'caller',
    subjectId: number,
    details: { returned: rows.length },
    at: ctx.now(),
  });
  return rows;
}

export async function optOut(ctx: ServiceContext, actor: Actor, rawNumber: string, source: string): Promise<void> {
  const number = numberOf(rawNumber, 'number');
  // Only mobiles receive SMS: anything else on the list is junk (and someone's typo).
  if (!isKoreanMobile(number))
    throw new AppError('BAD_REQUEST', '입력값을 확인하세요', [{ path: 'number', message: '휴대전화 번호가 아닙니다' }]);
  await addOptOut(ctx.db, number, source, ctx.now());
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'sms.optOut',
    subjectType: 'caller',
    subjectId: number,
    details: { source },
    at: ctx.now(),
  });
}

export async function optIn(ctx: ServiceContext, actor: Actor, rawNumber: string): Promise<void> {
  const number = numberOf(rawNumber, 'number');
  if (!(await removeOptOut(ctx.db, number))) throw new AppError('NOT_FOUND', '수신 거부 목록에 없는 번호입니다');
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'sms.optIn',
    subjectType: 'caller',
    subjectId: number,
    at: ctx.now(),
  });
}
