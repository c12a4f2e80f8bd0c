import { randomUUID } from 'node:crypto';
import type { CallEventV1 } from '@cc1357/contracts';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Scheduler, TimerHandle } from '../../app/scheduler';

/**
 * Call events on their way to crm-api. Each event is pushed to a Redis list first (so a CRM
 * outage or a restart loses nothing), then sent in batches; a batch leaves the list only after
 * crm-api accepted it. Ids are uuids chosen here, so a batch sent twice is stored once.
 * One process flushes at a time (a short Redis lock); a failed send backs off and retries.
 */
export interface OutboxOptions {
  redis: Redis;
  prefix: string;
  send: (events: CallEventV1[]) => Promise<void>;
  log: Logger;
  scheduler: Scheduler;
  batchSize?: number;
  owner: string;
}

export class CallEventOutbox {
  private readonly key: string;
  private timer: TimerHandle | null = null;
  private flushing: Promise<void> | null = null;
  private failures = 0;
  private closed = false;

  constructor(private readonly options: OutboxOptions) {
    this.key = `${options.prefix}events:outbox`;
  }

  async record(event: Omit<CallEventV1, 'id' | 'data'> & { data?: Record<string, unknown> }): Promise<CallEventV1> {
    const full: CallEventV1 = { id: randomUUID(), data: {}, ...event };
    await this.options.redis.rpush(this.key, JSON.stringify(full));
    this.schedule(0);
    return full;
  }

  pending(): Promise<number> {
    return this.options.redis.llen(this.key);
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
    const { redis, prefix, owner, log } = this.options;
    const lockKey = `${prefix}lock:outbox`;
    const size = this.options.batchSize ?? 200;
    try {
      if ((await redis.set(lockKey, owner, 'PX', 10_000, 'NX')) !== 'OK') {
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
          await redis.ltrim(this.key, raw.length, -1);
          this.failures = 0;
        }
      } finally {
        await redis.eval("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", 1, lockKey, owner);
      }
    } catch (err) {
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
