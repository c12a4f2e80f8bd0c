import { randomUUID } from 'node:crypto';
import type { AgentStateChangeV1, CallEventV1 } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { Scheduler, TimerHandle } from '../../clock/scheduler';
import type { LiveState } from '../redis/live-state';

/**
 * Call events on their way to crm-api. Each event is pushed to a Redis list first (so a CRM
 * outage or a restart loses nothing), then sent in batches; a batch leaves the list only after
 * crm-api accepted it. Ids are uuids chosen here, so a batch sent twice is stored once.
 * One process flushes at a time (LiveState's `outbox` lock); a failed send backs off and retries.
 *
 * A second stream, the same way: the agents' state changes (staffed time for the reports), in a
 * list of their own, so a crm-api that refuses one kind never holds up the other. Each list is
 * sent in the order it was appended, so one agent's changes from one process arrive in order
 * (crm-api orders them by time anyway).
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
  /**
   * Delivers agent state changes (throws when crm-api did not take them). Without it this process
   * records none and leaves the list to processes that have it (the AMI watcher).
   */
  sendAgentStates?: (changes: AgentStateChangeV1[]) => Promise<void>;
}

/** One list in Redis, where its entries go, and its own back-off after a failed send. */
interface Stream {
  key: string;
  what: string;
  send: (items: Array<{ id: string }>) => Promise<void>;
  failures: number;
  /** Set while the stream backs off: flushes pass it by until the timer fires. */
  retry: TimerHandle | null;
}

/** How long an undelivered event is kept for `restore()` (longer than any crm-api outage drill). */
const UNSENT_KEEP_MS = 15 * 60_000;

export class CallEventOutbox {
  private readonly key: string;
  private readonly streams: Stream[];
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
  private readonly unsent = new Map<string, { key: string; line: string; at: number }>();

  constructor(private readonly options: OutboxOptions) {
    this.key = options.state.key('events:outbox');
    this.streams = [
      {
        key: this.key,
        what: 'call events',
        send: (items) => options.send(items as CallEventV1[]),
        failures: 0,
        retry: null,
      },
    ];
    const sendAgentStates = options.sendAgentStates;
    if (sendAgentStates)
      this.streams.push({
        key: options.state.key('agents:state-outbox'),
        what: 'agent state changes',
        send: (items) => sendAgentStates(items as AgentStateChangeV1[]),
        failures: 0,
        retry: null,
      });
  }

  async record(event: Omit<CallEventV1, 'id' | 'data'> & { data?: Record<string, unknown> }): Promise<CallEventV1> {
    const full: CallEventV1 = { id: randomUUID(), data: {}, ...event };
    await this.append(this.key, full);
    try {
      this.options.onRecord?.(full);
    } catch {
      // An observer's failure (metrics) never fails recording the event.
    }
    return full;
  }

  /**
   * One agent state change, appended to its own list (one Redis command; callers need not wait);
   * null when this process does not deliver agent state changes.
   */
  async recordAgentState(change: Omit<AgentStateChangeV1, 'id'>): Promise<AgentStateChangeV1 | null> {
    const stream = this.streams[1];
    if (!stream) return null;
    const full: AgentStateChangeV1 = { id: randomUUID(), ...change };
    await this.append(stream.key, full);
    return full;
  }

  private async append(key: string, item: { id: string }): Promise<void> {
    const line = JSON.stringify(item);
    this.unsent.set(item.id, { key, line, at: this.options.scheduler.now().getTime() });
    await this.options.state.redis.rpush(key, line);
    this.schedule(0);
  }

  /** Agent state changes waiting for crm-api (0 when this process does not deliver them). */
  pendingAgentStates(): Promise<number> {
    const stream = this.streams[1];
    return stream ? this.options.state.redis.llen(stream.key) : Promise.resolve(0);
  }

  /** After Redis lost its data: pushes this process's undelivered events again; returns how many. */
  async restore(): Promise<number> {
    this.pruneUnsent();
    const byKey = new Map<string, string[]>();
    for (const { key, line } of this.unsent.values()) byKey.set(key, [...(byKey.get(key) ?? []), line]);
    for (const [key, lines] of byKey) await this.options.state.redis.rpush(key, ...lines);
    this.schedule(0);
    return [...byKey.values()].reduce((n, lines) => n + lines.length, 0);
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
      void this.run(true);
    }, ms);
  }

  /**
   * Sends what is pending now, streams backing off included; resolves when the lists are empty or
   * a send failed (a retry is scheduled).
   */
  flush(): Promise<void> {
    return this.run(false);
  }

  /** One flush at a time; timers' flushes pass by the streams that back off. */
  private run(respectBackoff: boolean): Promise<void> {
    if (!this.flushing) {
      this.flushing = this.flushAll(respectBackoff).finally(() => {
        this.flushing = null;
      });
    }
    return this.flushing;
  }

  private async flushAll(respectBackoff: boolean): Promise<void> {
    const { state, owner, log } = this.options;
    try {
      if (!(await state.tryLock('outbox', owner, 10_000))) {
        this.schedule(500); // another process is flushing; look again soon
        return;
      }
      try {
        // Each stream on its own, with its own back-off: one crm-api refuses does not hold up the other.
        for (const stream of this.streams) {
          if (respectBackoff && stream.retry) continue;
          try {
            await this.drain(stream);
            stream.failures = 0;
            if (stream.retry) this.options.scheduler.clearTimeout(stream.retry);
            stream.retry = null;
          } catch (err) {
            if (stream.retry) this.options.scheduler.clearTimeout(stream.retry);
            if (this.closed) break;
            const delay = Math.min(30_000, 500 * 2 ** stream.failures++);
            log.warn({ err: String(err), retryInMs: delay }, `${stream.what} not delivered; kept in outbox`);
            stream.retry = this.options.scheduler.setTimeout(() => {
              stream.retry = null;
              this.schedule(0);
            }, delay);
          }
        }
      } finally {
        this.pruneUnsent();
        await state.unlock('outbox', owner);
      }
      this.failures = 0;
    } catch (err) {
      // Shutting down: a flush cut short by Redis closing is not a failed delivery. The batch is
      // trimmed only after crm-api took it, so it waits in the list for the next process.
      if (this.closed) return;
      const delay = Math.min(30_000, 500 * 2 ** this.failures++);
      log.warn({ err: String(err), retryInMs: delay }, 'outbox not flushed; retrying');
      this.schedule(delay);
    }
  }

  /** Sends one list in batches, oldest first; a batch leaves the list only once crm-api took it. */
  private async drain(stream: Stream): Promise<void> {
    const { redis } = this.options.state;
    const size = this.options.batchSize ?? 200;
    for (;;) {
      const raw = await redis.lrange(stream.key, 0, size - 1);
      if (raw.length === 0) return;
      const items: Array<{ id: string }> = [];
      for (const line of raw) {
        try {
          items.push(JSON.parse(line) as { id: string });
        } catch {
          this.options.log.error(
            { line: line.slice(0, 200) },
            `unreadable entry dropped from the ${stream.what} outbox`,
          );
        }
      }
      if (items.length) await stream.send(items);
      for (const e of items) this.unsent.delete(e.id);
      await redis.ltrim(stream.key, raw.length, -1);
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) this.options.scheduler.clearTimeout(this.timer);
    for (const stream of this.streams) if (stream.retry) this.options.scheduler.clearTimeout(stream.retry);
  }
}
