import type { ChainableCommander } from 'ioredis';
import type { Logger } from 'pino';
import type { Scheduler, TimerHandle } from '../../clock/scheduler';
import type { LiveState } from '../redis/live-state';

/**
 * Thrown by an outbox's `send` when the receiver refused the batch as invalid (an HTTP 4xx that
 * sending again cannot fix): an outbox with a dead-letter list moves the batch there instead of
 * retrying it forever.
 */
/** How long a drainer holds the outbox's lock without renewing it (each trimmed batch renews it). */
const LOCK_MS = 10_000;

export class RefusedBatchError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'RefusedBatchError';
  }
}

export interface RedisOutboxOptions<T extends { id: string }> {
  state: LiveState;
  /** The Redis list (full key, prefix included). */
  key: string;
  /** The LiveState lock held while one process drains the list. */
  lock: string;
  /** What the entries are, for logs ("call events"). */
  label: string;
  /** Delivers one batch; throws when the receiver did not take it. */
  send: (items: T[]) => Promise<void>;
  log: Logger;
  scheduler: Scheduler;
  batchSize?: number;
  /**
   * How long an append waits before the flush it starts (0 by default): entries recorded within
   * it leave in one batch — one lock, one read, one POST — instead of a flush each. Entries
   * recorded while a batch is on its way wait as long after it (unless it was full).
   */
  flushDelayMs?: number;
  owner: string;
  /**
   * Where a batch refused with a RefusedBatchError goes (full key), logged and never retried.
   * Without it every failed send backs off and retries.
   */
  deadKey?: string;
}

/** How long an undelivered entry is kept for `restore()` (longer than any crm-api outage drill). */
const UNSENT_KEEP_MS = 15 * 60_000;
/** The dead-letter list keeps this many newest entries. */
const DEAD_KEEP = 10_000;

/**
 * One Redis list of entries on their way to crm-api. Each entry is pushed to the list first (so a
 * CRM outage or a restart loses nothing), then sent in batches, oldest first; a batch leaves the
 * list only after the receiver took it (ids are chosen by the caller, so a batch sent twice is
 * stored once). One process drains a list at a time (the outbox's own lock); a failed send backs
 * off and retries. Each outbox has its own list, lock, timer and back-off: two outboxes never
 * wait for each other.
 */
export class RedisOutbox<T extends { id: string }> {
  private timer: TimerHandle | null = null;
  private flushing: Promise<void> | null = null;
  /** A flush was asked for while one ran: it runs again once that one ends (see `flush`). */
  private flushAgain = false;
  private failures = 0;
  private closed = false;
  /**
   * This process's entries not yet seen delivered, with the scheduler time they were recorded:
   * the list in Redis goes with its data when Redis restarts empty, and `restore()` pushes these
   * again (the receiver stores an id once, so a second copy is harmless). Delivered (or
   * dead-lettered) by this process → removed; one another process delivered is dropped after
   * UNSENT_KEEP_MS.
   */
  private readonly unsent = new Map<string, { item: T; at: number }>();

  constructor(private readonly options: RedisOutboxOptions<T>) {}

  /** Pushes one entry to the list and schedules a flush. */
  async append(item: T): Promise<void> {
    this.unsent.set(item.id, { item, at: this.options.scheduler.now().getTime() });
    await this.options.state.redis.rpush(this.options.key, JSON.stringify(item));
    this.schedule(this.options.flushDelayMs ?? 0);
  }

  /**
   * `append` inside the caller's MULTI: the entry is written with the rest of that step or not at
   * all. Call the returned function once the MULTI ran (it keeps the copy and schedules a flush).
   */
  appendTo(multi: ChainableCommander, item: T): () => void {
    multi.rpush(this.options.key, JSON.stringify(item));
    return () => {
      this.unsent.set(item.id, { item, at: this.options.scheduler.now().getTime() });
      this.schedule(this.options.flushDelayMs ?? 0);
    };
  }

  /** After Redis lost its data: pushes this process's undelivered entries again; returns how many. */
  async restore(): Promise<number> {
    this.pruneUnsent();
    const lines = [...this.unsent.values()].map(({ item }) => JSON.stringify(item));
    if (lines.length) await this.options.state.redis.rpush(this.options.key, ...lines);
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
    return this.options.state.redis.llen(this.options.key);
  }

  /** Entries in the dead-letter list (0 without one). */
  dead(): Promise<number> {
    const { deadKey } = this.options;
    return deadKey ? this.options.state.redis.llen(deadKey) : Promise.resolve(0);
  }

  private schedule(ms: number): void {
    if (this.closed || this.timer) return;
    this.timer = this.options.scheduler.setTimeout(() => {
      this.timer = null;
      void this.drain(true);
    }, ms);
  }

  /** Sends what is pending; resolves when the list is empty or a send failed (a retry is scheduled). */
  flush(): Promise<void> {
    return this.drain(false);
  }

