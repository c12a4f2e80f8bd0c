import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyAgentEvent, newAgent } from '../../src/core/agent-state';
import { LiveState } from '../../src/adapters/redis/live-state';
import { newCall } from '../../src/core/call';
import { TEST_REDIS_URL, testRedis } from '../support/redis';

const T = new Date('2026-11-26T01:00:00.000Z');

describe('LiveState (real Redis)', () => {
  let env: ReturnType<typeof testRedis>;
  let state: LiveState;
  beforeEach(() => {
    env = testRedis();
    state = new LiveState(env.redis, env.prefix);
  });
  afterEach(async () => env.cleanup());

  it('writes an agent only at the expected version', async () => {
    const agent = newAgent('1001', 'Kim', ['fund'], T);
    expect(await state.casAgent(agent, 0)).toBe(true);
    expect(await state.casAgent({ ...agent, state: 'ready' }, 0)).toBe(false); // stale
    expect(await state.casAgent({ ...agent, state: 'ready' }, 1)).toBe(true);
    expect((await state.getAgent('1001'))?.value.state).toBe('ready');
  });

  it('gives one ready agent to exactly one of many racing connections', async () => {
    await state.casAgent({ ...newAgent('1001', 'Kim', ['fund'], T), state: 'ready' }, 0);
    const calls = Array.from({ length: 8 }, (_, i) => `call-${i}`);
    for (const [i, id] of calls.entries()) await state.enqueue('fund', id, i);
    // Eight separate connections, as if eight telephony processes each saw "1001 is ready".
    const conns = calls.map(() => new Redis(TEST_REDIS_URL));
    try {
      const seen = await state.getAgent('1001');
      const results = await Promise.all(
        calls.map((callId, i) => {
          const reserved = applyAgentEvent(seen!.value, { type: 'reserve', callId }, T);
          if (!reserved.ok) throw new Error('unexpected');
          return new LiveState(conns[i]!, env.prefix).reserve('fund', callId, reserved.agent, seen!.version);
        }),
      );
      expect(results.filter((r) => typeof r === 'object')).toHaveLength(1);
      expect(results.filter((r) => r === 'agentChanged')).toHaveLength(7);
      const winner = calls[results.findIndex((r) => typeof r === 'object')]!;
      expect((await state.getAgent('1001'))?.value).toMatchObject({ state: 'reserved', callId: winner });
      expect(await state.queueLength('fund')).toBe(7); // only the winner's call left the queue
      expect(await state.isQueued('fund', winner)).toBe(false);
    } finally {
      await Promise.all(conns.map((c) => c.quit()));
    }
  });

  it('reads an agent and its version as one write left them, while another connection writes', async () => {
    // Each write names the version it makes in the record, so a read can tell whether its two
    // halves belong together. The reader auto-pipelines hundreds of reads in one go (as
    // telephony does), which Redis takes in parts: the writer's commands land in between.
    const writer = new LiveState(new Redis(TEST_REDIS_URL), env.prefix);
    const reader = new LiveState(new Redis(TEST_REDIS_URL, { enableAutoPipelining: true }), env.prefix);
    try {
      await writer.casAgent(newAgent('1001', '1', ['fund'], T), 0);
      let writing = true;
      const writes = (async () => {
        for (let version = 1; writing; version++)
          await writer.casAgent(newAgent('1001', String(version + 1), ['fund'], T), version);
      })();
      const mismatched: string[] = [];
      for (let round = 0; round < 40; round++) {
        const seen = await Promise.all(Array.from({ length: 300 }, () => reader.getAgent('1001')));
        for (const s of seen)
          if (s && s.value.displayName !== String(s.version)) mismatched.push(`${s.value.displayName}@${s.version}`);
      }
      writing = false;
      await writes;
      expect(mismatched).toEqual([]);
    } finally {
      await writer.redis.quit();
      await reader.redis.quit();
    }
  });

  it('reads a floor bigger than one script call takes, each agent with its own version', async () => {
    // 9,000 agents: more than Lua's unpack takes at once (about 8,000 values), so the read goes in parts.
    const ids = Array.from({ length: 9_000 }, (_, i) => String(10_000 + i));
    await Promise.all(ids.map((id) => state.casAgent(newAgent(id, id, ['fund'], T), 0)));
    const rewritten = new Set(ids.filter((_, i) => i % 7 === 0));
    for (const id of rewritten) await state.casAgent({ ...newAgent(id, id, ['fund'], T), state: 'ready' }, 1);
    const { agents } = await state.agentsChangedSince(0);
    expect(agents).toHaveLength(9_000);
    for (const { value, version } of agents) {
      const again = rewritten.has(value.agentId);
      expect({ id: value.agentId, state: value.state, version }).toEqual({
        id: value.agentId,
        state: again ? 'ready' : 'offline',
        version: again ? 2 : 1,
      });
    }
    expect(await state.getAgent('no-such-agent')).toBeNull();
  });

  it('runs a script in the same auto-pipelined batch as other commands, on a connection new to it', async () => {
    // ioredis's defineCommand failed here: a batch opened before the script was defined lacks it.
    const fresh = new LiveState(new Redis(TEST_REDIS_URL, { enableAutoPipelining: true }), env.prefix);
    try {
      await env.redis.script('FLUSH');
      const [, written, read] = await Promise.all([
        fresh.redis.get(fresh.key('anything')),
        fresh.casAgent(newAgent('1001', 'Kim', ['fund'], T), 0),
        fresh.getAgent('1001'),
      ]);
      expect(written).toBe(true);
      expect(read).toMatchObject({ value: { agentId: '1001' }, version: 1 });
    } finally {
      await fresh.redis.quit();
    }
  });

  it('runs its scripts again after Redis forgot them (a restarted server answers NOSCRIPT)', async () => {
    await state.casAgent(newAgent('1001', 'Kim', ['fund'], T), 0);
    await env.redis.script('FLUSH');
    expect(await state.casAgent({ ...newAgent('1001', 'Kim', ['fund'], T), state: 'ready' }, 1)).toBe(true);
    expect(await state.getAgent('1001')).toMatchObject({ value: { state: 'ready' }, version: 2 });
  });

  it('does not reserve for a call that already left the queue', async () => {
    await state.casAgent({ ...newAgent('1001', 'Kim', ['fund'], T), state: 'ready' }, 0);
    const seen = await state.getAgent('1001');
    const reserved = applyAgentEvent(seen!.value, { type: 'reserve', callId: 'gone' }, T);
    if (!reserved.ok) throw new Error('unexpected');
    expect(await state.reserve('fund', 'gone', reserved.agent, seen!.version)).toBe('callGone');
    expect((await state.getAgent('1001'))?.value.state).toBe('ready');
  });

  it('a reservation for another node’s caller lands on that node’s offer list in the same step, and only then', async () => {
    await state.casAgent({ ...newAgent('1001', 'Kim', ['fund'], T), state: 'ready' }, 0);
    await state.enqueue('fund', 'theirs', 1);
    const seen = await state.getAgent('1001');
    const reserved = applyAgentEvent(seen!.value, { type: 'reserve', callId: 'theirs' }, T);
    if (!reserved.ok) throw new Error('unexpected');
    // A stale version: neither the agent, the queue nor the offer list change.
    expect(await state.reserve('fund', 'theirs', reserved.agent, seen!.version + 1, 'node-b')).toBe('agentChanged');
    expect(await state.takeOffers('node-b')).toEqual([]);
    const made = await state.reserve('fund', 'theirs', reserved.agent, seen!.version, 'node-b');
    expect(made).toEqual({ reserved: true, order: expect.any(Number) });
    expect(await state.takeOffers('node-a')).toEqual([]);
    const order = typeof made === 'object' ? made.order : -1;
    expect(await state.takeOffers('node-b')).toEqual([{ callId: 'theirs', agentId: '1001', order }]);
    expect(await state.takeOffers('node-b')).toEqual([]); // taken once
  });

  it('reserves a round in queue order in one step: skips a caller who left, stops at the first agent that changed', async () => {
    for (const id of ['1001', '1002', '1003', '1004'])
      await state.casAgent({ ...newAgent(id, id, ['fund'], T), state: 'ready' }, 0);
    for (const [i, id] of ['c1', 'c3', 'c4', 'c5'].entries()) await state.enqueue('fund', id, i);
    const reservation = async (callId: string, agentId: string, versionOffset = 0, forNode?: string) => {
      const seen = (await state.getAgent(agentId))!;
      const reserved = applyAgentEvent(seen.value, { type: 'reserve', callId }, T);
      if (!reserved.ok) throw new Error('unexpected');
      return { callId, agent: reserved.agent, expectedVersion: seen.version + versionOffset, forNode };
    };
    const results = await state.reserveInOrder('fund', [
      await reservation('c1', '1001'),
      await reservation('c2', '1002'), // never queued: skipped, 1002 stays Ready
      await reservation('c3', '1003', 0, 'node-b'),
      await reservation('c4', '1004', 5), // another process changed 1004: the step stops here
      await reservation('c5', '1002'),
    ]);
    expect(results).toEqual([
      { reserved: true, order: expect.any(Number) },
      'callGone',
      { reserved: true, order: expect.any(Number) },
      'agentChanged',
    ]);
    const [first, , third] = results as [{ order: number }, unknown, { order: number }];
    expect(third.order).toBeGreaterThan(first.order);
    expect((await state.getAgent('1001'))?.value).toMatchObject({ state: 'reserved', callId: 'c1' });
    expect((await state.getAgent('1002'))?.value.state).toBe('ready');
    expect((await state.getAgent('1004'))?.value.state).toBe('ready');
    expect(await state.queueHead('fund', 10)).toEqual(['c4', 'c5']);
    expect(await state.takeOffers('node-b')).toEqual([{ callId: 'c3', agentId: '1003', order: third.order }]);
  });

  it('puts a new place behind every place taken at its priority, and a kept place where it was', async () => {
    expect(await state.takePlace('fund', 'b', 200, 0)).toBe(200);
    // Stamped earlier but arriving later: behind b, not ahead of a caller who may have been served;
    // 1 ms behind, as equal scores would go by call id.
    expect(await state.takePlace('fund', 'a', 100, 0)).toBe(201);
    expect(await state.takePlace('fund', 'c', 201, 0)).toBe(202);
    expect(await state.takePlace('fund', 'd', 300, 0)).toBe(300);
    // Another priority has its own line: its earlier score stands.
    expect(await state.takePlace('fund', 'vip', 50 - 60_000, 1)).toBe(50 - 60_000);
    // A caller going back to a place they had (a missed ring) keeps it.
    await state.enqueue('fund', 'back', 150);
    expect(await state.queueHeadScored('fund', 6)).toEqual([
      { callId: 'vip', score: 50 - 60_000 },
      { callId: 'back', score: 150 },
      { callId: 'b', score: 200 },
      { callId: 'a', score: 201 },
      { callId: 'c', score: 202 },
      { callId: 'd', score: 300 },
    ]);
    // Queues do not share a line.
    expect(await state.takePlace('export', 'e', 100, 0)).toBe(100);
  });

  it('finds a call by any of its channels on its node, and by none once deleted', async () => {
    const call = {
      ...newCall({ callId: 'c1', node: 'n1', callerChannelId: 'caller', callerNumber: null }, T),
      agentChannelId: 'agent',
      partnerChannelId: 'partner',
    };
    await state.saveCall(call);
    const channels = ['caller', 'agent', 'partner'];
    expect(await Promise.all(channels.map((ch) => state.callIdOfChannel('n1', ch)))).toEqual(['c1', 'c1', 'c1']);
    expect(await state.callIdOfChannel('n2', 'caller')).toBeNull();
    await state.deleteCall(call, channels);
    expect(await Promise.all(channels.map((ch) => state.callIdOfChannel('n1', ch)))).toEqual([null, null, null]);
    expect(await state.getCall('c1')).toBeNull();
  });

  it('keeps queue order by score', async () => {
    await state.enqueue('startup', 'b', 20);
    await state.enqueue('startup', 'a', 10);
    await state.enqueue('startup', 'b', 20);
    expect(await state.queueHead('startup', 10)).toEqual(['a', 'b']);
  });

  it('counts the callers refused at the door per Seoul day over every node, kept two days', async () => {
    const other = new LiveState(new Redis(TEST_REDIS_URL), env.prefix); // another node's connection
    try {
      expect(await state.doorRefusedOn('2026-11-26')).toBe(0);
      await Promise.all([
        state.countDoorRefused('2026-11-26'),
        other.countDoorRefused('2026-11-26'),
        state.countDoorRefused('2026-11-26'),
        other.countDoorRefused('2026-11-27'),
      ]);
      expect(await other.doorRefusedOn('2026-11-26')).toBe(3);
      expect(await state.doorRefusedOn('2026-11-27')).toBe(1);
      const ttl = await env.redis.ttl(`${env.prefix}door-refused:2026-11-26`);
      expect(ttl).toBeGreaterThan(86_400);
      expect(ttl).toBeLessThanOrEqual(2 * 86_400);
      // A count Redis refuses is an error the caller sees, not a silent miss.
      await env.redis.hset(`${env.prefix}door-refused:2026-11-28`, 'x', '1');
      await expect(state.countDoorRefused('2026-11-28')).rejects.toThrow(/WRONGTYPE/);
    } finally {
      await other.redis.quit();
    }
  });

  it('gives a lock to one owner at a time and lets only that owner release it', async () => {
    expect(await state.tryLock('outbox', 'node-a', 10_000)).toBe(true);
    expect(await state.tryLock('outbox', 'node-b', 10_000)).toBe(false);
    await state.unlock('outbox', 'node-b'); // not the holder: no effect
    expect(await state.tryLock('outbox', 'node-b', 10_000)).toBe(false);
    await state.unlock('outbox', 'node-a');
    expect(await state.tryLock('outbox', 'node-b', 10_000)).toBe(true);
  });
});
