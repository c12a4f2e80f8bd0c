import type { Redis } from 'ioredis';

/**
 * Which agents have a console connected, shared by every telephony node (a console reconnects to
 * any of them). Keys under the configured prefix:
 *   consoles:<agentId>  hash `<node>|<socketId>` → ISO time connected
 *   consoles-gone       hash agentId → ISO time the agent's last console went away
 * An agent who never connected a console (driven by tests or tools) has neither and is never "gone".
 */
export class ConsolePresence {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly node: string,
  ) {}

  private sockets(agentId: string): string {
    return `${this.prefix}consoles:${agentId}`;
  }

  private get gone(): string {
    return `${this.prefix}consoles-gone`;
  }

  async connected(agentId: string, socketId: string, now: Date): Promise<void> {
    await this.redis
      .multi()
      .hset(this.sockets(agentId), `${this.node}|${socketId}`, now.toISOString())
      .hdel(this.gone, agentId)
      .exec();
  }

  /** True if that was the agent's last console. */
  async disconnected(agentId: string, socketId: string, now: Date): Promise<boolean> {
    const [, left] = ((await this.redis
      .multi()
      .hdel(this.sockets(agentId), `${this.node}|${socketId}`)
      .hlen(this.sockets(agentId))
      .exec()) ?? []) as [unknown, [Error | null, number]];
    if (left?.[1] !== 0) return false;
    // HSETNX: a console that left earlier keeps the earlier time.
    await this.redis.hsetnx(this.gone, agentId, now.toISOString());
    return true;
  }

  /** Since when the agent has had no console; null while one is connected (or none ever was). */
  async goneSince(agentId: string): Promise<Date | null> {
    const [count, since] = await Promise.all([
      this.redis.hlen(this.sockets(agentId)),
      this.redis.hget(this.gone, agentId),
    ]);
    return count === 0 && since ? new Date(since) : null;
  }

  /** Every agent without a console, with the time the last one left. */
  async allGone(): Promise<Map<string, Date>> {
    const gone = new Map<string, Date>();
    for (const [agentId, since] of Object.entries(await this.redis.hgetall(this.gone))) {
      if ((await this.redis.hlen(this.sockets(agentId))) === 0) gone.set(agentId, new Date(since));
    }
    return gone;
  }

  /** After a restart of this node: the consoles it held are gone (they reconnect wherever they can). */
  async forgetThisNode(now: Date): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}consoles:*`, 'COUNT', 100);
      cursor = next;
      for (const key of keys) {
        const mine = (await this.redis.hkeys(key)).filter((field) => field.startsWith(`${this.node}|`));
        if (mine.length === 0) continue;
        await this.redis.hdel(key, ...mine);
        if ((await this.redis.hlen(key)) === 0)
          await this.redis.hsetnx(this.gone, key.slice(`${this.prefix}consoles:`.length), now.toISOString());
      }
    } while (cursor !== '0');
  }
}
