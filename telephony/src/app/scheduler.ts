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

/** Real clock, timers shortened by `factor` — for integration tests against a time-scaled pbx-sim. */
export function fastScheduler(factor: number): Scheduler {
  return { ...systemScheduler, setTimeout: (fn, ms) => systemScheduler.setTimeout(fn, ms * factor) };
}
