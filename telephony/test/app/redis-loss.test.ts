import type { CallOfferedV1 } from '@cc1357/contracts';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newAgent } from '../../src/core/agent-state';
import { newCall } from '../../src/core/call';
import type { ConnectedConsole } from '../../src/core/redis-loss';
import { LiveState } from '../../src/adapters/redis/live-state';
import { RedisEpoch } from '../../src/adapters/redis/redis-epoch';
import { LiveMemory, RememberingLiveState } from '../../src/adapters/redis/remembering-live-state';
import { RedisLossWatch } from '../../src/app/redis-loss';
import { testRedis } from '../support/redis';

const T0 = new Date('2026-12-02T01:00:00.000Z');
const log = pino({ level: 'silent' });

/**
 * Redis losing its data, on the real Redis: "the loss" deletes this test's own prefix (never a
 * flush: other tests share this Redis). Two processes (watches) each write back their own share.
 */
describe('RedisLossWatch (real Redis)', () => {
  let env: ReturnType<typeof testRedis>;
  beforeEach(() => {
    env = testRedis();
  });
  afterEach(async () => env.cleanup());

  const loseEverything = async () => {
    const keys = await env.redis.keys(`${env.prefix}*`);
    if (keys.length) await env.redis.del(...keys);
  };

  function process_(node: string, consoles: ConnectedConsole[]) {
    const memory = new LiveMemory();
    const state = new RememberingLiveState(env.redis, env.prefix, memory);
    const seen = { presence: [] as string[], logins: [] as string[], restored: [] as string[], resyncs: 0 };
    const watch = new RedisLossWatch({
      node,
      epoch: new RedisEpoch(env.redis, env.prefix),
      state,
      memory,
      consoles: () => consoles,
      presence: async (agentId, socketId) => void seen.presence.push(`${agentId}|${socketId}`),
      login: async (c) => void seen.logins.push(c.agentId),
      restored: (agent) => void seen.restored.push(agent.agentId),
      resync: async () => void seen.resyncs++,
      log,
    });
    // What Redis itself holds (the process answers its own calls from its copy).
    const redis = new LiveState(env.redis, env.prefix);
    return { memory, state, redis, seen, watch };
  }
  const con = (agentId: string): ConnectedConsole => ({
    agentId,
    socketId: `s${agentId}`,
    displayName: agentId,
    skills: ['fund'],
  });

  it('notices nothing while the data is there, then writes back agents and calls after a loss, once', async () => {
    const a = process_('n1', [con('1001'), con('1009')]);
    expect(await a.watch.check()).toBe(false); // claims the epoch
    await a.state.casAgent({ ...newAgent('1001', 'Kim', ['fund'], T0), state: 'ready' }, 0);
    const call = {
      ...newCall({ callId: 'c1', node: 'n1', callerChannelId: 'ch1', callerNumber: null }, T0),
      state: 'queued' as const,
      queue: 'fund' as const,
      enqueuedAt: T0.toISOString(),
    };
    await a.state.saveCall(call);
    await a.state.saveCall({ ...call, callId: 'c2', callerChannelId: 'ch2' });
    await a.state.deleteCall({ ...call, callId: 'c2', callerChannelId: 'ch2' }, ['ch2']);
    expect(await a.watch.check()).toBe(false);
    expect(a.seen.resyncs).toBe(0);

    await loseEverything();
    expect(await a.redis.getCall('c1')).toBeNull();
    expect(await a.watch.check()).toBe(true);
    expect((await a.state.getAgent('1001'))?.value.state).toBe('ready');
    expect(await a.redis.getCall('c1')).toEqual(call);
    expect(await a.redis.getCall('c2')).toBeNull(); // forgotten before the loss: stays forgotten
    expect(await a.redis.callIdOfChannel('n1', 'ch1')).toBe('c1');
    expect(a.seen).toEqual({
      presence: ['1001|s1001', '1009|s1009'],
      logins: ['1009'],
      restored: ['1001'],
      resyncs: 1,
    });
    expect(await a.watch.check()).toBe(false); // the new epoch is remembered
    expect(a.watch.rebuilt).toBe(1);
  });

  it('a second process notices the loss too after the first claimed the new epoch, and restores its own share', async () => {
    const a = process_('n1', [con('1001')]);
    const b = process_('n2', [con('1002')]);
    await a.watch.check();
    await b.watch.check(); // adopts a's epoch
    await a.state.casAgent({ ...newAgent('1001', 'Kim', ['fund'], T0), state: 'ready' }, 0);
    await b.state.casAgent({ ...newAgent('1002', 'Lee', ['fund'], T0), state: 'notReady' }, 0);
    await a.state.listAgents(); // a has seen 1002 too, but 1002's console is on b
    await loseEverything();
    expect(await a.watch.check()).toBe(true);
    expect(await a.state.getAgent('1002')).toBeNull();
    expect(await b.watch.check()).toBe(true);
    expect((await b.state.getAgent('1002'))?.value.state).toBe('notReady');
    expect([a.seen.restored, b.seen.restored]).toEqual([['1001'], ['1002']]);
  });

  it('never overwrites an agent that was written again before the rebuild', async () => {
    const a = process_('n1', [con('1001')]);
    await a.watch.check();
    await a.state.casAgent({ ...newAgent('1001', 'Kim', ['fund'], T0), state: 'ready' }, 0);
    await loseEverything();
    // The console's own login reached Redis first (e.g. it reconnected to another process).
    await a.state.casAgent({ ...newAgent('1001', 'Kim', ['fund'], T0), state: 'notReady' }, 0);
    expect(await a.watch.check()).toBe(true);
    expect((await a.state.getAgent('1001'))?.value.state).toBe('notReady');
    expect(a.seen.restored).toEqual([]);
  });
  it("writes back a ringing call's offer (a console reconnecting mid-ring sees the same pop), not an ended one's", async () => {
    const a = process_('n1', []);
    await a.watch.check();
    const ringing = {
      ...newCall({ callId: 'c7', node: 'n1', callerChannelId: 'ch7', callerNumber: '01012345678' }, T0),
      state: 'offering' as const,
      queue: 'fund' as const,
      agentId: '1001',
      agentChannelId: 'ag7',
    };
    const offer: CallOfferedV1 = {
      callId: 'c7',
      queue: 'fund',
      callerNumber: '01012345678',
      offeredAt: T0.toISOString(),
      waitedSeconds: 4,
      ivrPath: ['notice', 'main'],
      pop: { status: 'pending', number: '01012345678', companies: [], contact: null, recentConsultations: [] },
    };
    await a.state.saveCall(ringing);
    await a.state.saveOffer(offer);
    await a.state.saveCall({ ...ringing, callId: 'c8', callerChannelId: 'ch8', agentChannelId: 'ag8' });
    await a.state.saveOffer({ ...offer, callId: 'c8' });
    await a.state.deleteOffer('c8'); // the offer ended (answered elsewhere, withdrawn)
    await loseEverything();
    expect(await a.watch.check()).toBe(true);
    expect(await a.state.getOffer('c7')).toEqual(offer);
    expect(await a.state.getOffer('c8')).toBeNull();
    expect(await a.redis.callIdOfChannel('n1', 'ag7')).toBe('c7');
  });
});
