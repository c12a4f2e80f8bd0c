import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallEventOutbox } from '../../src/adapters/crm/outbox';
import { LiveState } from '../../src/adapters/redis/live-state';
import { CallRecords } from '../../src/app/calls/call-records';
import { newCall } from '../../src/core/call';
import { testLog } from '../support/log';
import { ManualScheduler } from '../support/manual-scheduler';
import { testRedis } from '../support/redis';

/**
 * Redis as a process sees it when it is SIGKILLed right after its first write: that write lands,
 * nothing after it does.
 */
function killedAfterFirstWrite(redis: Redis): Redis {
  let killed = false;
  const gone = () => Promise.reject(new Error('the process was killed'));
  return new Proxy(redis, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (prop === 'multi')
        return (...args: unknown[]) => {
          const multi = method.apply(target, args) as { exec: () => Promise<unknown> };
          const exec = multi.exec.bind(multi);
          multi.exec = () => (killed ? gone() : exec().finally(() => (killed = true)));
          return multi;
        };
      return (...args: unknown[]) =>
        killed ? gone() : (method.apply(target, args) as Promise<unknown>).finally(() => (killed = true));
    },
  });
}

describe('a new call and its arrival (real Redis)', () => {
  let env: ReturnType<typeof testRedis>;
  beforeEach(() => {
    env = testRedis();
  });
  afterEach(async () => env.cleanup());

  it('land in one step: a process killed after its first write leaves both, never a call without its call.arrived', async () => {
    const scheduler = new ManualScheduler();
    const state = new LiveState(killedAfterFirstWrite(env.redis), env.prefix);
    const outbox = new CallEventOutbox({ state, log: testLog, scheduler, owner: 'test', send: async () => undefined });
    const records = new CallRecords({ outbox, state, scheduler, log: testLog });
    const call = newCall(
      { callId: 'c1', node: 'n1', callerChannelId: 'ch1', callerNumber: '0212345678' },
      scheduler.now(),
    );

    await records.saveArrived(call).catch(() => undefined);

    // Read back over the real connection: what a restarted process would find.
    const intact = new LiveState(env.redis, env.prefix);
    expect((await intact.getCall('c1'))?.callerChannelId).toBe('ch1');
    const events = (await env.redis.lrange(intact.key('events:outbox'), 0, -1)).map(
      (line) => JSON.parse(line) as { callId: string; type: string; callerNumber: string },
    );
    expect(events).toEqual([
      expect.objectContaining({ callId: 'c1', type: 'call.arrived', callerNumber: '0212345678' }),
    ]);
    outbox.close();
  });
});
