import type { CallbackActionRequest, CallbackStatus } from '@cc1357/contracts';

/**
 * What a counselor may do with a callback, pure (issue 12 §4):
 *
 *   open ─claim→ open (owned) ─dial→ dialing ─done→ done
 *                                        ├─noAnswer→ open (attempts + 1; failed after the last)
 *                                        └─reschedule→ open at a new time
 *   open ─reschedule→ open at a new time
 *
 * A callback owned by one counselor is not claimed, dialled or closed by another (a supervisor
 * may). Repeating the step just taken (a double click) changes nothing and is no error.
 */

export const MAX_CALLBACK_ATTEMPTS = 3;

export interface CallbackNow {
  status: CallbackStatus;
  owner: string | null;
  attempts: number;
  dueAt: Date;
  callId: string | null;
}

export interface CallbackActor {
  username: string;
  role: string;
}

export interface CallbackChange {
  status: CallbackStatus;
  owner: string | null;
  attempts: number;
  dueAt: Date;
  callId: string | null;
  lastOutcome: 'done' | 'noAnswer' | 'reschedule' | null;
  note?: string | null | undefined;
}

export type CallbackDecision =
  | { ok: true; change: CallbackChange | null }
  | { ok: false; code: 'INVALID_STATE' | 'CONFLICT' | 'BAD_REQUEST'; message: string; path?: string };

const STAFF = new Set(['supervisor', 'admin', 'service']);

export function decideCallback(
  now: CallbackNow,
  req: CallbackActionRequest,
  actor: CallbackActor,
  at: Date,
): CallbackDecision {
  const closed = now.status === 'done' || now.status === 'cancelled' || now.status === 'failed';
  if (closed) return { ok: false, code: 'INVALID_STATE', message: `이미 종료된 콜백입니다 (${now.status})` };
  if (now.owner && now.owner !== actor.username && !STAFF.has(actor.role))
    return { ok: false, code: 'CONFLICT', message: `${now.owner} 상담사가 맡은 콜백입니다` };
  const base: CallbackChange = { ...now, owner: now.owner ?? actor.username, lastOutcome: null };
  switch (req.action) {
    case 'claim':
      return { ok: true, change: now.owner === base.owner ? null : base };
    case 'dial':
      if (now.status === 'dialing') return { ok: true, change: null }; // the same call again (a double click): one attempt
      return {
        ok: true,
        change: { ...base, status: 'dialing', attempts: now.attempts + 1, callId: req.callId ?? now.callId },
      };
    case 'done':
    case 'noAnswer':
      if (now.status !== 'dialing')
        return {
          ok: false,
          code: 'INVALID_STATE',
          message: `전화를 걸기 전에는 결과를 기록할 수 없습니다 (${now.status})`,
        };
      if (req.action === 'done')
        return { ok: true, change: { ...base, status: 'done', lastOutcome: 'done', note: req.note } };
      return {
        ok: true,
        change: {
          ...base,
          status: now.attempts >= MAX_CALLBACK_ATTEMPTS ? 'failed' : 'open',
          lastOutcome: 'noAnswer',
          note: req.note,
        },
      };
    case 'reschedule': {
      const dueAt = new Date(req.dueAt);
      if (Number.isNaN(dueAt.getTime()) || dueAt.getTime() <= at.getTime())
        return { ok: false, code: 'BAD_REQUEST', message: '다시 걸 시각은 지금 이후여야 합니다', path: 'dueAt' };
      return { ok: true, change: { ...base, status: 'open', dueAt, lastOutcome: 'reschedule', note: req.note } };
    }
  }
}
