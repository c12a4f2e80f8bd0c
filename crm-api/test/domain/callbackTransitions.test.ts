import { describe, expect, it } from 'vitest';
import { type CallbackNow, MAX_CALLBACK_ATTEMPTS, decideCallback } from '../../src/domain/callbackTransitions';

const AT = new Date('2025-03-14T03:00:00Z');
const kim = { username: 'kim', role: 'counselor' };
const lee = { username: 'lee', role: 'counselor' };
const open: CallbackNow = { status: 'open', owner: null, attempts: 0, dueAt: AT, callId: null };

describe('decideCallback', () => {
  it('claim takes an unowned callback; claiming one’s own again changes nothing', () => {
    expect(decideCallback(open, { action: 'claim' }, kim, AT)).toMatchObject({ ok: true, change: { owner: 'kim' } });
    expect(decideCallback({ ...open, owner: 'kim' }, { action: 'claim' }, kim, AT)).toEqual({ ok: true, change: null });
    expect(decideCallback({ ...open, owner: 'kim' }, { action: 'claim' }, lee, AT)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
  });

  it('dial counts an attempt once and takes the callback', () => {
    const d = decideCallback(open, { action: 'dial', callId: 'c1' }, kim, AT);
    expect(d).toMatchObject({ ok: true, change: { status: 'dialing', attempts: 1, owner: 'kim', callId: 'c1' } });
    expect(decideCallback({ ...open, status: 'dialing', attempts: 1 }, { action: 'dial' }, kim, AT)).toEqual({
      ok: true,
      change: null,
    });
  });

  it('outcomes only after a dial; no answer reopens until the last attempt', () => {
    expect(decideCallback(open, { action: 'done' }, kim, AT)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    const dialing: CallbackNow = { ...open, status: 'dialing', owner: 'kim', attempts: 1 };
    expect(decideCallback(dialing, { action: 'done' }, kim, AT)).toMatchObject({ change: { status: 'done' } });
    expect(decideCallback(dialing, { action: 'noAnswer' }, kim, AT)).toMatchObject({
      change: { status: 'open', lastOutcome: 'noAnswer' },
    });
    const last = { ...dialing, attempts: MAX_CALLBACK_ATTEMPTS };
    expect(decideCallback(last, { action: 'noAnswer' }, kim, AT)).toMatchObject({ change: { status: 'failed' } });
  });

  it('reschedule needs a later time; closed callbacks take nothing; staff may act on anyone’s', () => {
    expect(decideCallback(open, { action: 'reschedule', dueAt: '2025-03-14T02:00:00Z' }, kim, AT)).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      path: 'dueAt',
    });
    expect(decideCallback(open, { action: 'reschedule', dueAt: '2025-03-15T02:00:00Z' }, kim, AT)).toMatchObject({
      change: { status: 'open', dueAt: new Date('2025-03-15T02:00:00Z'), lastOutcome: 'reschedule' },
    });
    for (const status of ['done', 'cancelled', 'failed'] as const)
      expect(decideCallback({ ...open, status }, { action: 'claim' }, kim, AT)).toMatchObject({
        ok: false,
        code: 'INVALID_STATE',
      });
    const owned: CallbackNow = { ...open, status: 'dialing', owner: 'kim', attempts: 1 };
    expect(decideCallback(owned, { action: 'done' }, { username: 'park', role: 'supervisor' }, AT)).toMatchObject({
      ok: true,
      change: { owner: 'kim', status: 'done' },
    });
  });
});
