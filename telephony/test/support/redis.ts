import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** A Redis connection plus a random key prefix; `cleanup()` deletes that prefix's keys only. */
export function testRedis(): { redis: Redis; prefix: string; cleanup(): Promise<void> } {
  const redis = new Redis(TEST_REDIS_URL);
  const prefix = `test:tel:${randomBytes(5).toString('hex')}:`;
  return {
    redis,
    prefix,
    async cleanup() {
      await deleteKeysWithPrefix(redis, prefix);
      await redis.quit();
    },
  };
}

/** Deletes every key under `prefix` (SCAN, not KEYS: other tests' keys share the server). */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
}