  /** `gather`: a scheduled flush, which leaves what arrives meanwhile to the next one (see flushAll). */
  private drain(gather: boolean): Promise<void> {
    if (this.flushing) {
      // The running flush may be past its last look at the list (an entry appended just now), or
      // be one that lost its lock and asked for this very retry while it was still unlocking: it
      // would end without this entry, and nothing else may come to send it. Run once more after it.
      this.flushAgain = true;
      return this.flushing;
    }
    this.flushing = this.flushAll(gather).finally(() => {
      this.flushing = null;
      if (this.flushAgain) {
        this.flushAgain = false;
        this.schedule(0);
      }
    });
    return this.flushing;
  }

  private async flushAll(gather: boolean): Promise<void> {
    const { state, owner, log, key, lock, label } = this.options;
    const { redis } = state;
    const size = this.options.batchSize ?? 200;
    try {
      if (!(await state.tryLock(lock, owner, LOCK_MS))) {
        this.schedule(500); // another process is flushing; look again soon
        return;
      }
      try {
        for (;;) {
          const raw = await redis.lrange(key, 0, size - 1);
          if (raw.length === 0) break;
          const items: T[] = [];
          for (const line of raw) {
            try {
              items.push(JSON.parse(line) as T);
            } catch {
              log.error({ line: line.slice(0, 200) }, `unreadable ${label} entry dropped from outbox`);
            }
          }
          const refused = items.length ? await this.deliver(items) : [];
          if (refused.length) {
            await this.bury(refused, items, raw.length);
            continue;
          }
          for (const e of items) this.unsent.delete(e.id);
          this.failures = 0;
          // A drain outlasting the lock (a slow receiver, many batches) lets another process drain
          // the same head; trimming then too lost a batch per overlap (the multi-node test saw
          // call events vanish). The batch was delivered: the holder trims it (ids are idempotent).
          if (!(await state.trimIfLocked(lock, owner, key, raw.length, LOCK_MS))) {
            // Whoever holds the lock now drains the rest; if nobody does (ours only ran out), the
            // entries must not wait for the next append, which may never come: look again soon.
            this.schedule(500);
            break;
          }
          // A scheduled flush: a batch that was not full took everything there was, so what
          // arrived while it was on its way waits out the gathering delay too. Under load a batch
          // then leaves every delay (one POST and one crm-api transaction for many calls' events)
          // instead of right behind the last one with the few entries recorded meanwhile (2.9
          // transactions per call at 20 calls/s, 1.1 since). A full batch means a backlog: go on.
          // `flush()` itself still drains the list.
          const delay = this.options.flushDelayMs ?? 0;
          if (gather && delay > 0 && raw.length < size) {
            this.schedule(delay);
            break;
          }
        }
      } finally {
        this.pruneUnsent();
        await state.unlock(lock, owner);
      }
    } catch (err) {
      // Shutting down: a flush cut short by Redis closing is not a failed delivery. The batch is
      // trimmed only after the receiver took it, so it waits in the list for the next process.
      if (this.closed) return;
      const delay = Math.min(30_000, 500 * 2 ** this.failures++);
      log.warn({ err: String(err), retryInMs: delay }, `${label} not delivered; kept in outbox`);
      this.schedule(delay);
    }
  }

  /**
   * Sends a batch; returns the entries refused as invalid (none: all taken). A refused batch of
   * several is sent again one entry at a time, so one bad entry costs only itself: the others are
   * delivered, in order. Throws when a send failed in a way a retry may cure (or refusal without
   * a dead list): the whole batch stays and is sent again (ids make that harmless).
   */
  private async deliver(items: T[]): Promise<T[]> {
    try {
      await this.options.send(items);
      return [];
    } catch (err) {
      if (!(err instanceof RefusedBatchError) || !this.options.deadKey) throw err;
      if (items.length === 1) {
        this.options.log.error(
          { err: err.message, status: err.status, id: items[0]!.id },
          `${this.options.label}: an entry refused as invalid; moved to the dead-letter list, not retried`,
        );
        return items;
      }
    }
    const refused: T[] = [];
    for (const item of items) refused.push(...(await this.deliver([item])));
    return refused;
  }

  /** Moves the refused entries of a batch to the dead-letter list and the whole batch off the list, in one transaction. */
  private async bury(refused: T[], batch: T[], rawCount: number): Promise<void> {
    const { redis } = this.options.state;
    const deadKey = this.options.deadKey!;
    const results = await redis
      .multi()
      .rpush(deadKey, ...refused.map((i) => JSON.stringify(i)))
      .ltrim(deadKey, -DEAD_KEEP, -1)
      .ltrim(this.options.key, rawCount, -1)
      .exec();
    const failed = results?.find(([err]) => err)?.[0];
    if (!results || failed) throw new Error(`could not move refused entries to ${deadKey}: ${String(failed)}`);
    for (const e of batch) this.unsent.delete(e.id);
    this.failures = 0;
  }

  close(): void {
    this.closed = true;
    if (this.timer) this.options.scheduler.clearTimeout(this.timer);
  }
}
