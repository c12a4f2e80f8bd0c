import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from 'pino';
import { finaliseRecording } from '../services/recordingFinalise';
import { keepScheduled } from './keepScheduled';
import { applyRetention, reconcileRecordings, type MaintenanceDeps } from '../services/recordingMaintenance';
import type { PbxRecordings } from '../storage/pbxRecordings';
import type { RecordingStorage } from '../storage/recordingStorage';

/**
 * Recordings on BullMQ: `finalise` copies one PBX recording into storage (retried with
 * exponential backoff; the last failure marks the row failed), and two schedulers, `reconcile`
 * and `retention`, shared by every crm-api process. Postgres holds the pending row first, so a
 * job lost with Redis is found again by the reconciler.
 */
export const RECORDINGS_QUEUE = 'crm-recordings';

export interface RecordingJobOptions {
  db: pg.Pool;
  redisUrl: string;
  prefix?: string;
  storage: RecordingStorage;
  pbx: PbxRecordings;
  log: Logger;
  now: () => Date;
  retentionDays: number;
  /** Finalise attempts before a recording is marked failed (default 6). */
  attempts?: number;
  /** First retry delay (ms, doubled per attempt; default 2000). */
  backoffMs?: number;
  /** Reconcile period (ms; default 10 min; 0 = not scheduled). */
  reconcileEveryMs?: number;
  /** Retention period check (ms; default 6 h; 0 = not scheduled). */
  retentionEveryMs?: number;
}

export interface RecordingJobs {
  enqueueFinalise(name: string): Promise<boolean>;
  close(): Promise<void>;
}

export function startRecordingJobs(o: RecordingJobOptions): RecordingJobs {
  const prefix = o.prefix ?? 'cc1357';
  const log = o.log.child({ component: 'recording-jobs' });
  const producer = new Redis(o.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  producer.on('error', (err) => log.debug({ err: err.message }, 'redis (producer) error'));
  const workerConn = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  workerConn.on('error', (err) => log.debug({ err: err.message }, 'redis (worker) error'));
  const queue = new Queue(RECORDINGS_QUEUE, { connection: producer, prefix });
  queue.on('error', (err) => log.debug({ err: err.message }, 'recordings queue error'));
  const attempts = o.attempts ?? 6;

  const enqueueFinalise = async (name: string): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      // BullMQ waits for a connection that may never come, and the call-event ingest awaits this:
      // bounded, the row stays pending and the reconciler queues it later.
      const added = queue.add(
        'finalise',
        { name },
        {
          // One live job per recording; a finished one is removed so the reconciler may queue it again.
          jobId: `finalise-${Buffer.from(name).toString('base64url')}`,
          attempts,
          backoff: { type: 'exponential', delay: o.backoffMs ?? 2000 },
          removeOnComplete: true,
          removeOnFail: true,
        },
      );
      added.catch(() => undefined);
      await Promise.race([
        added,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('redis did not answer within 1000 ms')), 1000);
        }),
      ]);
      return true;
    } catch (err) {
      log.warn({ name, err: (err as Error).message }, 'recording stays pending (redis unavailable)');
      return false;
    } finally {
      clearTimeout(timer);
    }
  };

  const maintenance: MaintenanceDeps = {
    db: o.db,
    storage: o.storage,
    now: o.now,
    log,
    retentionDays: o.retentionDays,
    enqueueFinalise,
  };
  const worker = new Worker(
    RECORDINGS_QUEUE,
    async (job: Job<{ name?: string }>) => {
      if (job.name === 'finalise' && job.data.name) {
        const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return finaliseRecording({ db: o.db, storage: o.storage, pbx: o.pbx, now: o.now, log }, job.data.name, last);
      }
      if (job.name === 'reconcile') return reconcileRecordings(maintenance);
      if (job.name === 'retention') return applyRetention(maintenance);
      return 'ignored';
    },
    { connection: workerConn, prefix, concurrency: 2 },
  );
  worker.on('error', (err) => log.debug({ err: err.message }, 'recordings worker error'));

  // Registered again whenever Redis has lost them (restart without persistence, flush).
  const kept: { close(): void }[] = [];
  const schedule = (id: string, every: number) => {
    if (every > 0) kept.push(keepScheduled({ queue, id, everyMs: every, log, connection: producer }));
  };
  schedule('reconcile', o.reconcileEveryMs ?? 600_000);
  schedule('retention', o.retentionEveryMs ?? 6 * 3600_000);

  let closing: Promise<void> | null = null;
  return {
    enqueueFinalise,
    close() {
      closing ??= (async () => {
        for (const k of kept) k.close();
        const bounded = (p: Promise<unknown>) =>
          Promise.race([p, new Promise((r) => setTimeout(r, 5000).unref())]).catch(() => undefined);
        await bounded(worker.close());
        await bounded(queue.close());
        producer.disconnect();
        workerConn.disconnect();
      })();
      return closing;
    },
  };
}
