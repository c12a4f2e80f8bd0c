import type { CallEventV1 } from '@cc1357/contracts';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallEventOutbox } from '../../src/adapters/crm/outbox';
import { RefusedBatchError } from '../../src/adapters/crm/redis-outbox';
import { LiveState } from '../../src/adapters/redis/live-state';
import { systemScheduler } from '../../src/clock/scheduler';
import { testLog } from '../support/log';
import { ManualScheduler } from '../support/manual-scheduler';
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

  it('an event refused as invalid goes to the dead list alone: the events around it are delivered, in order', async () => {
    const delivered: string[] = [];
    const sends: number[] = [];
    let failOnce = true;
    const outbox = new CallEventOutbox({
      state: new LiveState(env.redis, env.prefix),
      log: testLog,
      scheduler: systemScheduler,
      owner: 'test',
      send: async (events) => {
        sends.push(events.length);
        // crm-api refuses a whole batch (400) when one event in it is invalid.
        if (events.some((e) => e.callId === 'bad')) throw new RefusedBatchError('400 events.1.type', 400);
        // A retryable failure on the first single send: the batch is kept and tried again.
        if (events.length === 1 && failOnce) {
          failOnce = false;
          throw new Error('crm-api down');
        }
        delivered.push(...events.map((e) => e.callId));
      },
    });
    const at = new Date().toISOString();
    // Recorded before the first flush runs (it waits for a timer), so they leave as one batch.
    await Promise.all([
      outbox.record({ callId: 'c1', type: 'call.arrived', at }),
      outbox.record({ callId: 'bad', type: 'call.arrived', at }),
      outbox.record({ callId: 'c2', type: 'call.arrived', at }),
    ]);
    await until(async () => (await outbox.pending()) === 0, 'the list drained', 1_000);
    // c1's single send failed once and was sent again with its batch: delivered (ids make a repeat harmless).
    expect(delivered).toEqual(['c1', 'c2']);
    expect(await outbox.dead()).toBe(1);
    const dead = await env.redis.lrange(`${env.prefix}events:outbox:dead`, 0, -1);
    expect(dead.map((l) => (JSON.parse(l) as CallEventV1).callId)).toEqual(['bad']);
    expect(sends[0]).toBe(3);
    // A later event is not held back by the refused one.
    await outbox.record({ callId: 'c3', type: 'call.ended', at });
    await until(() => delivered.includes('c3'), 'the next event delivered');
    expect(await outbox.dead()).toBe(1);
    outbox.close();
  });

  /** An outbox on a hand-driven clock with a 50 ms flush delay; `sends` holds each batch's call ids. */
  function gatheringOutbox(opts: { batchSize?: number; onSend?: (nth: number) => Promise<void> } = {}) {
    const sends: string[][] = [];
    const scheduler = new ManualScheduler();
    const outbox = new CallEventOutbox({
      state: new LiveState(env.redis, env.prefix),
      log: testLog,
      scheduler,
      owner: 'test',
      flushDelayMs: 50,
      ...(opts.batchSize === undefined ? {} : { batchSize: opts.batchSize }),
      send: async (events) => {
        sends.push(events.map((e) => e.callId));
        await opts.onSend?.(sends.length);
      },
    });
    return { sends, scheduler, outbox, at: scheduler.now().toISOString() };
  }

  it('with a flush delay, events recorded within it leave in one batch', async () => {
    const { sends, scheduler, outbox, at } = gatheringOutbox();
    await outbox.record({ callId: 'c1', type: 'call.arrived', at });
    scheduler.advance(10); // inside the delay: nothing is sent yet
    await outbox.record({ callId: 'c1', type: 'call.answered', at });
    expect(await outbox.pending()).toBe(2);
    expect(sends).toEqual([]);
    scheduler.advance(40);
    await until(async () => (await outbox.pending()) === 0, 'the list drained');
    expect(sends).toEqual([['c1', 'c1']]);
    outbox.close();
  });

  it('with a flush delay, events recorded while a batch is on its way wait out the delay too, then leave together', async () => {
    let arrive: () => void = () => undefined;
    const sending = new Promise<void>((r) => (arrive = r));
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const { sends, scheduler, outbox, at } = gatheringOutbox({
      onSend: async (nth) => {
        if (nth > 1) return;
        arrive();
        await held; // the first batch is on its way while c2 and c3 are recorded
      },
    });
    await outbox.record({ callId: 'c1', type: 'call.arrived', at });
    scheduler.advance(50);
    await sending;
    await outbox.record({ callId: 'c2', type: 'call.arrived', at });
    await outbox.record({ callId: 'c3', type: 'call.arrived', at });
    release();
    await until(async () => (await outbox.pending()) === 2, 'the first batch trimmed');
    expect(sends).toEqual([['c1']]); // not sent right behind it
    scheduler.advance(50);
    await until(async () => (await outbox.pending()) === 0, 'the list drained');
    expect(sends).toEqual([['c1'], ['c2', 'c3']]);
    outbox.close();
  });

  it('flush() drains the whole list at once, a flush delay or not', async () => {
    const { sends, outbox, at } = gatheringOutbox({ batchSize: 2 });
    for (const callId of ['c1', 'c2', 'c3']) await outbox.record({ callId, type: 'call.arrived', at });
    await outbox.flush();
    expect(await outbox.pending()).toBe(0);
    expect(sends).toEqual([['c1', 'c2'], ['c3']]);
    outbox.close();
  });

  it('a lone drainer whose lock ran out mid-send drains the rest by itself, with nothing appended after', async () => {
    const state = new LiveState(env.redis, env.prefix);
    const delivered = new Set<string>();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let first = true;
    const outbox = new CallEventOutbox({
      state,
      log: testLog,
      scheduler: systemScheduler,
      owner: 'lone',
      batchSize: 2,
      send: async (events) => {
        if (first) {
          first = false;
          await held; // a crm-api that took longer than the lock lives
        }
        for (const e of events) delivered.add(e.id);
      },
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await outbox.record({ callId: `c${i}`, type: 'call.arrived', at: new Date().toISOString() })).id);
    await until(() => !first, 'the first send under way');
    await env.redis.del(state.key('lock:outbox')); // the lock ran out; no other process is there
    release();
    // No record() after this: only the outbox's own retry can bring the rest in.
    // The retry comes 500 ms later; a busy machine may take far longer (a failure bound, not a budget).
    await until(async () => (await outbox.pending()) === 0, 'the list drained without a new append', 3_000);
    expect(ids.filter((id) => !delivered.has(id))).toEqual([]);
    outbox.close();
  });

  it('the retry a drainer asked for fires while it is still unlocking: the list is drained all the same', async () => {
    // What a loaded CI machine did to the test above: the 500 ms retry came due before the
    // drainer's unlock round trip returned, found the flush still running and was spent on it.
    const { state, openGate, unlocking } = slowUnlock(env.redis, env.prefix);
    const scheduler = new ManualScheduler();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let first = true;
    const outbox = new CallEventOutbox({
      state,
      log: testLog,
      scheduler,
      owner: 'lone',
      batchSize: 2,
      send: async () => {
        if (first) {
          first = false;
          await held;
        }
      },
    });
    const at = scheduler.now().toISOString();
    for (let i = 0; i < 4; i++) await outbox.record({ callId: `c${i}`, type: 'call.arrived', at });
    scheduler.advance(0);
    await until(() => !first, 'the first send under way');
    await env.redis.del(state.key('lock:outbox'));
    release();
    await until(() => unlocking(), 'the drainer unlocking after its trim was refused');
    scheduler.advance(500); // its retry comes due now, while the flush has not ended
    openGate();
    await until(
      async () => {
        scheduler.advance(500);
        return (await outbox.pending()) === 0;
      },
      'the list drained',
      3_000,
    );
    outbox.close();
  });

  it('an event recorded while the drainer unlocks after its last look is sent with nothing recorded after it', async () => {
    // The real tier's IVR relay to a partner (partner.test.ts): the partner answered while the
    // flush of `transfer.started` was past its last look at the list, so `transfer.answered` —
    // the last event before a quiet conversation — waited for the caller's hang-up to leave.
    const { state, openGate, unlocking } = slowUnlock(env.redis, env.prefix);
    const scheduler = new ManualScheduler();
    const delivered: string[] = [];
    const outbox = new CallEventOutbox({
      state,
      log: testLog,
      scheduler,
      owner: 'lone',
      send: async (events) => void delivered.push(...events.map((e) => e.type)),
    });
    const at = scheduler.now().toISOString();
    await outbox.record({ callId: 'c1', type: 'transfer.started', at });
    scheduler.advance(0);
    await until(() => unlocking(), 'the drainer unlocking after its last look');
    expect(delivered).toEqual(['transfer.started']);
    await outbox.record({ callId: 'c1', type: 'transfer.answered', at });
    scheduler.advance(0); // its flush is asked for while the first one has not ended
    openGate();
    // Nothing is recorded after this: only the outbox itself can send the event.
    await until(
      async () => {
        scheduler.advance(500);
        return (await outbox.pending()) === 0;
      },
      'transfer.answered sent',
      300,
    );
    expect(delivered).toEqual(['transfer.started', 'transfer.answered']);
    outbox.close();
  });

  it('a drainer whose lock expired mid-send trims nothing: the next holder delivers every event, none lost', async () => {
    const state = new LiveState(env.redis, env.prefix);
    const delivered = new Set<string>();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let first = true;
    const make = (owner: string) =>
      new CallEventOutbox({
        state,
        log: testLog,
        scheduler: systemScheduler,
        owner,
        batchSize: 2,
        send: async (events) => {
          // The first send hangs (a slow crm-api) until the other process has drained.
          if (first) {
            first = false;
            await held;
          }
          for (const e of events) delivered.add(e.id);
        },
      });
    const slow = make('slow');
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push((await slow.record({ callId: `c${i}`, type: 'call.arrived', at: new Date().toISOString() })).id);
    await until(() => !first, 'the slow drainer sending');
    // Its lock runs out (it held it past LOCK_MS); another process takes over and drains the list.
    await env.redis.del(state.key('lock:outbox'));
    const other = make('other');
    await other.flush();
    expect(await other.pending()).toBe(0);
    for (let i = 6; i < 8; i++)
      ids.push((await other.record({ callId: `c${i}`, type: 'call.arrived', at: new Date().toISOString() })).id);
    // The slow send now returns: trimming its batch again would drop the two events just appended.
    release();
    await slow.flush();
    await other.flush();
    expect(await other.pending()).toBe(0);
    expect(ids.filter((id) => !delivered.has(id))).toEqual([]);
    slow.close();
    other.close();
  });
});

/**
 * A LiveState whose unlock waits until the test opens the gate: a drainer held after its last look
 * at the list, as a slow unlock round trip on a loaded machine holds it.
 */
function slowUnlock(redis: Redis, prefix: string) {
  let openGate: () => void = () => undefined;
  const gate = new Promise<void>((r) => (openGate = r));
  let unlocking = false;
  class SlowUnlock extends LiveState {
    override async unlock(name: string, owner: string): Promise<void> {
      unlocking = true;
      await gate;
      return super.unlock(name, owner);
    }
  }
  return { state: new SlowUnlock(redis, prefix), openGate: () => openGate(), unlocking: () => unlocking };
}
