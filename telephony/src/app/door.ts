import { type ELDHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { type ArrivalBucket, type DoorLimits, doorClosed, takeArrival } from '../core/door';

export interface DoorDeps {
  limits: DoorLimits;
  log: Logger;
  /** How often the delay is measured (ms; the door changes only then). Default 1,000. */
  intervalMs?: number;
  /**
   * The delay since the last measurement (ms), in place of Node's delay monitor: for a test that
   * steers the door of a whole process, where blocking the event loop would stall everything.
   */
  delayMs?: () => number;
  /** Told when the door closes or opens (metrics). */
  onChange?: (closed: boolean, delayMs: number) => void;
  /** Told of each caller refused (metrics). */
  onRefused?: () => void;
  /** Real time in ms for the arrival limit (default performance.now): a test steers it. */
  nowMs?: () => number;
}

/**
 * The node's door over the real event loop (core/door.ts says why): Node's own delay monitor
 * samples how late a 10 ms timer fires, and each interval's p99 decides. Real time, not the
 * app's Scheduler: the delay is what the process really lives through. Without a limit nothing
 * is measured and the door stays open.
 */
export class Door {
  private closed = false;
  private arrivals: ArrivalBucket | null = null;
  private readonly histogram: ELDHistogram;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: DoorDeps) {
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
  }

  start(): void {
    if (this.deps.limits.maxEventLoopDelayMs === undefined || this.timer) return;
    if (!this.deps.delayMs) this.histogram.enable();
    this.timer = setInterval(() => this.measure(), this.deps.intervalMs ?? 1_000);
    this.timer.unref();
  }

  /**
   * One measurement: the p99 delay since the last one decides the door. (After the reset the
   * monitor's next sample only sets its baseline: a stall right at a measurement is seen late,
   * a lasting overload — many samples — is seen at once.)
   */
  measure(): void {
    const delayMs = this.deps.delayMs
      ? this.deps.delayMs()
      : this.histogram.count > 0
        ? this.histogram.percentile(99) / 1e6
        : 0;
    this.histogram.reset();
    const closed = doorClosed(this.closed, delayMs, this.deps.limits);
    if (closed === this.closed) return;
    this.closed = closed;
    const rounded = Math.round(delayMs);
    if (closed)
      this.deps.log.warn({ delayMs: rounded }, 'door closed: this process falls behind, new callers are refused');
    else this.deps.log.info({ delayMs: rounded }, 'door open again: new callers are taken');
    this.deps.onChange?.(closed, delayMs);
  }

  /** Open: not falling behind (the event-loop delay). What node beats report; see `admit` for a caller. */
  isOpen(): boolean {
    return !this.closed;
  }

  /**
   * Whether a new caller is taken now: the door is open and, under `maxCallsPerSecond`, a token
   * is left (taken by this call). Real time: the limit is what the site carries per real second.
   */
  admit(): boolean {
    if (this.closed) return false;
    const perSecond = this.deps.limits.maxCallsPerSecond;
    if (perSecond === undefined) return true;
    const nowMs = this.deps.nowMs ? this.deps.nowMs() : performance.now();
    const { taken, bucket } = takeArrival(this.arrivals, nowMs, perSecond);
    this.arrivals = bucket;
    return taken;
  }

  /** A caller was turned away at the closed door. */
  refused(): void {
    this.deps.onRefused?.();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.histogram.disable();
  }
}
