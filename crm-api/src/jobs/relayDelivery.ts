import { RelayPackage, signedWebhookHeaders } from '@cc1357/contracts';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { PartnerCenters } from '../domain/partnerCenters';
import {
  claimRelayDelivery,
  markRelayDead,
  markRelayDelivered,
  noteRelayAttemptError,
  queuedRelayDeliveries,
  relayPackageRow,
  type RelayPackageRow,
} from '../repositories/relayDelivery';

/**
 * Sends relay packages to partner centers' systems: one BullMQ job per delivery, retried with
 * exponential backoff, then a dead letter (the row's `delivery_status = 'dead'`) that supervisors
 * list and retry. The row is the truth and is claimed before each attempt, so a stray or
 * repeated job never sends a delivered package again; the partner dedupes on X-1357-Delivery
 * (the relay's idempotency key), which stays the same across retries and redeliveries. Each
 * attempt is signed afresh (a retry hours later must still fall in the partner's replay window).
 */

export const RELAY_QUEUE = 'crm-relay-delivery';
export const RELAY_ATTEMPTS = 5;

export interface RelayDeliveryOptions {
  db: pg.Pool;
  redisUrl: string;
  prefix: string;
  partners: PartnerCenters;
  log: Logger;
  now: () => Date;
  /** First retry delay (ms), doubled each attempt (default 5 s: 5, 10, 20, 40 s). */
  backoffMs?: number;
  attempts?: number;
  /** How long the partner's system may take to answer (ms). */
  timeoutMs?: number;
  /** How often queued rows Redis may have lost are enqueued again (ms). */
  sweepIntervalMs?: number;
}

export interface RelayDelivery {
  /** Hands one delivery to BullMQ (best effort: the sweep retries what did not make it). */
  enqueue(id: string, redeliveries: number): Promise<boolean>;
  sweepOnce(): Promise<number>;
  close(): Promise<void>;
}

/** The package as the partner receives it. */
export function relayPackageOf(row: RelayPackageRow): RelayPackage {
  return RelayPackage.parse({
    version: 1,
    deliveryId: row.idempotencyKey,
    relayId: row.id,
    partnerId: row.partnerId,
    caller: { number: row.callerNumber },
    company: row.company,
    category: row.category,
    question: row.question,
    consultation: { id: row.consultationId, summary: row.context },
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    callback: { requested: row.callbackNumber !== null, number: row.callbackNumber, partnerOpen: row.partnerOpen },
    outcomePath: `/api/partners/${row.partnerId}/outcomes`,
  });
}

export function startRelayDelivery(o: RelayDeliveryOptions): RelayDelivery {
  const log = o.log.child({ component: 'relay-delivery' });
  const attempts = o.attempts ?? RELAY_ATTEMPTS;
  const producer = new Redis(o.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  producer.on('error', (err) => log.debug({ err: err.message }, 'redis (producer) error'));
  const workerConn = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  workerConn.on('error', (err) => log.debug({ err: err.message }, 'redis (worker) error'));
  const queue = new Queue(RELAY_QUEUE, { connection: producer, prefix: o.prefix });
  queue.on('error', (err) => log.debug({ err: err.message }, 'relay queue error'));

  const attempt = async (id: string): Promise<void> => {
    const row = await relayPackageRow(o.db, id);
    const webhook = row ? o.partners.get(row.partnerId).webhook : null;
    if (!row || !webhook) throw new Error('no webhook is configured for this partner');
    const body = JSON.stringify(relayPackageOf(row));
    const headers = await signedWebhookHeaders(webhook.secret, body, o.now(), row.idempotencyKey);
    const res = await fetch(webhook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    await res.body?.cancel();
    if (!res.ok) throw new Error(`partner answered HTTP ${res.status}`);
  };

  const worker = new Worker(
    RELAY_QUEUE,
    async (job: Job<{ relayId: string }>) => {
      const id = job.data.relayId;
      if (!(await claimRelayDelivery(o.db, id))) return 'skipped'; // delivered, dead or unknown
      try {
        await attempt(id);
        await markRelayDelivered(o.db, id, o.now());
        log.info({ relayId: id }, 'relay package delivered');
        return 'delivered';
      } catch (err) {
        const message = (err as Error).message;
        if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
          await markRelayDead(o.db, id, message, o.now());
          log.warn({ relayId: id, err: message }, 'relay package is a dead letter');
        } else await noteRelayAttemptError(o.db, id, message);
        throw err;
      }
    },
    { connection: workerConn, prefix: o.prefix, concurrency: 4 },
  );
  worker.on('error', (err) => log.debug({ err: err.message }, 'relay worker error'));

  const enqueue = async (id: string, redeliveries: number): Promise<boolean> => {
    try {
      const add = queue.add(
        'deliver',
        { relayId: id },
        {
          // A new id per supervisor retry; the same one for the sweep, so it never doubles a job.
          jobId: `relay-${id}-${redeliveries}`,
          attempts,
          backoff: { type: 'exponential', delay: o.backoffMs ?? 5000 },
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      );
      add.catch(() => undefined);
      await Promise.race([
        add,
        new Promise((_, reject) => setTimeout(() => reject(new Error('redis did not answer')), 1000).unref()),
      ]);
      return true;
    } catch (err) {
      log.warn({ relayId: id, err: (err as Error).message }, 'relay delivery left to the sweep (redis unavailable)');
      return false;
    }
  };

  let sweeping: Promise<number> | null = null;
  const sweepOnce = () =>
    (sweeping ??= (async () => {
      let handed = 0;
      try {
        for (const row of await queuedRelayDeliveries(o.db, 200)) {
          if (!(await enqueue(row.id, row.redeliveries))) break;
          handed++;
        }
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'relay sweep failed');
      } finally {
        sweeping = null;
      }
      return handed;
    })());
  const timer = setInterval(() => void sweepOnce(), o.sweepIntervalMs ?? 30_000);
  timer.unref();

  let closing: Promise<void> | null = null;
  return {
    enqueue,
    sweepOnce,
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        await sweeping?.catch(() => undefined);
        const bounded = (p: Promise<unknown>, ms: number) =>
          Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, ms).unref())]);
        await bounded(worker.close(), 5000);
        await bounded(queue.close(), 2000);
        producer.disconnect();
        workerConn.disconnect();
      })();
      return closing;
    },
  };
}
