import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsolePresence } from '../../src/adapters/redis/console-presence';
import { testRedis } from '../support/redis';

const T0 = new Date('2026-11-26T01:00:00.000Z');
const T1 = new Date('2026-11-26T01:00:05.000Z');

describe('ConsolePresence (real Redis)', () => {
  let env: ReturnType<typeof testRedis>;
  let nodeA: ConsolePresence;
  let nodeB: ConsolePresence;
  beforeEach(() => {
    env = testRedis();
    nodeA = new ConsolePresence(env.redis, env.prefix, 'node-a');
    nodeB = new ConsolePresence(env.redis, env.prefix, 'node-b');
  });
  afterEach(async () => env.cleanup());

  it('an agent who never connected a console is never away', async () => {
    expect(await nodeA.goneSince('1001')).toBeNull();
    expect(await nodeA.allGone()).toEqual(new Map());
  });

  it('is away only once the last of its consoles (on any node) is gone, since the first moment it had none', async () => {
    await nodeA.connected('1001', 's1', T0);
    await nodeB.connected('1001', 's2', T0);
    expect(await nodeA.disconnected('1001', 's1', T0)).toBe(false);
    expect(await nodeA.goneSince('1001')).toBeNull();
    expect(await nodeB.disconnected('1001', 's2', T0)).toBe(true);
    expect(await nodeA.goneSince('1001')).toEqual(T0);
    expect(await nodeB.disconnected('1001', 's2', T1)).toBe(true); // a late duplicate keeps the first time
    expect(await nodeA.goneSince('1001')).toEqual(T0);
    expect([...(await nodeA.allGone()).keys()]).toEqual(['1001']);
    await nodeB.connected('1001', 's3', T1);
    expect(await nodeA.goneSince('1001')).toBeNull();
    expect(await nodeA.allGone()).toEqual(new Map());
  });

  it('a restarted node forgets the consoles it held; those on other nodes stay', async () => {
    await nodeA.connected('1001', 's1', T0);
    await nodeA.connected('1002', 's2', T0);
    await nodeB.connected('1002', 's3', T0);
    await new ConsolePresence(env.redis, env.prefix, 'node-a').forgetThisNode(T1);
    expect(await nodeA.goneSince('1001')).toEqual(T1);
    expect(await nodeA.goneSince('1002')).toBeNull();
  });
});
