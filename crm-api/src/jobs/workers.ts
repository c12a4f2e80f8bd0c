import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from 'pino';
import { refreshCohorts } from '../repositories/cohorts';
import { keepScheduled } from './keepScheduled';
import {
  claimForDelivery,
  markDelivered,
  markEnqueued,
  markFailed,
  markSent,
  noteAttemptError,
  pendingOutbox,
} from '../repositories/sms';
import type { SmsGateway } from './smsGateway';

/**
 * crm-api's BullMQ side: SMS delivery from the outbox, and the cohort refresh. Postgres holds
 * every message first; Redis only carries "deliver #id" jobs, so a Redis outage loses nothing:
 * the relay loop re-enqueues outbox rows not yet handed over, and the worker re-checks the row.
 */

export const SMS_QUEUE = 'crm-sms';
export const MAINTENANCE_QUEUE = 'crm-maintenance';
export const SMS_ATTEMPTS = 3;

export interface WorkerOptions {
  db: pg.Pool;
  redisUrl: string;
  /** BullMQ key prefix (tests use a random one). */
  prefix?: string;
  gateway: SmsGateway;
  log: Logger;
  now: () => Date;
  /** How often the outbox relay looks for rows not handed to BullMQ (ms). */
  relayIntervalMs?: number;
  /** Cohort refresh period (ms); 0 disables the scheduler. */
  cohortRefreshMs?: number;
  smsBackoffMs?: number;
  /** How long a hand-off to Redis may take before the message is left to the relay (ms). */
  enqueueTimeoutMs?: number;
}

function withTimeout<T>(ms: number, p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`redis did not answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export interface CrmWorkers {
  /** Hands one message to BullMQ now (best effort: on failure the relay loop retries). */
  enqueue(id: string): Promise<boolean>;
  /** One pass of the outbox relay; returns how many rows were handed over. */
  relayOnce(): Promise<number>;
  close(): Promise<void>;
}

export function startCrmWorkers(o: WorkerOptions): CrmWorkers {
  const prefix = o.prefix ?? 'cc1357';
  const log = o.log.child({ component: 'crm-workers' });
  // Producer: fail fast when Redis is away (the row stays in the outbox).
  const producer = new Redis(o.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  producer.on('error', (err) => log.debug({ err: err.message }, 'redis (producer) error'));
  const workerConn = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  workerConn.on('error', (err) => log.debug({ err: err.message }, 'redis (worker) error'));

  const smsQueue = new Queue(SMS_QUEUE, { connection: producer, prefix });
  smsQueue.on('error', (err) => log.debug({ err: err.message }, 'sms queue error'));

  const smsWorker = new Worker(
    SMS_QUEUE,
    async (job: Job<{ messageId: string }>) => {
      const id = job.data.messageId;
      const claim = await claimForDelivery(o.db, id);
      if (!claim) return 'skipped'; // already sent, failed, or unknown: never send twice
      if (claim.optedOut) {
        await markFailed(o.db, id, '수신 거부 번호', o.now());
        return 'opted-out';
      }
      try {
        const result = await o.gateway.send({ id, to: claim.callerNumber, body: claim.body });
        await markSent(o.db, id, result.gatewayId, o.now());
        if (result.delivered) await markDelivered(o.db, id, o.now());
        log.info({ messageId: id }, 'sms queued → sent');
        return 'sent';
      } catch (err) {
        const message = (err as Error).message;
        if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await markFailed(o.db, id, message, o.now());
        else {
          // Back to queued for the next attempt (claim only takes queued rows).
          await noteAttemptError(o.db, id, message);
        }
        throw err;
      }
    },
    { connection: workerConn, prefix, concurrency: 4 },
  );
  smsWorker.on('error', (err) => log.debug({ err: err.message }, 'sms worker error'));
  smsWorker.on('failed', (job, err) =>
    log.warn({ messageId: job?.data.messageId, err: err.message }, 'sms attempt failed'),
  );

  const enqueue = async (id: string): Promise<boolean> => {
    try {
      // BullMQ waits for a connection that may never come: bound it, the outbox keeps the row.
      await withTimeout(
        o.enqueueTimeoutMs ?? 1000,
        smsQueue.add(
          'deliver',
          { messageId: id },
          {
            jobId: `sms-${id}`,
            attempts: SMS_ATTEMPTS,
            backoff: { type: 'exponential', delay: o.smsBackoffMs ?? 2000 },
            removeOnComplete: { age: 24 * 3600 },
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        ),
      );
      await markEnqueued(o.db, id, o.now());
      return true;
    } catch (err) {
      log.warn({ messageId: id, err: (err as Error).message }, 'sms stays in the outbox (redis unavailable)');
      return false;
    }
  };

  let relaying: Promise<number> | null = null;
  const relayOnce = () =>
    (relaying ??= (async () => {
      let handed = 0;
      try {
        for (const id of await pendingOutbox(o.db, 200)) {
          if (!(await enqueue(id))) break;
          handed++;
        }
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'outbox relay pass failed');
      } finally {
        relaying = null;
      }
      return handed;
    })());
  const relayTimer = setInterval(() => void relayOnce(), o.relayIntervalMs ?? 5000);
  relayTimer.unref();

  // Cohort figures: one scheduled job across every crm-api process (BullMQ job scheduler).
  const maintenanceConn = workerConn.duplicate();
  maintenanceConn.on('error', (err) => log.debug({ err: err.message }, 'redis (maintenance) error'));
  let maintenanceQueue: Queue | null = null;
  let maintenanceWorker: Worker | null = null;
  let cohortSchedule: { close(): void } | null = null;
  if ((o.cohortRefreshMs ?? 6 * 3600_000) > 0) {
    maintenanceQueue = new Queue(MAINTENANCE_QUEUE, { connection: producer, prefix });
    maintenanceQueue.on('error', (err) => log.debug({ err: err.message }, 'maintenance queue error'));
    // Registered again whenever Redis has lost it (restart without persistence, flush).
    cohortSchedule = keepScheduled({
      queue: maintenanceQueue,
      id: 'cohort-refresh',
      everyMs: o.cohortRefreshMs ?? 6 * 3600_000,
      log,
      connection: producer,
    });
    maintenanceWorker = new Worker(
      MAINTENANCE_QUEUE,
      async () => {
        const client = await o.db.connect();
        try {
          const r = await refreshCohorts(client, o.now());
          log.info(r, 'cohort figures refreshed');
          return r;
        } finally {
          client.release();
        }
      },
      { connection: maintenanceConn, prefix },
    );
    maintenanceWorker.on('error', (err) => log.debug({ err: err.message }, 'maintenance worker error'));
  }

  let closing: Promise<void> | null = null;
  return {
    enqueue,
    relayOnce,
    close() {
      closing ??= (async () => {
        clearInterval(relayTimer);
        cohortSchedule?.close();
        await relaying?.catch(() => undefined);
        // Against an unreachable Redis, BullMQ's close waits for a connection: bounded too.
        await withTimeout(5000, Promise.allSettled([smsWorker.close(), maintenanceWorker?.close()])).catch(
          () => undefined,
        );
        await withTimeout(2000, Promise.allSettled([smsQueue.close(), maintenanceQueue?.close()])).catch(
          () => undefined,
        );
        producer.disconnect();
        workerConn.disconnect();
        maintenanceConn.disconnect();
      })();
      return closing;
    },
  };
}
