import { QUEUE_IDS, type QueueId } from '@cc1357/contracts';
import type { VirtualHoldTicket } from '../../core/virtual-hold';
import type { LiveState } from './live-state';

/**
 * Virtual hold tickets in Redis, shared by every process and kept across a telephony restart:
 * per queue a sorted set of ticket ids by the place kept (`vhold:queue:<queue>`), and the tickets
 * themselves in one hash (`vhold:tickets`). A ticket is claimed by removing it from its queue's
 * set: ZREM answers 1 to exactly one process.
 */
export class VirtualHoldStore {
  constructor(private readonly state: LiveState) {}

  private queueKey(queue: QueueId): string {
    return this.state.key(`vhold:queue:${queue}`);
  }

  private get ticketsKey(): string {
    return this.state.key('vhold:tickets');
  }

  async add(ticket: VirtualHoldTicket): Promise<void> {
    await this.state.redis
      .multi()
      .hset(this.ticketsKey, ticket.ticketId, JSON.stringify(ticket))
      .zadd(this.queueKey(ticket.queue), ticket.score, ticket.ticketId)
      .exec();
  }

  /** Whether any ticket waits (one read: the dispatcher's fast path when nobody is on virtual hold). */
  async any(): Promise<boolean> {
    return (await this.state.redis.hlen(this.ticketsKey)) > 0;
  }

  /** The oldest ticket of a queue, or null. */
  async head(queue: QueueId): Promise<VirtualHoldTicket | null> {
    const [ticketId] = await this.state.redis.zrange(this.queueKey(queue), '0', '0');
    if (!ticketId) return null;
    const json = await this.state.redis.hget(this.ticketsKey, ticketId);
    return json ? (JSON.parse(json) as VirtualHoldTicket) : null;
  }

  /** The place (score) of a queue's oldest ticket, or null: one read, for the ACD's pass. */
  async headScore(queue: QueueId): Promise<number | null> {
    const [, score] = await this.state.redis.zrange(this.queueKey(queue), '0', '0', 'WITHSCORES');
    return score === undefined ? null : Number(score);
  }

  /** Takes the ticket off its queue; true for the one process that got it. */
  async claim(ticket: VirtualHoldTicket): Promise<boolean> {
    const removed = await this.state.redis.zrem(this.queueKey(ticket.queue), ticket.ticketId);
    if (removed !== 1) return false;
    await this.state.redis.hdel(this.ticketsKey, ticket.ticketId);
    return true;
  }

  /** Puts a claimed ticket back in its place (no agent could be reserved after all). */
  async restore(ticket: VirtualHoldTicket): Promise<void> {
    await this.add(ticket);
  }

  private get dialingKey(): string {
    return this.state.key('vhold:dialing');
  }

  /** The ticket being called back by this outbound call (until the agent has answered). */
  async dialing(callId: string, ticket: VirtualHoldTicket): Promise<void> {
    await this.state.redis.hset(this.dialingKey, callId, JSON.stringify(ticket));
  }

  /** The ticket a call back was for, taken off the dialing list; null when none (or taken already). */
  async takeDialing(callId: string): Promise<VirtualHoldTicket | null> {
    const [[, json], [, removed]] = ((await this.state.redis
      .multi()
      .hget(this.dialingKey, callId)
      .hdel(this.dialingKey, callId)
      .exec()) ?? [
      [null, null],
      [null, 0],
    ]) as [[unknown, string | null], [unknown, number]];
    return json && removed === 1 ? (JSON.parse(json) as VirtualHoldTicket) : null;
  }

  /** Tickets waiting in a queue (callers on virtual hold keep their place in its line). */
  async count(queue: QueueId): Promise<number> {
    return this.state.redis.zcard(this.queueKey(queue));
  }

  /** The places (scores) of a queue's tickets up to `below` (exclusive), at most `limit`, ascending. */
  async scoresBelow(queue: QueueId, below: number, limit: number): Promise<number[]> {
    const flat = await this.state.redis.zrangebyscore(
      this.queueKey(queue),
      '-inf',
      `(${below}`,
      'WITHSCORES',
      'LIMIT',
      0,
      limit,
    );
    return flat.filter((_, i) => i % 2 === 1).map(Number);
  }

  /** Tickets waiting per queue (the wallboard's count). */
  async countByQueue(): Promise<Map<QueueId, number>> {
    const multi = this.state.redis.multi();
    for (const queue of QUEUE_IDS) multi.zcard(this.queueKey(queue));
    const replies = (await multi.exec()) ?? [];
    return new Map(QUEUE_IDS.map((queue, i) => [queue, Number(replies[i]?.[1] ?? 0)]));
  }
}
