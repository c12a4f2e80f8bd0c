import { type FloorSnapshotV1, seoulDate } from '@cc1357/contracts';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmClient } from '../../src/adapters/crm/client';
import { LiveState } from '../../src/adapters/redis/live-state';
import { NODE_ALIVE_MS, NodeBeats } from '../../src/adapters/redis/node-beats';
import { FloorService } from '../../src/app/floor';
import { testLog } from '../support/log';
import { ManualScheduler } from '../support/manual-scheduler';
import { TEST_REDIS_URL, testRedis } from '../support/redis';
import { until } from '../support/service-harness';

/**
 * The wallboard's door figures over real Redis: three nodes (one connection each) refuse callers
 * at their doors and close or open them; one node's floor feed says what the center's doors did.
 */
describe('the wallboard’s doors over every node sharing Redis', () => {
  let env: ReturnType<typeof testRedis>;
  let conns: Redis[];
  beforeEach(() => {
    env = testRedis();
    conns = [];
  });
  afterEach(async () => {
    await Promise.all(conns.map((c) => c.quit()));
    await env.cleanup();
  });

  it('sums today’s door refusals of every node and counts the doors closed now, a dead node’s too until it ages out', async () => {
    let wall = Date.parse('2026-11-26T01:00:00.000Z');
    const scheduler = new ManualScheduler(wall);
    const nodes = ['node-a', 'node-b', 'node-c'].map((id) => {
      const conn = new Redis(TEST_REDIS_URL);
      conns.push(conn);
      const state = new LiveState(conn, env.prefix);
      const door = { open: true, isOpen: () => door.open };
      return { state, door, beats: new NodeBeats(state, id, { clock: () => wall, door }) };
    });
    const [a, b, c] = nodes as [(typeof nodes)[0], (typeof nodes)[0], (typeof nodes)[0]];
    const seen: FloorSnapshotV1[] = [];
    const floor = new FloorService({
      state: a.state,
      doors: a.beats,
      crm: { todayStats: async () => null } as unknown as CrmClient,
      scheduler,
      log: testLog,
      emit: (s) => seen.push(s),
      statsTtlMs: 60_000, // no trailing refresh within the test: what comes is the door's rebuild
      doorRecheckMs: 5_000,
    });
    try {
      await Promise.all(nodes.map((n) => n.beats.beat()));
      expect((await floor.snapshot()).door).toEqual({ refusedToday: 0, closedNodes: 0 });

      const today = seoulDate(scheduler.now());
      b.door.open = false;
      c.door.open = false;
      await Promise.all([b.beats.markDoor(), c.beats.markDoor()]);
      await Promise.all([
        b.state.countDoorRefused(today),
        b.state.countDoorRefused(today),
        c.state.countDoorRefused(today),
      ]);
      await b.state.countDoorRefused('2026-11-25'); // yesterday's
      expect((await floor.snapshot()).door).toEqual({ refusedToday: 3, closedNodes: 2 });

      // node-b opens; node-c dies with its door closed (it beats no more).
      b.door.open = true;
      await b.beats.markDoor();
      floor.nudge();
      scheduler.advance(250);
      const pushed = await until(() => seen.at(-1), 'the snapshot after node-b opened');
      expect(pushed.door).toEqual({ refusedToday: 3, closedNodes: 1 });
      wall += NODE_ALIVE_MS + 1;
      await Promise.all([a.beats.beat(), b.beats.beat()]);
      scheduler.advance(5_000); // nothing moved: the rebuild while a door was closed shows it
      const later = await until(() => (seen.length === 2 ? seen[1] : undefined), 'the rebuild');
      expect(later.door).toEqual({ refusedToday: 3, closedNodes: 0 });
    } finally {
      floor.close();
    }
  });
});
