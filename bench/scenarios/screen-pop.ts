import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signAccessToken } from '@cc1357/contracts';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { SECRET } from '../../telephony/test/support/center';
import { knob } from '../args';
import { pct, startFloor } from '../harness/floor';
import type { Scenario } from '../types';
import { runStep, withoutCalls } from './control-plane';

/**
 * `screen-pop`: from the agent leg being offered (the offer's own `offeredAt`, stamped by
 * telephony) to the pop being at the agent's console socket.io client (the offer itself, or the
 * `call.pop.v1` that follows an offer sent with a pending pop), while one telephony process
 * carries `--pop-cps` setups/s (half the callers known to the CRM, half new numbers).
 * In the same run, one sample after another, the floor: the same CRM pop query over HTTP (as
 * telephony asks it) plus a bare socket.io round trip (request → the pop-sized payload back) on
 * a plain socket.io server in the bench process. pop_floor_ratio = pop p99 / floor p99.
 */
export const screenPop: Scenario = {
  name: 'screen-pop',
  async run(ctx) {
    const cps = knob(ctx, 'pop-cps', { quick: 5, full: 20 });
    const seconds = knob(ctx, 'pop-s', { quick: 6, full: 30 });
    const talkMs = knob(ctx, 'pop-talk-ms', { quick: 1_000, full: 3_000 });
    const callTimeoutMs = knob(ctx, 'call-timeout-s', { quick: 30, full: 120 }) * 1000;
    const agents = Math.ceil(cps * (talkMs / 1000 + 2) * 1.5) + 10;
    const floor = await startFloor({
      nodes: 1,
      agents,
      timeScale: knob(ctx, 'time-scale', { quick: 0.2, full: 0.2 }),
      callTimeoutMs,
      log: ctx.log,
    });
    const http = createServer();
    const server = new Server(http);
    try {
      const known = floor.center.callers.known;
      const fromOf = (i: number) =>
        i % 2 === 0 ? known[(i / 2) % known.length]! : `0703${String(i).padStart(6, '0')}`;
      const token = await signAccessToken(
        { sub: 'telephony', username: 'telephony', role: 'service', skills: [] },
        SECRET,
        3600,
      );
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      let payload: unknown = null;
      server.on('connection', (socket) => socket.on('pop?', () => socket.emit('pop', payload)));
      const client = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
        transports: ['websocket'],
        forceNew: true,
      });
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('connect_error', reject);
      });
      const floorSample = async (i: number) => {
        const t = performance.now();
        const res = await fetch(`${floor.center.crmUrl}/api/callers/${fromOf(i)}/pop`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const pop = (await res.json()) as unknown;
        if (!res.ok) throw new Error(`pop answered ${res.status}`);
        // The offer telephony sends carries the pop plus a few call fields.
        payload = { callId: `bench-${i}`, queue: 'fund', callerNumber: fromOf(i), waitedSeconds: 0, ivrPath: [], pop };
        await new Promise<void>((resolve) => {
          client.once('pop', () => resolve());
          client.emit('pop?');
        });
        return performance.now() - t;
      };
      let loading = true;
      const floorTimes: number[] = [];
      const sampler = (async () => {
        for (let i = 0; loading || floorTimes.length < 50; i++) floorTimes.push(await floorSample(i));
      })();
      const step = await runStep(floor, cps, seconds, talkMs, Infinity, 0, () => 0, fromOf).finally(
        () => (loading = false),
      );
      await sampler;
      client.disconnect();
      const pops = (step.calls ?? []).map((c) => c.popReadyLagMs).filter((v): v is number => v !== null);
      const pendingPops = (step.calls ?? []).filter(
        (c) => c.popReadyLagMs !== null && c.offerLagMs !== c.popReadyLagMs,
      ).length;
      const popP99 = pct(pops, 0.99);
      const floorP99 = pct(floorTimes, 0.99);
      ctx.log(
        `${pops.length} pops at ${step.achievedCps}/s: p50 ${pct(pops, 0.5)} ms, p99 ${popP99} ms; floor p50 ${pct(floorTimes, 0.5)} ms, p99 ${floorP99} ms (${floorTimes.length} samples)`,
      );
      return {
        figures: {
          pop_p50_ms: pct(pops, 0.5),
          pop_p99_ms: popP99,
          floor_p99_ms: floorP99,
          pop_floor_ratio: Math.round((popP99 / floorP99) * 100) / 100,
        },
        detail: {
          load: withoutCalls(step),
          pops: pops.length,
          popsSentAfterTheOffer: pendingPops,
          floorSamples: floorTimes.length,
          floorP50Ms: pct(floorTimes, 0.5),
          clockNote: 'pop latency = console receive time (Date.now) − offeredAt; same host clock, ms resolution',
        },
      };
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await floor.close();
    }
  },
};
