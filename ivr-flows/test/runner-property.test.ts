import { describe, expect, it } from 'vitest';
import { defaultFlowsDir, loadFlowSet, startIvr, stepIvr, type IvrEffect, type IvrEvent } from '../src/index';

/** Seeded PRNG (mulberry32) so a failing walk can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('random callers through the shipped 1357 set', () => {
  it('keep the driver invariants and always finish', async () => {
    const { entry } = await loadFlowSet(defaultFlowsDir);
    const flow = entry!;
    const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'];
    const times = ['2026-12-01T10:00:00+09:00', '2026-12-01T21:00:00+09:00', '2026-09-25T10:00:00+09:00'];
    const outcomes = new Set<string>();

    for (let call = 0; call < 400; call++) {
      const r = rng(call + 1);
      const now = new Date(times[call % times.length]!);
      const caller = [null, '0212345678', '01012345678'][call % 3]!;
      let step = startIvr(flow, { callId: `c${call}`, callerNumber: caller }, now);
      let play: string | null = null;
      let timer: string | null = null;
      let query: IvrEffect | null = null;
      let request: string | null = null;
      let finished = 0;
      const seenPlayIds = new Set<string>();

      const apply = (effects: IvrEffect[]) => {
        for (const e of effects) {
          expect(finished, 'nothing after finish').toBe(0);
          if (e.type === 'play') {
            expect(seenPlayIds.has(e.playId)).toBe(false);
            seenPlayIds.add(e.playId);
            expect(play, 'a new play only after the old one ended or was stopped').toBeNull();
            expect(e.prompts.every((p) => p.text.length > 0 && p.media.startsWith('sound:cc1357/ko/'))).toBe(true);
            play = e.playId;
          } else if (e.type === 'stopPlay') {
            expect(e.playId).toBe(play);
            play = null;
          } else if (e.type === 'startTimer') {
            expect(timer, 'one timer at a time').toBeNull();
            timer = e.timerId;
          } else if (e.type === 'cancelTimer') {
            expect(e.timerId).toBe(timer);
            timer = null;
          } else if (e.type === 'query') {
            query = e;
          } else if (e.type === 'request') {
            expect(request, 'one request at a time').toBeNull();
            request = e.requestId;
          } else if (e.type === 'finish') {
            finished += 1;
            expect(e.path[0]).toBe('notice');
            outcomes.add(e.outcome.kind === 'queue' ? `queue ${e.outcome.queue}` : e.outcome.kind);
          }
        }
      };
      apply(step.effects);

      for (let i = 0; i < 400 && finished === 0; i++) {
        const roll = r();
        let event: IvrEvent;
        const pendingQuery = query as Extract<IvrEffect, { type: 'query' }> | null;
        if (request && roll < 0.8) {
          const results = ['ok', 'duplicate', 'optedOut', 'notMobile', 'failed'] as const;
          event = { type: 'requestDone', requestId: request, result: results[Math.floor(r() * results.length)]! };
          request = null;
        } else if (pendingQuery && roll < 0.8) {
          event =
            pendingQuery.key === 'callerKnown'
              ? { type: 'fact', key: 'callerKnown', value: r() < 0.5 }
              : { type: 'fact', key: 'estimatedWaitSeconds', value: Math.floor(r() * 900), queue: pendingQuery.queue };
          query = null;
          timer = null; // answered: the runner cancels the query timer (checked below via cancelTimer)
        } else if (roll < 0.45) event = { type: 'digit', digit: digits[Math.floor(r() * digits.length)]! };
        else if (play && roll < 0.8) {
          event = { type: 'promptFinished', playId: play };
          play = null;
        } else if (timer) {
          event = { type: 'timer', timerId: timer };
          timer = null;
          query = null;
        } else if (play) {
          event = { type: 'promptFinished', playId: play };
          play = null;
        } else event = { type: 'digit', digit: digits[Math.floor(r() * digits.length)]! };

        const before = JSON.stringify(step.state);
        const answeredQuery = event.type === 'fact';
        const timerBefore = step.state.timerId;
        step = stepIvr(flow, JSON.parse(before), event, now);
        if (answeredQuery && step.effects.length) {
          expect(step.effects[0]).toEqual({ type: 'cancelTimer', timerId: timerBefore });
          apply(step.effects.slice(1));
        } else apply(step.effects);
        expect(JSON.parse(JSON.stringify(step.state))).toEqual(step.state);
      }
      expect(finished, `call ${call} finished`).toBe(1);
    }
    expect([...outcomes].sort()).toEqual([
      'callback',
      'hangup',
      'queue export',
      'queue fund',
      'queue general',
      'queue hr',
      'queue merchant',
      'queue rnd',
      'queue startup',
      'sms',
      'transfer',
    ]);
  });
});
