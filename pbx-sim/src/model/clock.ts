/**
 * Time for the simulated PBX. Every delay in the model is expressed in *simulated* (real-world)
 * milliseconds and divided by `timeScale` before it reaches a wall-clock timer, so tests can run
 * a 5-second prompt in 100 ms while events still report real-world durations.
 */
export interface Timer {
  cancel(): void;
  /** Simulated ms still to run. */
  remainingSimMs(): number;
}

export interface Scheduler {
  readonly timeScale: number;
  /** Wall-clock now in ms (for timestamps). */
  now(): number;
  after(simMs: number, fn: () => void): Timer;
  /** Run after the current request/event burst has been flushed (next macrotask). */
  defer(fn: () => void): void;
  /**
   * Processing latency of Asterisk itself (not media time), so it is *not* scaled: e.g. a
   * destroyed bridge reports BridgeDestroyed ~10 ms after the 204 (trace P1).
   */
  afterWall(wallMs: number, fn: () => void): void;
  /** Wall ms → simulated ms. */
  toSimMs(wallMs: number): number;
  close(): void;
}

export function createScheduler(timeScale: number, now: () => number = Date.now): Scheduler {
  const timers = new Set<NodeJS.Timeout>();
  const immediates = new Set<NodeJS.Immediate>();
  let closed = false;
  return {
    timeScale,
    now,
    after(simMs, fn) {
      const wallMs = Math.max(0, simMs * timeScale);
      const due = now() + wallMs;
      if (closed) return { cancel() {}, remainingSimMs: () => 0 };
      const handle = setTimeout(() => {
        timers.delete(handle);
        fn();
      }, wallMs);
      timers.add(handle);
      return {
        cancel() {
          clearTimeout(handle);
          timers.delete(handle);
        },
        remainingSimMs: () => Math.max(0, due - now()) / timeScale,
      };
    },
    afterWall(wallMs, fn) {
      if (closed) return;
      const handle = setTimeout(() => {
        timers.delete(handle);
        fn();
      }, wallMs);
      timers.add(handle);
    },
    defer(fn) {
      if (closed) return;
      const handle = setImmediate(() => {
        immediates.delete(handle);
        fn();
      });
      immediates.add(handle);
    },
    toSimMs: (wallMs) => wallMs / timeScale,
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      for (const i of immediates) clearImmediate(i);
      timers.clear();
      immediates.clear();
    },
  };
}

/** Asterisk's timestamp style: `2026-11-26T02:14:32.599+0000`. */
export function ariTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}
