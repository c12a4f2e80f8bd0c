import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveState } from '../../src/adapters/redis/live-state';
import { LiveMemory, RememberingLiveState } from '../../src/adapters/redis/remembering-live-state';
import { type LiveCall, newCall } from '../../src/core/call';
import { TEST_REDIS_URL, testRedis } from '../support/redis';

const T = new Date('2026-11-26T01:00:00.000Z');

function call(callId: string, extra: Partial<LiveCall> = {}): LiveCall {
  return { ...newCall({ callId, node: 'n1', callerChannelId: `${callId}-caller`, callerNumber: null }, T), ...extra };
}

/** The process's own copy of the calls it saves, over real Redis. */
describe('RememberingLiveState: its own calls', () => {
  let env: ReturnType<typeof testRedis>;
  let state: RememberingLiveState;
  let other: LiveState; // another process reading the same Redis
  beforeEach(() => {
    env = testRedis();
    state = new RememberingLiveState(env.redis, env.prefix, new LiveMemory());
    other = new LiveState(env.redis, env.prefix);
  });
  afterEach(async () => env.cleanup());

  it('reads a call it saved from its own copy, and Redis has the same call for every other reader', async () => {
    const saved = call('c1', { state: 'queued', queue: 'fund' });
    await state.saveCall(saved);
    // Changed behind its back (nothing in the product does this: only the call's node writes it).
    await env.redis.hset(state.key('calls'), 'c1', JSON.stringify({ ...saved, state: 'ended' }));
    expect((await state.getCall('c1'))?.state).toBe('queued');
    expect((await other.getCall('c1'))?.state).toBe('ended');
  });

  it('hands each reader its own object', async () => {
    await state.saveCall(call('c1', { state: 'queued', ivrPath: ['notice'] }));
    const first = await state.getCall('c1');
    first!.ivrPath.push('changed');
    first!.state = 'ended';
    expect(await state.getCall('c1')).toMatchObject({ state: 'queued', ivrPath: ['notice'] });
  });

  it('reads calls it does not hold from Redis, in the order asked', async () => {
    await state.saveCall(call('mine'));
    await other.saveCall({ ...call('theirs'), node: 'n2' });
    const found = await state.getCalls(['theirs', 'nobody', 'mine']);
    expect(found.map((c) => c?.callId ?? null)).toEqual(['theirs', null, 'mine']);
    expect(await state.getCall('theirs')).toMatchObject({ callId: 'theirs', node: 'n2' });
  });

  it('finds a call by its channels, and a forgotten call by none of them, old agent legs included', async () => {
    await state.saveCall(call('c1', { state: 'offering', agentChannelId: 'leg-1' }));
    // The first leg rang out; the next agent's leg replaced it.
    await state.saveCall(call('c1', { state: 'offering', agentChannelId: 'leg-2' }));
    expect(await state.callIdOfChannel('n1', 'leg-1')).toBe('c1');
    expect(await state.callIdOfChannel('n1', 'leg-2')).toBe('c1');
    expect(await state.callIdOfChannel('n2', 'leg-2')).toBeNull(); // another node's channel of that id

    // The call ends; its last step names only its last legs.
    const last = call('c1', { state: 'ended', agentChannelId: 'leg-2' });
    await state.deleteCall(last, [last.callerChannelId, 'leg-2']);
    expect(await state.getCall('c1')).toBeNull();
    for (const channel of ['c1-caller', 'leg-1', 'leg-2']) {
      expect(await state.callIdOfChannel('n1', channel)).toBeNull();
      expect(await other.callIdOfChannel('n1', channel)).toBeNull(); // gone from the index too
    }
  });

  it('asks Redis again about a call whose save failed', async () => {
    await state.saveCall(call('c1', { state: 'queued' }));
    // Another process whose connection is not up yet: its commands fail at once.
    const late = new Redis(TEST_REDIS_URL, { lazyConnect: true, enableOfflineQueue: false });
    try {
      const failing = new RememberingLiveState(late, env.prefix, new LiveMemory());
      await expect(failing.saveCall(call('c1', { state: 'ended' }))).rejects.toThrow();
      // The failed command started the connection; wait until it is up.
      if (late.status !== 'ready') await new Promise((ready) => late.once('ready', ready));
      // It never got that save through, so it must not answer from it: Redis still has `queued`.
      expect((await failing.getCall('c1'))?.state).toBe('queued');
      expect(await failing.callIdOfChannel('n1', 'c1-caller')).toBe('c1'); // from the index in Redis
    } finally {
      late.disconnect();
    }
  });
});
