import type { LiveState } from './live-state';

/** How long a node counts as alive after its last beat (wall-clock ms). */
export const NODE_ALIVE_MS = 10_000;
/** Least time between two reads for callers of a node not known alive (ms). */
const UNKNOWN_NODE_READ_MS = 250;

/**
 * Which telephony nodes are alive, from their heartbeats in Redis (`nodes:alive`, a sorted set of
 * node → wall-clock ms of its last beat). The ACD gives an agent to the earliest caller of a queue
 * whichever node holds them, and reserves it for them (their node rings it); a node that died must
 * not keep agents from the living, so only callers of nodes that beat within NODE_ALIVE_MS count.
 * Wall-clock time, not the scheduler's: liveness is the processes', not the call center's clock
 * (the tests' fast clocks start at each process's own start and would disagree).
 */
export class NodeBeats {
  private alive: ReadonlySet<string>;
  private readAt = -Infinity;

  constructor(
    private readonly state: LiveState,
    private readonly node: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.alive = new Set([node]);
  }

  private get key(): string {
    return this.state.key('nodes:alive');
  }

  /** Writes this node's beat and reads who else beat lately (one round trip). */
  async beat(): Promise<void> {
    const now = this.clock();
    const [, [, ids] = []] = ((await this.state.redis
      .multi()
      .zadd(this.key, now, this.node)
      .zrangebyscore(this.key, now - NODE_ALIVE_MS, '+inf')
      .zremrangebyscore(this.key, '-inf', now - 60 * NODE_ALIVE_MS)
      .exec()) ?? []) as [[unknown, unknown]?, [unknown, string[]]?];
    this.remember(now, ids ?? []);
  }

  /**
   * The nodes alive among `nodes`' owners, as of the last beat — read again first when one of
   * them is not known alive (a node started since: its callers take their turn at once), at most
   * every UNKNOWN_NODE_READ_MS (the callers of a dead node do not cost a read per pass).
   */
  async aliveAmong(nodes: Iterable<string>): Promise<ReadonlySet<string>> {
    const unknown = [...nodes].some((n) => !this.alive.has(n));
    const now = this.clock();
    if (unknown && now - this.readAt >= UNKNOWN_NODE_READ_MS) {
      this.remember(now, await this.state.redis.zrangebyscore(this.key, now - NODE_ALIVE_MS, '+inf'));
    }
    return this.alive;
  }

  private remember(at: number, ids: string[]): void {
    this.readAt = at;
    this.alive = new Set([this.node, ...ids]);
  }

  /** A node shutting down says so: the others stop leaving agents to its callers at once. */
  async leave(): Promise<void> {
    await this.state.redis.zrem(this.key, this.node);
  }
}
