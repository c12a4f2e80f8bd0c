import type { CallEventV1 } from '@cc1357/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallEventOutbox } from '../../src/adapters/crm/outbox';
import { LiveState } from '../../src/adapters/redis/live-state';
import { systemScheduler } from '../../src/clock/scheduler';
import { testLog } from '../support/log';
import { testRedis } from '../support/redis';

const until = async (cond: () => boolean | Promise<boolean>, what: string, tries = 200) => {
  for (let i = 0; i < tries; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('call event outbox (real Redis)', () => {
  let env: ReturnType<typeof testRedis>;
  beforeEach(() => {
    env = testRedis();
  });
  afterEach(async () => env.cleanup());

  it('keeps events through a CRM outage and delivers them once it is back, same ids', async () => {
    let up = false;
    const delivered: CallEventV1[] = [];
    const attempts: number[] = [];
    // Timers run 100× faster so the back-off does not slow the test; logic is unchanged.
    const scheduler = {
      ...systemScheduler,
      setTimeout: (fn: () => void, ms: number) => systemScheduler.setTimeout(fn, ms / 100),
    };
    const outbox = new CallEventOutbox({
      state: new LiveState(env.redis, env.prefix),
      log: testLog,
      scheduler,
      owner: 'test',
      send: async (events) => {
        attempts.push(events.length);
        if (!up) throw new Error('crm-api down');
        delivered.push(...events);
      },
    });
    const a = await outbox.record({ callId: 'c1', type: 'call.arrived', at: new Date().toISOString() });
    const b = await outbox.record({ callId: 'c1', type: 'call.answered', at: new Date().toISOString() });
    await until(() => attempts.length >= 2, 'two failed attempts');
    expect(delivered).toEqual([]);
    expect(await outbox.pending()).toBe(2);
    up = true;
    await until(async () => (await outbox.pending()) === 0, 'delivery');
    expect(delivered.map((e) => e.id)).toEqual([a.id, b.id]);
    expect(delivered.map((e) => e.type)).toEqual(['call.arrived', 'call.answered']);
    outbox.close();
  });
});
