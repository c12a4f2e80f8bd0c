import { describe, expect, it } from 'vitest';
import { applyCallEvent, newCall } from '../../src/core/call';
import type { CallEventOf } from '../../src/core/call-types';

const T0 = new Date('2026-11-26T01:00:00.000Z');
const opts = { wrapUpSeconds: 10 };
const base = newCall({ callId: 'c1', node: 'n1', callerChannelId: 'ch-caller', callerNumber: '01012345678' }, T0);
const finished: CallEventOf<'ivrFinished'> = {
  type: 'ivrFinished',
  queue: 'fund',
  priority: 0,
  path: ['notice', 'fund'],
  outcome: {},
};

describe('a caller the queue does not admit', () => {
  it('hears the busy message instead of being queued, then is hung up', () => {
    const refused = applyCallEvent(base, { ...finished, refused: 'depth' }, T0, opts);
    expect(refused.call.state).toBe('announcing');
    expect(refused.call.queue).toBe('fund');
    expect(refused.effects.map((e) => e.type)).toEqual(['callEvent', 'announce']);
    expect(refused.effects).toContainEqual({ type: 'announce', apology: 'fallback-goodbye' });
    expect(refused.effects[0]).toMatchObject({ eventType: 'ivr.finished', data: { refused: 'depth' } });
    expect(refused.effects.some((e) => e.type === 'enqueue')).toBe(false);

    const after = applyCallEvent(refused.call, { type: 'announced' }, T0, opts);
    expect(after.effects).toEqual([{ type: 'hangup', channelId: 'ch-caller' }]);
  });

  it('an admitted caller is queued as before (no refused mark on the record)', () => {
    const admitted = applyCallEvent(base, finished, T0, opts);
    expect(admitted.call.state).toBe('queued');
    expect(admitted.effects[0]).toMatchObject({ data: { path: ['notice', 'fund'] } });
    expect((admitted.effects[0] as { data: Record<string, unknown> }).data).not.toHaveProperty('refused');
  });
});
