import type { AgentStateChangeV1 } from '@cc1357/contracts';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleBus } from '../../src/adapters/console/bus';
import { AgentStateOutbox } from '../../src/adapters/crm/agent-state-outbox';
import type { CallEventOutbox } from '../../src/adapters/crm/outbox';
import { LiveState } from '../../src/adapters/redis/live-state';
import { AgentService } from '../../src/app/agent-service';
import { capturedLog } from '../support/captured-log';
import { ManualScheduler } from '../support/manual-scheduler';
import { TEST_REDIS_URL, testRedis } from '../support/redis';

const until = async (cond: () => boolean | Promise<boolean>, what: string, tries = 500) => {
  for (let i = 0; i < tries; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/**
 * AgentService records each move of an agent's state in the agent state outbox, fire and forget:
 * an outbox that cannot write (its Redis connection gone) logs an error and the agent's change
 * goes through all the same (real Redis for the live state).
 */
describe('AgentService records agent state changes without waiting for them', () => {
  let r: ReturnType<typeof testRedis>;
  let broken: Redis;
  const log = capturedLog();
  beforeEach(() => {
    r = testRedis();
    log.lines.length = 0;
    // Never connected, no offline queue: every command fails at once.
    broken = new Redis(TEST_REDIS_URL, { lazyConnect: true, enableOfflineQueue: false });
  });
  afterEach(async () => {
    broken.disconnect();
    await r.cleanup();
  });

  const bus = {
    publish: () => undefined,
    nudgeFloor: () => undefined,
    nudgeDispatch: () => undefined,
    toAgent: () => undefined,
  } as unknown as ConsoleBus;
  const outbox = { record: async () => undefined } as unknown as CallEventOutbox;

  function service(agentStates: AgentStateOutbox) {
    const scheduler = new ManualScheduler();
    const state = new LiveState(r.redis, r.prefix);
    return { state, agents: new AgentService({ state, bus, outbox, agentStates, scheduler, log: log.logger }) };
  }

  it('moves are appended, in order, with the Not ready reason; a change inside one state is not a move', async () => {
    const scheduler = new ManualScheduler();
    const agentStates = new AgentStateOutbox({
      state: new LiveState(r.redis, r.prefix),
      send: async () => {
        throw new Error('not sent in this test');
      },
      log: log.logger,
      scheduler,
      owner: 'test',
    });
    const { agents } = service(agentStates);
    await agents.apply('1001', { type: 'login', displayName: '김상담', skills: ['fund'] });
    await agents.apply('1001', { type: 'ready' });
    await agents.apply('1001', { type: 'notReady', reason: 'break' });
    const read = async () =>
      (await r.redis.lrange(agentStates.key, 0, -1)).map((l) => JSON.parse(l) as AgentStateChangeV1);
    await until(async () => (await read()).length === 3, 'three changes in the list');
    expect((await read()).map((c) => [c.from, c.to, c.reason])).toEqual([
      ['offline', 'notReady', null],
      ['notReady', 'ready', null],
      ['ready', 'notReady', 'break'],
    ]);
    agentStates.close();
  });

  it("an outbox that cannot write logs an error; the agent's change is made", async () => {
    const agentStates = new AgentStateOutbox({
      state: new LiveState(broken, r.prefix),
      send: async () => undefined,
      log: log.logger,
      scheduler: new ManualScheduler(),
      owner: 'test',
    });
    const { agents, state } = service(agentStates);
    await agents.apply('1001', { type: 'login', displayName: '김상담', skills: ['fund'] });
    const ready = await agents.apply('1001', { type: 'ready' });
    expect(ready.state).toBe('ready');
    expect((await state.getAgent('1001'))?.value.state).toBe('ready');
    await until(
      () => log.errors().filter((l) => l.msg === 'could not record an agent state change').length === 2,
      'two errors logged',
    );
    agentStates.close();
  });
});
