import { describe, expect, it } from 'vitest';
import { DtmfEngine } from '../src/model/dtmf';
import type { Pbx } from '../src/model/pbx';
import type { SimChannel } from '../src/model/types';

/**
 * A busy Node process may run due timers out of the order they were due in (each duration has
 * its own timer list). The digits a caller typed must still arrive in the order typed, whatever
 * order the event loop fires due timers in — here the worst one: newest first.
 */
describe('DTMF order', () => {
  it('digits arrive in the order typed even when due timers fire newest first', () => {
    const pending: (() => void)[] = [];
    const heard: string[] = [];
    const receiver = { id: 'caller', tech: 'PJSIP', hungUp: false } as unknown as SimChannel;
    const pbx = {
      scheduler: {
        after: (_ms: number, fn: () => void) => (pending.push(fn), { cancel() {}, remainingSimMs: () => 0 }),
      },
      emitChannel: (_type: string, _ch: SimChannel, extra: { digit: string }) => heard.push(extra.digit),
      bridges: { bridges: new Map() },
      channels: new Map(),
    } as unknown as Pbx;
    new DtmfEngine(pbx).receive(receiver, '2765342', { before: 0, between: 100, duration: 100, latency: 0 });
    // The machine stalls: every timer armed so far is due; they run newest first, until none is left.
    while (pending.length) for (const fn of pending.splice(0).reverse()) fn();
    expect(heard.join('')).toBe('2765342');
  });
});
