import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { type BusMessage, ConsoleBus, FLOOR_NUDGE_WINDOW_MS } from '../../src/adapters/console/bus';
import { testLog } from '../support/log';
import { TEST_REDIS_URL, testRedis } from '../support/redis';

/** Two processes' buses on one real Redis: what one publishes, the other hears. */
describe('ConsoleBus over Redis pub/sub', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) await o.close();
  });

  async function busPair() {
    const r = testRedis();
    const subs = [new Redis(TEST_REDIS_URL), new Redis(TEST_REDIS_URL)];
    open.push({
      close: async () => {
        for (const s of subs) await s.quit();
        await r.cleanup();
      },
    });
    const sender = new ConsoleBus(r.redis, subs[0]!, r.prefix, testLog);
    const receiver = new ConsoleBus(r.redis, subs[1]!, r.prefix, testLog);
    await sender.start();
    await receiver.start();
    const heard: BusMessage[] = [];
    const waiters: { until: (m: BusMessage[]) => boolean; resolve: () => void }[] = [];
    receiver.onMessage((msg) => {
      heard.push(msg);
      for (const w of waiters.filter((x) => x.until(heard))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
    const hear = (until: (m: BusMessage[]) => boolean) =>
      until(heard) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ until, resolve }));
    return { sender, heard, hear };
  }

  const floors = (m: BusMessage[]) => m.filter((x) => x.kind === 'floor').length;

  it('a burst of floor nudges goes out as the first at once and one more when the window ends', async () => {
    const { sender, heard, hear } = await busPair();
    for (let i = 0; i < 50; i++) sender.nudgeFloor();
    await hear((m) => floors(m) === 2);
    // Messages from one connection arrive in order: once this marker is heard, a third nudge
    // sent before it would have been too.
    sender.publish({ kind: 'dispatch' });
    await hear((m) => m.some((x) => x.kind === 'dispatch'));
    expect(heard).toEqual([{ kind: 'floor' }, { kind: 'floor' }, { kind: 'dispatch' }]);
  });

  it('a lone nudge goes out once, with nothing trailing it, and the next after the window at once', async () => {
    const { sender, heard, hear } = await busPair();
    sender.nudgeFloor();
    await hear((m) => floors(m) === 1);
    // Past the window (its timer was set first, so it has fired by then), then a marker.
    await new Promise((r) => setTimeout(r, FLOOR_NUDGE_WINDOW_MS + 50));
    sender.publish({ kind: 'dispatch' });
    await hear((m) => m.some((x) => x.kind === 'dispatch'));
    expect(heard).toEqual([{ kind: 'floor' }, { kind: 'dispatch' }]);
    sender.nudgeFloor();
    await hear((m) => floors(m) === 2);
  });

  it('dispatch nudges asked for in one turn go out as one, and the next turn gets its own', async () => {
    const { sender, heard, hear } = await busPair();
    const dispatches = (m: BusMessage[]) => m.filter((x) => x.kind === 'dispatch').length;
    for (let i = 0; i < 20; i++) sender.nudgeDispatch();
    await hear((m) => dispatches(m) === 1);
    sender.nudgeDispatch();
    await hear((m) => dispatches(m) === 2);
    sender.publish({ kind: 'floor' });
    await hear((m) => floors(m) === 1);
    expect(heard).toEqual([{ kind: 'dispatch' }, { kind: 'dispatch' }, { kind: 'floor' }]);
  });

  it('a closed bus drops the nudges still waiting and sends no more', async () => {
    const { sender, heard, hear } = await busPair();
    sender.nudgeFloor();
    sender.nudgeFloor(); // waits for the window's end
    sender.nudgeDispatch(); // waits for the turn's end
    sender.close();
    sender.nudgeFloor();
    sender.nudgeDispatch();
    await new Promise((r) => setTimeout(r, FLOOR_NUDGE_WINDOW_MS + 50));
    // Publishing itself still works: the marker comes after whatever was sent.
    sender.publish({ kind: 'takeover', agentId: '1', socketId: 's', order: 1, at: 'now', device: null });
    await hear((m) => m.some((x) => x.kind === 'takeover'));
    expect(heard.map((m) => m.kind)).toEqual(['floor', 'takeover']);
  });
});
