import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * The epoch key: a random value set once per Redis lifetime. A Redis that restarted without
 * persistence or was flushed no longer has it, which is how every process notices the loss
 * (`core/redis-loss.ts` decides from what it reads).
 *   epoch   string, set with NX: the first process to look after a loss claims it
 */
export class RedisEpoch {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private get key(): string {
    return `${this.prefix}epoch`;
  }

  read(): Promise<string | null> {
    return this.redis.get(this.key);
  }

  /** Sets a new epoch unless one is there; returns the epoch in force (ours or the one that won). */
  async claim(): Promise<string> {
    const mine = randomUUID();
    if ((await this.redis.set(this.key, mine, 'NX')) === 'OK') return mine;
    const theirs = await this.redis.get(this.key);
    // Gone again between the two commands (a second flush): the next check notices.
    return theirs ?? mine;
  }
}
