import type { Redis } from 'ioredis';
import type { MonitorSession } from '../../core/monitoring';

/**
 * The monitoring sessions a node runs, in Redis, so the process that takes over the node after a
 * restart knows what the last one left (its channels, who, since when) and can end each with a
 * `monitor.ended`. Key under the configured prefix:
 *   monitors:<node>   hash sessionId → MonitorSession JSON
 * Per node, like the channel index: sessions live in the process that controls the call.
 */
export class MonitorSessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly node: string,
  ) {}

  private get key(): string {
    return `${this.prefix}monitors:${this.node}`;
  }

  async save(session: MonitorSession): Promise<void> {
    await this.redis.hset(this.key, session.id, JSON.stringify(session));
  }

  async remove(sessionId: string): Promise<void> {
    await this.redis.hdel(this.key, sessionId);
  }

  /** Every session saved for this node (a field that does not parse is dropped: nothing to end). */
  async list(): Promise<MonitorSession[]> {
    const all = await this.redis.hgetall(this.key);
    const sessions: MonitorSession[] = [];
    for (const [id, json] of Object.entries(all)) {
      try {
        sessions.push(JSON.parse(json) as MonitorSession);
      } catch {
        await this.redis.hdel(this.key, id);
      }
    }
    return sessions;
  }
}
