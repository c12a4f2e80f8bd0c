import { randomUUID } from 'node:crypto';
import type { CallEventV1 } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { Scheduler, TimerHandle } from '../../clock/scheduler';
import type { LiveState } from '../redis/live-state';

/**
 * Call events on their way to crm-api. Each event is pushed to a Redis list first (so a CRM
 * outage or a restart loses nothing), then sent in batches; a batch leaves the list only after
 * crm-api accepted it. Ids are uuids chosen here, so a batch sent twice is stored once.
 * One process flushes at a time (LiveState's `outbox` lock); a failed send backs off and retries.
 */
export interface OutboxOptions {
  state: LiveState;
  send: (events: CallEventV1[]) => Promise<void>;
  log: Logger;
  scheduler: Scheduler;
  batchSize?: number;
  owner: string;
  /** Told of each event once it is safely in the list (metrics); must not throw. */
  onRecord?: (event: CallEventV1) => void;
}

/** How long an undelivered event is kept for `restore()` (longer than any crm-api outage drill). */
const UNSENT_KEEP_MS = 15 * 60_000;

export class CallEventOutbox {
  private readonly key: string;
  private timer: TimerHandle | null = null;
  private flushing: Promise<void> | null = null;
  private failures = 0;
  private closed = false;
  /**
   * This process's events not yet seen delivered, with the scheduler time they were recorded:
   * the list in Redis goes with its data when Redis restarts empty, and `restore()` pushes these
   * again (crm-api stores an event id once, so a second copy is harmless). Delivered by this
   * process → removed; one another process delivered is dropped after UNSENT_KEEP_MS.
   */
  private readonly unsent = new Map<string, { event: CallEventV1; at: number }>();

  constructor(private readonly options: OutboxOptions) {
    this.key = options.state.key('events:outbox');
  }

  async record(event: Omit<CallEventV1, 'id' | 'data'> & { data?: Record<string, unknown> }): Promise<CallEventV1> {
    const full: CallEventV1 = { id: randomUUID(), data: {}, ...event };
    this.unsent.set(full.id, { event: full, at: this.options.scheduler.now().getTime() });
    await this.options.state.redis.rpush(this.key, JSON.stringify(full));
    try {
      this.options.onRecord?.(full);
    } catch {
      // An observer's failure (metrics) never fails recording the event.
    }
    this.schedule(0);
    return full;
  }

  /** After Redis lost its data: pushes this process's undelivered events again; returns how many. */
  async restore(): Promise<number> {
    this.pruneUnsent();
    const lines = [...this.unsent.values()].map(({ event }) => JSON.stringify(event));
    if (lines.length) await this.options.state.redis.rpush(this.key, ...lines);
    this.schedule(0);
    return lines.length;
  }

  /** Drops the copies kept too long (insertion order is recording order: stops at the first young one). */
  private pruneUnsent(): void {
    const cutoff = this.options.scheduler.now().getTime() - UNSENT_KEEP_MS;
    for (const [id, { at }] of this.unsent) {
      if (at >= cutoff) break;
      this.unsent.delete(id);
    }
  }

  pending(): Promise<number> {
    return this.options.state.redis.llen(this.key);
  }

  private schedule(ms: number): void {
    if (this.closed || this.timer) return;
    this.timer = this.options.scheduler.setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  /** Sends what is pending; resolves when the list is empty or a send failed (a retry is scheduled). */
  flush(): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.flushAll().finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing;
  }

  private async flushAll(): Promise<void> {
    const { state, owner, log } = this.options;
    const { redis } = state;
    const size = this.options.batchSize ?? 200;
    try {
      if (!(await state.tryLock('outbox', owner, 10_000))) {
        this.schedule(500); // another process is flushing; look again soon
        return;
      }
      try {
        for (;;) {
          const raw = await redis.lrange(this.key, 0, size - 1);
          if (raw.length === 0) break;
          const events: CallEventV1[] = [];
          for (const line of raw) {
            try {
              events.push(JSON.parse(line) as CallEventV1);
            } catch {
              log.error({ line: line.slice(0, 200) }, 'unreadable call event dropped from outbox');
            }
          }
          if (events.length) await this.options.send(events);
          for (const e of events) this.unsent.delete(e.id);
          await redis.ltrim(this.key, raw.length, -1);
          this.failures = 0;
        }
      } finally {
        this.pruneUnsent();
        await state.unlock('outbox', owner);
      }
    } catch (err) {
      // Shutting down: a flush cut short by Redis closing is not a failed delivery. The batch is
      // trimmed only after crm-api took it, so it waits in the list for the next process.
      if (this.closed) return;
      const delay = Math.min(30_000, 500 * 2 ** this.failures++);
      log.warn({ err: String(err), retryInMs: delay }, 'call events not delivered; kept in outbox');
      this.schedule(delay);
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) this.options.scheduler.clearTimeout(this.timer);
  }
}
