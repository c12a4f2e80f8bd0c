/**
 * Time, injected. Logic asks this for "now" and for timers; production uses the wall clock,
 * tests pass their own (e.g. one that runs timers faster) without any time scale in the logic.
 */
export interface Scheduler {
  now(): Date;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: unknown;
}

export const systemScheduler: Scheduler = {
  now: () => new Date(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return { id: t };
  },
  clearTimeout: (handle) => clearTimeout(handle.id as NodeJS.Timeout),
};

/**
 * A clock that runs `1 / factor` times faster than the wall clock, with timers to match — for
 * integration tests against a pbx-sim started with the same time scale. Logic sees ordinary
 * seconds (a 10 s wrap-up is 10 s of this clock); only the pace differs.
 */
export function fastScheduler(factor: number, start = Date.now()): Scheduler {
  const realStart = Date.now();
  return {
    now: () => new Date(start + (Date.now() - realStart) / factor),
    setTimeout: (fn, ms) => systemScheduler.setTimeout(fn, ms * factor),
    clearTimeout: systemScheduler.clearTimeout,
  };
}
