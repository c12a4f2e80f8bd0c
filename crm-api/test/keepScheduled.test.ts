import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepScheduled } from '../src/jobs/keepScheduled';

/**
 * A recurring job registered again after Redis lost its data. The shared Redis is never flushed:
 * "the loss" deletes this test's own BullMQ prefix.
 */
describe('keepScheduled (real Redis)', () => {
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  let redis: Redis;
  let queue: Queue;
  let prefix: string;
  beforeEach(() => {
    prefix = `test:crm-sched:${randomBytes(5).toString('hex')}`;
    redis = new Redis(url, { maxRetriesPerRequest: null });
    queue = new Queue('crm-test', { connection: redis, prefix });
  });
  afterEach(async () => {
    await loseEverything();
    await queue.close();
    redis.disconnect();
  });
  const loseEverything = async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  };

  it('registers the scheduler, leaves a present one alone, and registers it again once Redis lost it', async () => {
    const kept = keepScheduled({ queue, id: 'nightly', everyMs: 3_600_000, log: pino({ level: 'silent' }) });
    try {
      expect(await kept.ensure()).toBe(true); // the first registration
      const first = await queue.getJobScheduler('nightly');
      expect(first?.every).toBe(3_600_000);
      expect(await kept.ensure()).toBe(false); // present: untouched, its next run kept
      expect((await queue.getJobScheduler('nightly'))?.next).toBe(first?.next);

      await loseEverything();
      expect(await queue.getJobScheduler('nightly')).toBeUndefined();
      expect(await kept.ensure()).toBe(true);
      expect((await queue.getJobScheduler('nightly'))?.every).toBe(3_600_000);
    } finally {
      kept.close();
    }
  });

  it('does nothing once closed', async () => {
    const kept = keepScheduled({ queue, id: 'nightly', everyMs: 60_000, log: pino({ level: 'silent' }) });
    await kept.ensure();
    kept.close();
    await loseEverything();
    expect(await kept.ensure()).toBe(false);
    expect(await queue.getJobScheduler('nightly')).toBeUndefined();
  });
});
