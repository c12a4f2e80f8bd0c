import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveState } from '../../src/adapters/redis/live-state';
import { AgentFloor } from '../../src/app/calls/agent-floor';
import { type AgentRecord, applyAgentEvent, newAgent } from '../../src/core/agent-state';
import { TEST_REDIS_URL, testRedis } from '../support/redis';

const T = new Date('2026-11-26T01:00:00.000Z');
const ready = (id: string): AgentRecord => ({ ...newAgent(id, id, ['fund'], T), state: 'ready' });

/** Counts what the floor asks of Redis, so a test can tell a full read from an incremental one. */
function countingState(state: LiveState) {
  const calls = { listAgents: 0, changedSince: 0 };
  const spy = Object.create(state) as LiveState;
  spy.listAgents = () => (calls.listAgents++, state.listAgents());
  spy.agentsChangedSince = (since) => (calls.changedSince++, state.agentsChangedSince(since));
  return { spy, calls };
}

describe('AgentFloor: the ACD copy of the floor, kept from the change list (real Redis)', () => {
  let env: ReturnType<typeof testRedis>;
  let state: LiveState;
  let other: Redis;
  /** Another process writing agents. */
  let elsewhere: LiveState;
  let now = 0;
  beforeEach(() => {
    env = testRedis();
    state = new LiveState(env.redis, env.prefix);
    other = new Redis(TEST_REDIS_URL);
    elsewhere = new LiveState(other, env.prefix);
    now = 0;
  });
  afterEach(async () => {
    await other.quit();
    await env.cleanup();
  });

  it('reads the whole floor once, then only the agents written since', async () => {
    for (const id of ['1001', '1002', '1003']) await elsewhere.casAgent(ready(id), 0);
    const { spy, calls } = countingState(state);
    const floor = new AgentFloor({ state: spy, now: () => now });
    expect((await floor.current()).map((a) => a.value.agentId).sort()).toEqual(['1001', '1002', '1003']);
    expect(calls.listAgents).toBe(1);

    await elsewhere.casAgent({ ...ready('1002'), state: 'notReady' }, 1);
    await elsewhere.casAgent(ready('1004'), 0);
    const changed = await state.agentsChangedSince(3);
    expect(changed.agents.map((a) => a.value.agentId).sort()).toEqual(['1002', '1004']);
    expect(changed.floorVersion).toBe(5);

    const after = await floor.current();
    expect(calls.listAgents).toBe(1); // no second full read
    expect(after.find((a) => a.value.agentId === '1002')).toMatchObject({ value: { state: 'notReady' }, version: 2 });
    expect(after.map((a) => a.value.agentId).sort()).toEqual(['1001', '1002', '1003', '1004']);
  });

  it("a reservation counts as a write: the copy sees it, and a stale copy's reservation fails (Redis is the arbiter)", async () => {
    await elsewhere.casAgent(ready('1001'), 0);
    await state.enqueue('fund', 'call-a', 1);
    await state.enqueue('fund', 'call-b', 2);
    const floor = new AgentFloor({ state, now: () => now });
    const seen = (await floor.current())[0]!;

    // Another process reserves the agent for call-a first.
    const first = applyAgentEvent(seen.value, { type: 'reserve', callId: 'call-a' }, T);
    if (!first.ok) throw new Error(first.message);
    expect(await elsewhere.reserve('fund', 'call-a', first.agent, seen.version)).toMatchObject({ reserved: true });

    // Our copy is one write behind: its reservation for call-b is refused…
    const stale = applyAgentEvent(seen.value, { type: 'reserve', callId: 'call-b' }, T);
    if (!stale.ok) throw new Error(stale.message);
    expect(await state.reserve('fund', 'call-b', stale.agent, seen.version)).toBe('agentChanged');
    // …and the next pull shows the agent reserved.
    expect((await floor.current())[0]).toMatchObject({ value: { state: 'reserved', callId: 'call-a' }, version: 2 });
  });

  it('reads everything again when Redis lost the change list (the floor version went backwards)', async () => {
    for (const id of ['1001', '1002']) await elsewhere.casAgent(ready(id), 0);
    await elsewhere.casAgent({ ...ready('1001'), state: 'notReady' }, 1);
    const { spy, calls } = countingState(state);
    const floor = new AgentFloor({ state: spy, now: () => now });
    await floor.current();
    // Lost: the counter and the list (an empty Redis would lose the agents too; they come back by login).
    await env.redis.del(`${env.prefix}agents:fv`, `${env.prefix}agents:chg`);
    await elsewhere.casAgent(ready('1003'), 0);
    const after = await floor.current();
    expect(calls.listAgents).toBe(2);
    expect(after.map((a) => a.value.agentId).sort()).toEqual(['1001', '1002', '1003']);
  });

  it('an agent the change list never names (written before it existed) shows up at the periodic full read', async () => {
    await elsewhere.casAgent(ready('1001'), 0);
    const floor = new AgentFloor({ state, now: () => now, fullReadEveryMs: 30_000 });
    await floor.current();
    await env.redis.hset(`${env.prefix}agents`, '1009', JSON.stringify(ready('1009')));
    await env.redis.hset(`${env.prefix}agents:v`, '1009', '1');
    now = 10_000;
    expect((await floor.current()).map((a) => a.value.agentId)).toEqual(['1001']);
    now = 30_000;
    expect((await floor.current()).map((a) => a.value.agentId).sort()).toEqual(['1001', '1009']);
  });

  it('callers asking at once share one pull, and each sees every write made before it asked', async () => {
    await elsewhere.casAgent(ready('1001'), 0);
    const { spy, calls } = countingState(state);
    const floor = new AgentFloor({ state: spy, now: () => now });
    await floor.current();
    await elsewhere.casAgent({ ...ready('1001'), state: 'notReady' }, 1);
    const answers = await Promise.all(Array.from({ length: 10 }, () => floor.current()));
    expect(calls.changedSince).toBe(1); // one pull for all ten (the first read was the full one)
    for (const answer of answers) expect(answer[0]!.value.state).toBe('notReady');
  });
});
