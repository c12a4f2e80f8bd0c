import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveState } from '../../src/adapters/redis/live-state';
import { NODE_ALIVE_MS, NodeBeats } from '../../src/adapters/redis/node-beats';
import { TEST_REDIS_URL, testRedis } from '../support/redis';

/** The door marks the nodes' beats carry (real Redis, one connection per node, a hand-moved wall clock). */
describe('NodeBeats: the nodes’ doors', () => {
  let env: ReturnType<typeof testRedis>;
  let conns: Redis[];
  let wall: number;
  beforeEach(() => {
    env = testRedis();
    conns = [];
    wall = Date.parse('2026-11-26T01:00:00.000Z');
  });
  afterEach(async () => {
    await Promise.all(conns.map((c) => c.quit()));
    await env.cleanup();
  });

  /** A node with its own connection, its door (open until the test closes it) and its wake-ups counted. */
  const nodeOf = (id: string, withDoor = true) => {
    const door = { open: true, isOpen: () => door.open };
    const conn = new Redis(TEST_REDIS_URL);
    conns.push(conn);
    const woken = { count: 0 };
    const beats = new NodeBeats(new LiveState(conn, env.prefix), id, {
      clock: () => wall,
      ...(withDoor ? { door } : {}),
      doorMarked: () => void woken.count++,
    });
    return { beats, door, woken };
  };

  it('counts the doors closed now over every node, from any node', async () => {
    const a = nodeOf('node-a');
    const b = nodeOf('node-b');
    const c = nodeOf('node-c');
    await Promise.all([a.beats.beat(), b.beats.beat(), c.beats.beat()]);
    expect(await a.beats.closedDoors()).toBe(0);

    b.door.open = false;
    await b.beats.markDoor(); // the door just closed: marked at once, not at the next beat
    c.door.open = false;
    await c.beats.beat(); // or with the beat
    expect(await a.beats.closedDoors()).toBe(2);
    expect(await b.beats.closedDoors()).toBe(2);

    b.door.open = true;
    await b.beats.markDoor();
    expect(await a.beats.closedDoors()).toBe(1);
    await c.beats.leave(); // shut down with its door closed: no longer counted
    expect(await a.beats.closedDoors()).toBe(0);
  });

  it('stops counting a node that died with its door closed once it stops counting as alive', async () => {
    const a = nodeOf('node-a');
    const b = nodeOf('node-b');
    b.door.open = false;
    await Promise.all([a.beats.beat(), b.beats.beat()]);
    wall += NODE_ALIVE_MS / 4;
    await Promise.all([a.beats.beat(), b.beats.beat()]); // still closed: the mark is renewed
    wall += NODE_ALIVE_MS - 1;
    expect(await a.beats.closedDoors()).toBe(1);
    // node-b beats no more (killed): its last mark ages out with its liveness.
    wall += 2;
    await a.beats.beat();
    expect(await a.beats.closedDoors()).toBe(0);
    expect((await a.beats.aliveAmong(['node-b'])).has('node-b')).toBe(false);
  });

  it('wakes the wallboards when its mark changes, not on every beat', async () => {
    const a = nodeOf('node-a');
    await a.beats.beat();
    expect(a.woken.count).toBe(0); // open from the start
    a.door.open = false;
    await a.beats.markDoor();
    await a.beats.beat();
    await a.beats.beat();
    expect(a.woken.count).toBe(1);
    a.door.open = true;
    await a.beats.beat(); // a mark written late (a failed markDoor) still wakes them
    expect(a.woken.count).toBe(2);
    a.door.open = false;
    await a.beats.markDoor();
    await a.beats.leave();
    expect(a.woken.count).toBe(4);
  });

  it('writes no mark for a node without a door, and clears a mark left by its earlier life', async () => {
    const before = nodeOf('node-a');
    before.door.open = false;
    await before.beats.beat(); // then killed, and started again at once
    const after = nodeOf('node-a');
    await after.beats.beat();
    expect(await after.beats.closedDoors()).toBe(0);
    const doorless = nodeOf('node-z', false);
    await doorless.beats.markDoor();
    await doorless.beats.beat();
    expect(await env.redis.zrange(`${env.prefix}nodes:door-closed`, '0', '-1')).toEqual([]);
  });
});
