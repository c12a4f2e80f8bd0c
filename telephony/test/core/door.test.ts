import { describe, expect, it } from 'vitest';
import { type ArrivalBucket, doorClosed, takeArrival } from '../../src/core/door';

describe('the door (new callers refused while this process falls behind)', () => {
  const limits = { maxEventLoopDelayMs: 400 };

  it('stays open without a limit, whatever the delay', () => {
    expect(doorClosed(false, 60_000, {})).toBe(false);
    expect(doorClosed(true, 60_000, {})).toBe(false);
  });

  it('closes above the limit and not at it', () => {
    expect(doorClosed(false, 400, limits)).toBe(false);
    expect(doorClosed(false, 401, limits)).toBe(true);
  });

  it('opens again only under half the limit', () => {
    expect(doorClosed(true, 300, limits)).toBe(true);
    expect(doorClosed(true, 201, limits)).toBe(true);
    expect(doorClosed(true, 200, limits)).toBe(false);
  });
});

describe('the arrival limit (at most so many new callers a second)', () => {
  /** Callers arriving at these times (ms) against `perSecond`: which were taken. */
  function arrivals(times: number[], perSecond: number): boolean[] {
    let bucket: ArrivalBucket | null = null;
    return times.map((at) => {
      const step = takeArrival(bucket, at, perSecond);
      bucket = step.bucket;
      return step.taken;
    });
  }

  it("takes a second's worth at once, then refuses until tokens come back", () => {
    expect(arrivals([0, 0, 0, 0], 3)).toEqual([true, true, true, false]);
    // One token back every 1/3 s.
    expect(arrivals([0, 0, 0, 300, 334, 500, 667], 3)).toEqual([true, true, true, false, true, false, true]);
  });

  it('cuts a steady rate above the limit to the limit, and lets one under it through whole', () => {
    const over = Array.from({ length: 1200 }, (_, i) => i * (1000 / 120)); // 120/s for 10 s
    const taken = arrivals(over, 80).filter(Boolean).length;
    expect(taken).toBeGreaterThanOrEqual(80 * 10); // the limit, plus the first second's bucket
    expect(taken).toBeLessThanOrEqual(80 * 11);
    const under = Array.from({ length: 600 }, (_, i) => i * (1000 / 60)); // 60/s
    expect(arrivals(under, 80).every(Boolean)).toBe(true);
  });

  it('never holds more than one second of tokens, and a clock going back adds none', () => {
    // A quiet minute does not let a burst of a minute's callers through.
    expect(arrivals([0, 60_000, 60_000, 60_000], 2)).toEqual([true, true, true, false]);
    expect(arrivals([1000, 1000, 1000, 500], 2)).toEqual([true, true, false, false]);
  });
});
