import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script Redis runs by its SHA1 (EVALSHA), sent whole (EVAL) only when Redis answers
 * NOSCRIPT: the first run on a server, and after a restart or SCRIPT FLUSH. `redis.eval` sent the
 * whole source with every call (the agent write and the ACD's reservations, several times per
 * call). Not ioredis's `defineCommand`: an auto-pipeline only carries the scripts defined before
 * it was opened, so a script first run in a tick where other commands were already queued failed
 * ("pipeline[functionName] is not a function"); EVALSHA is a plain command and joins any pipeline.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly lua: string) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  async run(redis: Redis, numberOfKeys: number, ...args: string[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, numberOfKeys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return redis.eval(this.lua, numberOfKeys, ...args);
    }
  }
}
