import type {
  CallbackActionRequest,
  CallbackDto,
  CreateCallbackRequest,
  UpdateCallbackRequest,
} from '@cc1357/contracts';
import { decideCallback } from '../domain/callbackTransitions';
import { parseCallerNumber } from '../domain/phone';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import {
  applyCallbackChange,
  callbackById,
  insertCallback,
  listCallbacks,
  openCallbackOfNumber,
  updateCallback,
} from '../repositories/callbacks';
import { companyExists } from '../repositories/companies';
import type { Actor, ServiceContext } from './context';

function instant(raw: string, path: string): Date {
  const d = new Date(raw);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(raw) || Number.isNaN(d.getTime()))
    throw new AppError('BAD_REQUEST', '입력값을 확인하세요', [{ path, message: 'ISO-8601 시각이 아닙니다' }]);
  return d;
}

/**
 * Schedules a callback. One open callback per number (DOMAIN.md trap): a second request for a
 * number that already waits is a 409 naming the existing one, never a duplicate.
 */
export async function createCallback(
  ctx: ServiceContext,
  actor: Actor,
  req: CreateCallbackRequest,
): Promise<CallbackDto> {
  const parsed = parseCallerNumber(req.number);
  if (parsed.kind !== 'number')
    throw new AppError('BAD_REQUEST', '입력값을 확인하세요', [{ path: 'number', message: '전화번호가 필요합니다' }]);
  const dueAt = instant(req.dueAt, 'dueAt');
  if (req.companyId && !(await companyExists(ctx.db, req.companyId))) {
    throw new AppError('BAD_REQUEST', '입력값을 확인하세요', [
      { path: 'companyId', message: '존재하지 않는 기업입니다' },
    ]);
  }
  const created = await insertCallback(ctx.db, {
    number: parsed.number,
    queue: req.queue,
    dueAt,
    companyId: req.companyId ?? null,
    consultationId: req.consultationId ?? null,
    callId: req.callId ?? null,
    note: req.note ?? null,
    requestedBy: actor.username,
    now: ctx.now(),
  });
  if (!created) {
    const existing = await openCallbackOfNumber(ctx.db, parsed.number);
    throw new AppError(
      'CONFLICT',
      `이 번호에는 이미 예약된 콜백이 있습니다 (#${existing?.id ?? '?'}, ${existing?.dueAt ?? ''})`,
      [{ path: 'number', message: '대기 중인 콜백이 있습니다' }],
    );
  }
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'callback.create',
    subjectType: 'callback',
    subjectId: created.id,
    details: { queue: req.queue },
    at: ctx.now(),
  });
  return created;
}

export async function findCallbacks(
  ctx: ServiceContext,
  actor: Actor,
  q: { status?: string | undefined; number?: string | undefined; limit: number },
): Promise<CallbackDto[]> {
  let number: string | undefined;
  if (q.number) {
    const p = parseCallerNumber(q.number);
    if (p.kind !== 'number')
      throw new AppError('BAD_REQUEST', '입력값을 확인하세요', [
        { path: 'number', message: '전화번호 형식이 아닙니다' },
      ]);
    number = p.number;
  }
  const rows = await listCallbacks(ctx.db, { status: q.status, number, limit: q.limit });
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'callback.list',
    subjectType: 'callbacks',
    subjectId: null,
    details: { status: q.status, returned: rows.length },
    at: ctx.now(),
  });
  return rows;
}

const CLOSED = new Set(['done', 'cancelled', 'failed']);

export async function changeCallback(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  req: UpdateCallbackRequest,
): Promise<CallbackDto> {
  const prior = await callbackById(ctx.db, id);
  if (!prior) throw new AppError('NOT_FOUND', '콜백을 찾을 수 없습니다');
  if (CLOSED.has(prior.status)) throw new AppError('INVALID_STATE', `이미 종료된 콜백입니다 (${prior.status})`);
  const updated = await updateCallback(
    ctx.db,
    id,
    req.status,
    req.dueAt ? instant(req.dueAt, 'dueAt') : null,
    req.note,
    ctx.now(),
  );
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'callback.update',
    subjectType: 'callback',
    subjectId: id,
    details: { from: prior.status, to: req.status },
    at: ctx.now(),
  });
  return updated!;
}

/**
 * A counselor's step on a callback: claim, dial, done / noAnswer / reschedule (issue 12 §4).
 * Decided by `decideCallback` on the row as read, written only if the row is still as read; a
 * racing change makes it read and decide again. Illegal steps are 409 (`INVALID_STATE` for the
 * callback's state, `CONFLICT` for another counselor's callback).
 */
export async function actOnCallback(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  req: CallbackActionRequest,
): Promise<CallbackDto> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const prior = await callbackById(ctx.db, id);
    if (!prior) throw new AppError('NOT_FOUND', '콜백을 찾을 수 없습니다');
    const now = ctx.now();
    const decision = decideCallback(
      {
        status: prior.status,
        owner: prior.owner ?? null,
        attempts: prior.attempts ?? 0,
        dueAt: new Date(prior.dueAt),
        callId: prior.callId,
      },
      req,
      actor,
      now,
    );
    if (!decision.ok)
      throw new AppError(
        decision.code,
        decision.message,
        decision.path ? [{ path: decision.path, message: decision.message }] : undefined,
      );
    if (!decision.change) return prior; // the same step again: nothing changes twice
    const updated = await applyCallbackChange(
      ctx.db,
      id,
      { status: prior.status, attempts: prior.attempts ?? 0 },
      decision.change,
      now,
    );
    if (!updated) continue;
    await writeAudit(ctx.db, {
      actorId: actor.sub,
      actorName: actor.username,
      actorRole: actor.role,
      action: `callback.${req.action}`,
      subjectType: 'callback',
      subjectId: id,
      details: { from: prior.status, to: updated.status, attempts: updated.attempts },
      at: now,
    });
    return updated;
  }
  throw new AppError('CONFLICT', '콜백이 동시에 바뀌고 있습니다. 다시 시도하세요');
}

/** One callback's number and status, for telephony checking an outbound call's `callbackId` (404 when unknown). */
export async function callbackForDial(
  ctx: ServiceContext,
  id: string,
): Promise<Pick<CallbackDto, 'id' | 'number' | 'status'>> {
  const cb = await callbackById(ctx.db, id);
  if (!cb) throw new AppError('NOT_FOUND', '콜백을 찾을 수 없습니다');
  return { id: cb.id, number: cb.number, status: cb.status };
}
