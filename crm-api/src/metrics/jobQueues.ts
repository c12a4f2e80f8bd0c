import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { RELAY_QUEUE } from '../jobs/relayDelivery';
import { MAINTENANCE_QUEUE, SMS_QUEUE } from '../jobs/workers';
import type { JobCountSource } from './crmMetrics';

/** The BullMQ queues crm-api's workers run: their sizes are metrics. */
export const WATCHED_QUEUES = [SMS_QUEUE, RELAY_QUEUE, MAINTENANCE_QUEUE];
const STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * Reads Redis for health and metrics on a connection of its own: a PING for readiness and the
 * job counts of each queue (read-only BullMQ Queue handles; the workers own the real ones).
 * It never waits for Redis: with no offline queue a command fails at once while Redis is away.
 */
export interface RedisWatch extends JobCountSource {
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function watchRedis(options: { redisUrl: string; prefix: string }): RedisWatch {
  const redis = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined); // reported through readiness, not as log noise per retry
  const queues = WATCHED_QUEUES.map((name) => new Queue(name, { connection: redis, prefix: options.prefix }));
  for (const q of queues) q.on('error', () => undefined);
  return {
    async ping() {
      if (redis.status !== 'ready') throw new Error(`redis is not connected (${redis.status})`);
      const answer = await redis.ping();
      if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
    },
    async jobCounts() {
      if (redis.status !== 'ready') throw new Error(`redis is not connected (${redis.status})`);
      const entries = await Promise.all(queues.map(async (q) => [q.name, await q.getJobCounts(...STATES)] as const));
      return Object.fromEntries(entries);
    },
    async close() {
      await Promise.allSettled(queues.map((q) => q.close()));
      redis.disconnect();
    },
  };
}
