import { describe, expect, it } from 'vitest';
import { type AgentRecord, newAgent } from '../../src/core/agent-state';
import { estimateWaitSeconds, observeHandleTime, staffingOf } from '../../src/core/wait-estimate';

const T = new Date('2026-11-26T01:00:00.000Z');
const agent = (id: string, state: AgentRecord['state'], skills: string[]): AgentRecord => ({
  ...newAgent(id, id, skills, T),
  state,
});

describe('estimateWaitSeconds', () => {
  const base = { handleSeconds: 120, unstaffedSecondsPerCaller: 60 };
  const rows: [string, number, number, number, number][] = [
    // name, ahead, ready, busy, expected
    ['hundreds Ready and a few ahead: no wait', 40, 300, 0, 0],
    ['one Ready, nobody ahead: no wait', 0, 1, 5, 0],
    ['as many Ready as ahead: this caller waits for a busy agent', 3, 3, 1, 30],
    ['all busy, 10 ahead, 10 staffed: one handle time', 9, 0, 10, 120],
    ['all busy, 19 ahead, 10 staffed: two handle times', 19, 0, 10, 240],
    ['some Ready shorten the wait', 19, 5, 5, 180],
    ['nobody staffs the queue, nobody ahead: queued for the first agent', 0, 0, 0, 0],
    ['nobody staffs the queue: a minute per caller ahead', 6, 0, 0, 360],
  ];
  it.each(rows)('%s', (_name, ahead, ready, busy, expected) => {
    expect(estimateWaitSeconds({ ...base, ahead, staffing: { ready, busy } })).toBe(expected);
  });

  it('grows with the handle time and shrinks with staffing', () => {
    const at = (handleSeconds: number, busy: number) =>
      estimateWaitSeconds({ ahead: 50, staffing: { ready: 0, busy }, handleSeconds, unstaffedSecondsPerCaller: 0 });
    expect(at(240, 10)).toBeGreaterThan(at(120, 10));
    expect(at(120, 20)).toBeLessThan(at(120, 10));
  });

  it('refuses bad input with a clear error', () => {
    expect(() => estimateWaitSeconds({ ...base, ahead: -1, staffing: { ready: 0, busy: 1 } })).toThrow(/ahead/);
    expect(() =>
      estimateWaitSeconds({ ...base, handleSeconds: Number.NaN, ahead: 0, staffing: { ready: 0, busy: 1 } }),
    ).toThrow(/handleSeconds/);
  });
});

describe('observeHandleTime', () => {
  it('takes the first call as it is, then moves a fifth of the way to each new one', () => {
    const first = observeHandleTime(null, 100);
    expect(first).toEqual({ seconds: 100, samples: 1 });
    const second = observeHandleTime(first, 200);
    expect(second).toEqual({ seconds: 120, samples: 2 });
  });

  it('ignores negative and non-finite observations', () => {
    const avg = { seconds: 90, samples: 4 };
    expect(observeHandleTime(avg, -5)).toBe(avg);
    expect(observeHandleTime(avg, Number.POSITIVE_INFINITY)).toBe(avg);
    expect(observeHandleTime(null, Number.NaN)).toBeNull();
  });

  it('follows a lasting change within a few dozen calls', () => {
    let avg = observeHandleTime(null, 300);
    for (let i = 0; i < 30; i++) avg = observeHandleTime(avg, 60);
    expect(avg!.seconds).toBeLessThan(61);
  });

  it('refuses a weight outside (0, 1]', () => {
    expect(() => observeHandleTime({ seconds: 1, samples: 1 }, 2, 0)).toThrow(/weight/);
  });
});

describe('staffingOf', () => {
  it('counts Ready and working agents with the skill, not Not ready / offline or other skills', () => {
    const floor = [
      agent('1', 'ready', ['fund']),
      agent('2', 'ready', ['fund', 'hr']),
      agent('3', 'onCall', ['fund']),
      agent('4', 'wrapUp', ['fund']),
      agent('5', 'ringing', ['fund']),
      agent('6', 'notReady', ['fund']),
      agent('7', 'offline', ['fund']),
      agent('8', 'ready', ['hr']),
    ];
    expect(staffingOf(floor, 'fund')).toEqual({ ready: 2, busy: 3 });
    expect(staffingOf(floor, 'hr')).toEqual({ ready: 2, busy: 0 });
    expect(staffingOf(floor, 'export')).toEqual({ ready: 0, busy: 0 });
  });
});
