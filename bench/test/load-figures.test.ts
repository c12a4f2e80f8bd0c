import { describe, expect, it } from 'vitest';
import { type CallTrace, judgeStep, maxConcurrent, offPath, setupMs } from '../harness/load-figures';

const call = (id: string, start: number, setup = 100, talk = 1_000): CallTrace => ({
  callId: id,
  error: null,
  events: [
    { type: 'call.arrived', at: start },
    { type: 'queue.entered', at: start + 500 },
    { type: 'agent.offered', at: start + 500 + setup / 2 },
    { type: 'call.connected', at: start + 500 + setup },
    { type: 'call.ended', at: start + 500 + setup + talk },
  ],
});

describe('real-asterisk ramp figures', () => {
  it('a call with its whole path in order is on path; its setup is queue.entered → call.connected', () => {
    expect(offPath(call('a', 0, 250))).toBeNull();
    expect(setupMs(call('a', 0, 250))).toBe(250);
  });

  it('a missing or out-of-order event, or a caller error, puts the call off its path', () => {
    const missing = call('b', 0);
    missing.events = missing.events.filter((e) => e.type !== 'agent.offered');
    expect(offPath(missing)).toBe('b: no agent.offered');
    const late = call('c', 0);
    late.events.find((e) => e.type === 'queue.entered')!.at = 10_000;
    expect(offPath(late)).toBe('c: agent.offered out of order');
    expect(offPath({ ...call('d', 0), error: 'never answered' })).toBe('never answered');
  });

  it('a step is sustained only with every call on path at about the offered rate', () => {
    const calls = [0, 1_000, 2_000, 3_000].map((s, i) => call(`s${i}`, s));
    const ok = judgeStep(1, calls);
    expect(ok).toMatchObject({ placed: 4, onPath: 4, achievedCps: 1, sustained: true, why: [] });
    expect(ok.setupMs).toEqual([100, 100, 100, 100]);
    expect(judgeStep(2, calls)).toMatchObject({ sustained: false, why: ['placed only 1/s'] });
    const broken = [...calls, { ...call('x', 3_500), error: 'SIPp exited' }];
    expect(judgeStep(1, broken)).toMatchObject({ onPath: 4, sustained: false, why: ['SIPp exited'] });
    expect(judgeStep(1, []).sustained).toBe(false);
  });

  it('concurrency counts on-path calls up at the same moment; one ending as another starts does not overlap', () => {
    // Each call lasts 1.6 s: starts at 0, 1, 2 s overlap pairwise, and 0 with 2 does not.
    expect(maxConcurrent([call('a', 0), call('b', 1_000), call('c', 2_000)])).toBe(2);
    expect(maxConcurrent([call('a', 0, 100, 5_000), call('b', 100), call('c', 200)])).toBe(3);
    expect(maxConcurrent([call('a', 0), call('b', 1_600)])).toBe(1);
    expect(maxConcurrent([{ ...call('a', 0), error: 'x' }])).toBe(0);
  });
});
