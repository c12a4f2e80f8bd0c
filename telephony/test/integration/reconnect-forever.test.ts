import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Center, eventTypes, reachQueue, simPbx, startCenter, until } from '../support/center';

/**
 * ari-client gives up after 10 reconnect attempts (~43 s) and emits WebSocketMaxRetries. To see
 * telephony carry on by itself without a 43 s test, this file (its own worker) shortens
 * ari-client's back-off to 2 quick attempts. Only ari-client's timing changes, not telephony.
 */
const backoff = createRequire(createRequire(import.meta.url).resolve('ari-client'))('backoff-func') as {
  create: (o: object) => unknown;
};
const original = backoff.create;

describe('ARI reconnect after ari-client gives up', () => {
  let center: Center | undefined;
  beforeAll(() => {
    backoff.create = (opts: object) => original({ ...opts, delay: 20, maxDelay: 40, maxRetries: 2 });
  });
  afterAll(() => {
    backoff.create = original;
  });
  afterEach(async () => center?.close());

  it('keeps reconnecting past WebSocketMaxRetries, then resyncs and takes calls again', async () => {
    let sim: Awaited<ReturnType<typeof simPbx>> | undefined;
    center = await startCenter({
      pbx: async () => {
        sim = await simPbx({ viaProxy: true });
        return sim;
      },
    });
    // What telephony logs, to count its reconnects (one outage = one reconnect, one resync).
    const messages: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write: (chunk, _enc, done) => void (messages.push(String(JSON.parse(String(chunk)).msg)), done()),
      }),
    );
    const telephony = await center.startTelephony(undefined, { deps: { logger } });
    const health = async () => (await fetch(`${telephony.url}/health`)).status;
    const before = await center.pbx.placeCall(center.callers.known[0]!);
    const queued = await reachQueue(center, before);

    sim!.proxy!.cut();
    await center.pbx.hangup(before); // lost while deaf
    // Long enough for ari-client to exhaust its (shortened) retries more than once.
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await health()).toBe(503);
    sim!.proxy!.restore();

    await until(async () => (await health()) === 200, 'ARI socket back', 20_000);
    await until(async () => (await center!.state.getCall(queued)) === null, 'the lost caller ended by the resync');
    await until(async () => (await eventTypes(center!, queued)).includes('call.abandoned'), 'abandon recorded');
    const after = await center.pbx.placeCall(center.callers.unknown[0]!);
    const callId = await reachQueue(center, after);
    expect((await center.state.getCall(callId))?.state).toBe('queued');
    // One chain of restarts: our own sockets never take the app from each other.
    expect(messages.filter((m) => m.includes('another process took over'))).toEqual([]);
    expect(messages.filter((m) => m === 'ARI websocket reconnected; resyncing')).toHaveLength(1);
  });
});
