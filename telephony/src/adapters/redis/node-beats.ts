import type { ChainableCommander } from 'ioredis';
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
 *
 * The beat also carries the node's door (app/door.ts): closed nodes are in `nodes:door-closed`,
 * renewed with each beat, so the wallboard can say how many doors are closed now.
 */
export class NodeBeats {
  private alive: ReadonlySet<string>;
  private readAt = -Infinity;
  private readonly clock: () => number;
  /** Whether the door mark last written says closed (a node starts open). */
  private markedClosed = false;

  constructor(
    private readonly state: LiveState,
    private readonly node: string,
    private readonly options: {
      /** Wall-clock ms (default Date.now). */
      clock?: () => number;
      /** This node's door (app/door.ts); absent: no door mark is written. */
      door?: { isOpen(): boolean };
      /** Told when the door mark written changes: the wallboards are to be built again. */
      doorMarked?: () => void;
    } = {},
  ) {
    this.alive = new Set([node]);
    this.clock = options.clock ?? Date.now;
  }

  private get key(): string {
    return this.state.key('nodes:alive');
  }

  /**
   * The nodes whose door is closed, each scored with the wall-clock ms of its last beat that found
   * it closed: the mark is renewed with the beat, so a node that dies with its door closed stops
   * counting when it stops counting as alive (a key per node with a TTL would need a scan to count).
   */
  private get doorKey(): string {
    return this.state.key('nodes:door-closed');
  }

  /**
   * Writes this node's beat (with its door mark) and reads who else beat lately (one round trip).
   */
  async beat(): Promise<void> {
    const now = this.clock();
    const multi = this.state.redis
      .multi()
      .zadd(this.key, now, this.node)
      .zrangebyscore(this.key, now - NODE_ALIVE_MS, '+inf')
      .zremrangebyscore(this.key, '-inf', now - 60 * NODE_ALIVE_MS);
    const closed = this.doorClosed();
    if (closed !== null) this.addDoorMark(multi, now, closed);
    const [, [, ids] = []] = ((await multi.exec()) ?? []) as [[unknown, unknown]?, [unknown, string[]]?];
    this.remember(now, ids ?? []);
    if (closed !== null) this.marked(closed);
  }

  /** Writes this node's door mark now (the door just closed or opened), not at the next beat. */
  async markDoor(): Promise<void> {
    const closed = this.doorClosed();
    if (closed === null) return;
    const multi = this.state.redis.multi();
    this.addDoorMark(multi, this.clock(), closed);
    const replies = await multi.exec();
    const failed = (replies ?? []).find(([err]) => err)?.[0];
    if (failed || !replies) throw new Error(`writing the door mark failed: ${String(failed)}`);
    this.marked(closed);
  }

  /** How many nodes' doors are closed now, among the nodes alive (every node sharing this Redis). */
  async closedDoors(): Promise<number> {
    return this.state.redis.zcount(this.doorKey, this.clock() - NODE_ALIVE_MS, '+inf');
  }

  private doorClosed(): boolean | null {
    return this.options.door ? !this.options.door.isOpen() : null;
  }

  private addDoorMark(multi: ChainableCommander, now: number, closed: boolean): void {
    if (closed) multi.zadd(this.doorKey, now, this.node);
    else multi.zrem(this.doorKey, this.node);
    multi.zremrangebyscore(this.doorKey, '-inf', now - 60 * NODE_ALIVE_MS);
  }

  private marked(closed: boolean): void {
    if (closed === this.markedClosed) return;
    this.markedClosed = closed;
    this.options.doorMarked?.();
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

  /**
   * A node shutting down says so: the others stop leaving agents to its callers at once, and its
   * door no longer counts as closed.
   */
  async leave(): Promise<void> {
    await this.state.redis.multi().zrem(this.key, this.node).zrem(this.doorKey, this.node).exec();
    this.marked(false);
  }
}
