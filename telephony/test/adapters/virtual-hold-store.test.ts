import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveState } from '../../src/adapters/redis/live-state';
import { VirtualHoldStore } from '../../src/adapters/redis/virtual-hold-store';
import type { VirtualHoldTicket } from '../../src/core/virtual-hold';
import { testRedis } from '../support/redis';

const ticket = (ticketId: string, score: number, queue: VirtualHoldTicket['queue'] = 'fund'): VirtualHoldTicket => ({
  ticketId,
  callId: `call-${ticketId}`,
  queue,
  number: '01012345678',
  score,
  heldAt: '2026-12-02T01:00:00.000Z',
});

/** Virtual hold tickets in real Redis (own prefix): order kept, claimed by exactly one process. */
describe('VirtualHoldStore', () => {
  let r: ReturnType<typeof testRedis>;
  let store: VirtualHoldStore;
  beforeEach(() => {
    r = testRedis();
    store = new VirtualHoldStore(new LiveState(r.redis, r.prefix));
  });
  afterEach(() => r.cleanup());

  it('gives the oldest place of a queue first and counts tickets per queue', async () => {
    expect(await store.any()).toBe(false);
    await store.add(ticket('b', 200));
    await store.add(ticket('a', 100));
    await store.add(ticket('h', 50, 'hr'));
    expect(await store.any()).toBe(true);
    expect(await store.head('fund')).toEqual(ticket('a', 100));
    expect([await store.headScore('fund'), await store.headScore('export')]).toEqual([100, null]);
    const counts = await store.countByQueue();
    expect([counts.get('fund'), counts.get('hr'), counts.get('export')]).toEqual([2, 1, 0]);
  });

  it('lets exactly one of two processes claim a ticket; a restored one is back in its place', async () => {
    await store.add(ticket('a', 100));
    await store.add(ticket('b', 200));
    const other = new VirtualHoldStore(new LiveState(r.redis, r.prefix));
    const claims = await Promise.all([store.claim(ticket('a', 100)), other.claim(ticket('a', 100))]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.head('fund')).toEqual(ticket('b', 200));
    await store.restore(ticket('a', 100));
    expect(await store.head('fund')).toEqual(ticket('a', 100));
  });
});
