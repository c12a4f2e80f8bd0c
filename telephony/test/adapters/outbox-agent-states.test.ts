import type { AgentStateChangeV1, CallEventV1 } from '@cc1357/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallEventOutbox } from '../../src/adapters/crm/outbox';
import { LiveState } from '../../src/adapters/redis/live-state';
import { systemScheduler, type Scheduler } from '../../src/clock/scheduler';
import { testLog } from '../support/log';
import { testRedis } from '../support/redis';

const until = async (cond: () => boolean | Promise<boolean>, what: string, tries = 300) => {
  for (let i = 0; i < tries; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/**
 * The outbox's second stream: agent state changes (staffed time for the reports) wait in a list
 * of their own and go to crm-api in the order they were appended; a crm-api that refuses them
 * (an older one without the route) does not hold up the call events, and a Redis loss is
 * recovered as for call events.
 */
describe('agent state changes in the outbox (real Redis)', () => {
  let env: ReturnType<typeof testRedis>;
  beforeEach(() => {
    env = testRedis();
  });
  afterEach(async () => env.cleanup());

  // Timers never fire: the test flushes by hand, so nothing races it.
  const clock = Date.parse('2026-12-02T01:00:00.000Z');
  const scheduler: Scheduler = {
    now: () => new Date(clock),
    setTimeout: () => ({ id: null }),
    clearTimeout: () => undefined,
  };
  const at = (s: number) => new Date(clock + s * 1000).toISOString();
  const change = (s: number, from: AgentStateChangeV1['from'], to: AgentStateChangeV1['to']) => ({
    agentId: '1001',
    from,
    to,
    reason: null,
    callId: null,
    at: at(s),
  });

  function rig(withAgentStates = true) {
    const up = { events: true, states: false };
    const events: CallEventV1[] = [];
    const batches: AgentStateChangeV1[][] = [];
    const state = new LiveState(env.redis, env.prefix);
    const outbox = new CallEventOutbox({
      state,
      log: testLog,
      scheduler,
      owner: 'test',
      batchSize: 2,
      send: async (e) => {
        if (!up.events) throw new Error('crm-api down');
        events.push(...e);
      },
      ...(withAgentStates
        ? {
            sendAgentStates: async (c: AgentStateChangeV1[]) => {
              if (!up.states) throw new Error('404 NOT_FOUND no such route');
              batches.push(c);
            },
          }
        : {}),
    });
    return { up, events, batches, state, outbox };
  }

  it('call events flow while crm-api refuses agent states; the states follow in order once it takes them', async () => {
    const { up, events, batches, outbox } = rig();
    const recorded = [
      await outbox.recordAgentState(change(0, 'offline', 'notReady')),
      await outbox.recordAgentState(change(1, 'notReady', 'ready')),
    ];
    const call = await outbox.record({ callId: 'c1', type: 'call.arrived', at: at(2) });
    recorded.push(await outbox.recordAgentState(change(3, 'ready', 'reserved')));
    await outbox.flush();
    expect(events.map((e) => e.id)).toEqual([call.id]);
    expect(batches).toEqual([]);
    expect(await outbox.pendingAgentStates()).toBe(3);

    up.states = true;
    await outbox.flush();
    // Batches of two, oldest first, the same ids.
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    expect(batches.flat().map((c) => c.id)).toEqual(recorded.map((c) => c!.id));
    expect(batches.flat().map((c) => c.to)).toEqual(['notReady', 'ready', 'reserved']);
    expect(await outbox.pendingAgentStates()).toBe(0);
    outbox.close();
  });

  it('with timers: a call event recorded while agent states back off goes at once; their retry is not hurried', async () => {
    let statesTried = 0;
    const events: CallEventV1[] = [];
    let retryMs = 0;
    // Real timers, except the back-off, which the test holds (it records the delay it was given).
    const timers: Scheduler = {
      ...systemScheduler,
      setTimeout: (fn: () => void, ms: number) => {
        if (ms === 0) return systemScheduler.setTimeout(fn, 0);
        retryMs = ms;
        return { id: null };
      },
    };
    const outbox = new CallEventOutbox({
      state: new LiveState(env.redis, env.prefix),
      log: testLog,
      scheduler: timers,
      owner: 'test',
      send: async (e) => void events.push(...e),
      sendAgentStates: async () => {
        statesTried += 1;
        throw new Error('404 NOT_FOUND no such route');
      },
    });
    await outbox.recordAgentState(change(0, 'offline', 'ready'));
    await until(() => retryMs > 0, 'the agent states backing off');
    expect(retryMs).toBe(500);
    const e = await outbox.record({ callId: 'c1', type: 'call.arrived', at: at(1) });
    await until(() => events.length === 1, 'the call event delivered');
    expect(events[0]!.id).toBe(e.id);
    expect(statesTried).toBe(1); // the call event's flush passed the backing-off stream by
    expect(await outbox.pendingAgentStates()).toBe(1);
    outbox.close();
  });

  it('after Redis lost the list, pushes the undelivered changes again', async () => {
    const { up, batches, state, outbox } = rig();
    const a = await outbox.recordAgentState(change(0, 'offline', 'ready'));
    await outbox.flush(); // refused: kept
    await env.redis.del(state.key('agents:state-outbox')); // the loss
    expect(await outbox.pendingAgentStates()).toBe(0);
    expect(await outbox.restore()).toBe(1);
    up.states = true;
    await outbox.flush();
    expect(batches.flat().map((c) => c.id)).toEqual([a!.id]);
    outbox.close();
  });

  it('a process that does not deliver agent states records none and leaves their list alone', async () => {
    const { outbox, state } = rig(false);
    expect(await outbox.recordAgentState(change(0, 'offline', 'ready'))).toBeNull();
    await env.redis.rpush(
      state.key('agents:state-outbox'),
      JSON.stringify({ id: 'x', ...change(0, 'offline', 'ready') }),
    );
    await outbox.flush();
    expect(await env.redis.llen(state.key('agents:state-outbox'))).toBe(1);
    outbox.close();
  });
});
