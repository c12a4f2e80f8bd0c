import type { Scheduler, TimerHandle } from '../../src/clock/scheduler';

/** A virtual clock: timers fire only when the test calls `advance`. */
export class ManualScheduler implements Scheduler {
  private t: number;
  private seq = 0;
  private timers: { id: number; at: number; fn: () => void }[] = [];

  constructor(start = Date.parse('2026-11-26T01:00:00.000Z')) {
    this.t = start;
  }

  now(): Date {
    return new Date(this.t);
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = ++this.seq;
    this.timers.push({ id, at: this.t + Math.max(0, ms), fn });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle.id);
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const target = this.t + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t.id !== due.id);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = target;
  }
}
