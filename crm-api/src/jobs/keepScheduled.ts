import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface KeepScheduledOptions {
  queue: Queue;
  /** The job scheduler's id, also the job name. */
  id: string;
  everyMs: number;
  log: Logger;
  /** How often the scheduler's presence is checked (ms; default 60 s). */
  checkEveryMs?: number;
  /** Its connection: a reconnect (Redis restarted, perhaps empty) checks at once. */
  connection?: Redis;
}

/**
 * A BullMQ job scheduler lives only in Redis: when Redis restarts without persistence or is
 * flushed, the recurring job silently stops. This registers it, then looks now and then (and
 * after every reconnect) whether it is still there and registers it again when it is not. It
 * only upserts a missing scheduler, so a present one keeps its next run.
 */
export function keepScheduled(o: KeepScheduledOptions): { ensure(): Promise<boolean>; close(): void } {
  let closed = false;
  let running: Promise<boolean> | null = null;
  const ensureOnce = async (): Promise<boolean> => {
    if (closed || (await o.queue.getJobScheduler(o.id))) return false;
    await o.queue.upsertJobScheduler(o.id, { every: o.everyMs }, { name: o.id });
    return true;
  };
  /** True when the scheduler was missing and is registered now. */
  const ensure = () =>
    (running ??= ensureOnce()
      .catch((err: unknown) => {
        o.log.warn({ err: (err as Error).message, scheduler: o.id }, 'could not check or register a job scheduler');
        return false;
      })
      .finally(() => {
        running = null;
      }));
  void ensure();
  const timer = setInterval(() => void ensure(), o.checkEveryMs ?? 60_000);
  timer.unref();
  const onReady = () => void ensure();
  o.connection?.on('ready', onReady);
  return {
    ensure,
    close() {
      closed = true;
      clearInterval(timer);
      o.connection?.off('ready', onReady);
    },
  };
}
