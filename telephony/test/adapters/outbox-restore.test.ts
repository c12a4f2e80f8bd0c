import type { CallEventV1 } from '@cc1357/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallEventOutbox } from '../../src/adapters/crm/outbox';
import { LiveState } from '../../src/adapters/redis/live-state';
import type { Scheduler } from '../../src/clock/scheduler';
import { testLog } from '../support/log';
import { testRedis } from '../support/redis';

/**
 * Redis lost its data while call events waited in the outbox (crm-api down): the process pushes
 * its own undelivered events again. The loss is the deletion of this test's own key.
 */
describe('call event outbox after Redis lost its data (real Redis)', () => {
  let env: ReturnType<typeof testRedis>;
  beforeEach(() => {
    env = testRedis();
  });
  afterEach(async () => env.cleanup());

  // Timers never fire: the test flushes by hand, so nothing races it.
  let clock = Date.parse('2026-12-02T01:00:00.000Z');
  const scheduler: Scheduler = {
    now: () => new Date(clock),
    setTimeout: () => ({ id: null }),
    clearTimeout: () => undefined,
  };

  function outboxWith(up: { value: boolean }, delivered: CallEventV1[]) {
    const state = new LiveState(env.redis, env.prefix);
    const outbox = new CallEventOutbox({
      state,
      log: testLog,
      scheduler,
      owner: 'test',
      send: async (events) => {
        if (!up.value) throw new Error('crm-api down');
        delivered.push(...events);
      },
    });
    return { state, outbox };
  }

  it('pushes the undelivered events again, same ids, and only those', async () => {
    const up = { value: true };
    const delivered: CallEventV1[] = [];
    const { state, outbox } = outboxWith(up, delivered);
    const sent = await outbox.record({ callId: 'c1', type: 'call.arrived', at: scheduler.now().toISOString() });
    await outbox.flush();
    expect(delivered.map((e) => e.id)).toEqual([sent.id]);
    up.value = false;
    const a = await outbox.record({ callId: 'c1', type: 'call.answered', at: scheduler.now().toISOString() });
    const b = await outbox.record({ callId: 'c1', type: 'queue.entered', at: scheduler.now().toISOString() });
    await outbox.flush(); // fails: both stay in the list
    expect(await outbox.pending()).toBe(2);

    await env.redis.del(state.key('events:outbox')); // the loss
    expect(await outbox.pending()).toBe(0);
    expect(await outbox.restore()).toBe(2);
    up.value = true;
    await outbox.flush();
    expect(delivered.map((e) => e.id)).toEqual([sent.id, a.id, b.id]);
    expect(await outbox.restore()).toBe(0); // delivered: nothing kept
    outbox.close();
  });

  it('drops copies kept longer than a quarter of an hour (another process may have delivered them)', async () => {
    const up = { value: false };
    const { outbox } = outboxWith(up, []);
    await outbox.record({ callId: 'c2', type: 'call.arrived', at: scheduler.now().toISOString() });
    clock += 16 * 60_000;
    const young = await outbox.record({ callId: 'c2', type: 'call.answered', at: scheduler.now().toISOString() });
    await env.redis.del(`${env.prefix}events:outbox`);
    expect(await outbox.restore()).toBe(1);
    const [line] = await env.redis.lrange(`${env.prefix}events:outbox`, 0, -1);
    expect((JSON.parse(line!) as CallEventV1).id).toBe(young.id);
    outbox.close();
  });
});
