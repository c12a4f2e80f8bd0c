import type { AgentStateChangeV1, CallEventV1 } from '@cc1357/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentStateOutbox } from '../../src/adapters/crm/agent-state-outbox';
import { isRefusedAsInvalid } from '../../src/adapters/crm/client';
import { CallEventOutbox } from '../../src/adapters/crm/outbox';
import { RefusedBatchError } from '../../src/adapters/crm/redis-outbox';
import { LiveState } from '../../src/adapters/redis/live-state';
import { systemScheduler, type Scheduler } from '../../src/clock/scheduler';
import { testLog } from '../support/log';
import { testRedis } from '../support/redis';

const until = async (cond: () => boolean | Promise<boolean>, what: string, tries = 1000) => {
  for (let i = 0; i < tries; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/**
 * Agent state changes (staffed time for the reports) go to crm-api through an outbox of their
 * own: its own list, lock, timer and back-off, so nothing they do holds up a call event. They go
 * in the order appended; a batch crm-api refuses as invalid goes to the dead list once; one it
 * could not take (5xx, no answer) waits and is sent again; a Redis loss is recovered.
 */
describe('the agent state outbox (real Redis)', () => {
  let env: ReturnType<typeof testRedis>;
  beforeEach(() => {
    env = testRedis();
  });
  afterEach(async () => env.cleanup());

  // Timers never fire: the test flushes by hand, so nothing races it.
  const clock = Date.parse('2026-12-02T01:00:00.000Z');
  const handScheduler: Scheduler = {
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

  /** crm-api's answers to agent state batches: taken, down (a 5xx), or refused as invalid (400). */
  type Answer = 'ok' | 'down' | 'invalid';

  function rig(scheduler: Scheduler = handScheduler) {
    const crm = { events: 'ok' as Answer, states: 'ok' as Answer };
    const events: CallEventV1[] = [];
    const batches: AgentStateChangeV1[][] = [];
    let stateSends = 0;
    const state = new LiveState(env.redis, env.prefix);
    const common = { state, log: testLog, scheduler, owner: 'test' };
    const calls = new CallEventOutbox({
      ...common,
      send: async (e) => {
        if (crm.events !== 'ok') throw new Error('503 UNAVAILABLE');
        events.push(...e);
      },
    });
    const agentStates = new AgentStateOutbox({
      ...common,
      batchSize: 2,
      send: async (c) => {
        stateSends += 1;
        if (crm.states === 'down') throw new Error('crm-api refused agent state changes: 503 UNAVAILABLE');
        if (crm.states === 'invalid')
          throw new RefusedBatchError('crm-api refused agent state changes: 400 VALIDATION bad at', 400);
        batches.push(c);
      },
    });
    return { crm, events, batches, state, calls, agentStates, sends: () => stateSends };
  }

  it('sends the changes in order, in batches; one crm-api could not take waits and goes later', async () => {
    const { crm, batches, agentStates } = rig();
    crm.states = 'down';
    const recorded = [
      await agentStates.record(change(0, 'offline', 'notReady')),
      await agentStates.record(change(1, 'notReady', 'ready')),
      await agentStates.record(change(3, 'ready', 'reserved')),
    ];
    await agentStates.flush(); // refused (5xx): kept
    expect(batches).toEqual([]);
    expect(await agentStates.pending()).toBe(3);
    expect(await agentStates.dead()).toBe(0);

    crm.states = 'ok';
    await agentStates.flush();
    // Batches of two, oldest first, the same ids.
    expect(batches.map((b) => b.length)).toEqual([2, 1]);
    expect(batches.flat().map((c) => c.id)).toEqual(recorded.map((c) => c.id));
    expect(batches.flat().map((c) => c.to)).toEqual(['notReady', 'ready', 'reserved']);
    expect(await agentStates.pending()).toBe(0);
    agentStates.close();
  });

  it('a batch refused as invalid goes to the dead list once and is not sent again; later changes go', async () => {
    const { crm, batches, agentStates, sends } = rig();
    crm.states = 'invalid';
    const bad = await agentStates.record(change(0, 'offline', 'ready'));
    await agentStates.flush();
    expect(sends()).toBe(1);
    expect(await agentStates.pending()).toBe(0);
    const dead = await env.redis.lrange(agentStates.deadKey, 0, -1);
    expect(dead.map((line) => (JSON.parse(line) as AgentStateChangeV1).id)).toEqual([bad.id]);

    crm.states = 'ok';
    await agentStates.flush(); // nothing left to send: the refused batch is not retried
    expect(sends()).toBe(1);
    const good = await agentStates.record(change(1, 'ready', 'notReady'));
    await agentStates.flush();
    expect(batches.flat().map((c) => c.id)).toEqual([good.id]);
    expect(await agentStates.dead()).toBe(1);
    // A Redis loss does not bring the dead change back either.
    expect(await agentStates.restore()).toBe(0);
    agentStates.close();
  });

  it('after Redis lost the list, pushes the undelivered changes again', async () => {
    const { crm, batches, agentStates } = rig();
    crm.states = 'down';
    const a = await agentStates.record(change(0, 'offline', 'ready'));
    await agentStates.flush(); // not taken: kept
    await env.redis.del(agentStates.key); // the loss
    expect(await agentStates.pending()).toBe(0);
    expect(await agentStates.restore()).toBe(1);
    crm.states = 'ok';
    await agentStates.flush();
    expect(batches.flat().map((c) => c.id)).toEqual([a.id]);
    agentStates.close();
  });

  for (const answer of ['down', 'invalid'] as const)
    it(`with real timers: while crm-api ${answer === 'down' ? 'cannot take' : 'refuses'} agent states, call events recorded meanwhile are delivered`, async () => {
      const { crm, events, calls, agentStates, sends } = rig(systemScheduler);
      crm.states = answer;
      await agentStates.record(change(0, 'offline', 'ready'));
      await until(() => sends() >= 1, 'the first agent state batch tried');
      const recorded: CallEventV1[] = [];
      for (let i = 0; i < 5; i++) {
        recorded.push(await calls.record({ callId: `c${i}`, type: 'call.arrived', at: at(1 + i) }));
        await agentStates.record(change(2 + i, 'ready', 'notReady'));
      }
      await until(() => events.length === recorded.length, 'the call events delivered');
      expect(events.map((e) => e.id)).toEqual(recorded.map((e) => e.id));
      expect(await calls.pending()).toBe(0);
      if (answer === 'invalid') {
        // Each refused batch is buried once: all six changes in the dead list, none left to retry.
        await until(async () => (await agentStates.pending()) === 0, 'the agent state list emptied');
        expect(await agentStates.dead()).toBe(6);
      } else {
        expect(await agentStates.dead()).toBe(0);
        expect(await agentStates.pending()).toBeGreaterThan(0);
      }
      calls.close();
      agentStates.close();
    });

  it('each outbox has its own lock: agent states locked elsewhere do not stop call events, nor the reverse', async () => {
    const { events, batches, state, calls, agentStates } = rig();
    await state.tryLock('agent-state-outbox', 'another-node', 10_000);
    const e = await calls.record({ callId: 'c1', type: 'call.arrived', at: at(0) });
    await agentStates.record(change(0, 'offline', 'ready'));
    await calls.flush();
    await agentStates.flush(); // the other node holds its lock: nothing sent here
    expect(events.map((x) => x.id)).toEqual([e.id]);
    expect(batches).toEqual([]);
    await state.unlock('agent-state-outbox', 'another-node');

    await state.tryLock('outbox', 'another-node', 10_000);
    await agentStates.flush();
    expect(batches.flat()).toHaveLength(1);
    await state.unlock('outbox', 'another-node');
    calls.close();
    agentStates.close();
  });

  it('crm-api answers that sending again cannot fix are refusals; the rest are retried', () => {
    for (const status of [400, 413, 422]) expect(isRefusedAsInvalid(status)).toBe(true);
    for (const status of [null, 401, 403, 404, 408, 409, 429, 500, 502, 503])
      expect(isRefusedAsInvalid(status)).toBe(false);
  });
});
