import type { TelephonyHandle } from '../../../src/app/wiring';
import { SECRET, reachQueue, startCenter, until } from '../../support/center';
import { TEST_REDIS_URL } from '../../support/redis';
import {
  type DrillFigures,
  type DrillOptions,
  type ExpectedCall,
  auditCalls,
  recordsClosed,
  seconds,
  soon,
} from './figures';
import { type TelephonyProcess, spawnTelephony } from './telephony-process';

/**
 * 10× real time, not the 50× of other tests: a caller's wait is measured on this clock, and past
 * 300 s the IVR offers a callback instead of the queue (ivr-flows/flows/main.yaml). At 50× the
 * restart and the serving of the queue alone would push later callers past that.
 */
const TIME_SCALE = 0.1;

/**
 * Telephony SIGKILLed with callers talking, waiting in the queue and listening to the IVR, then
 * started again. Lost: a talking caller whose bridge did not survive or was not re-adopted, a
 * queued caller served out of turn or never, an IVR caller who could not reach a queue, and any
 * call whose record is not closed with all its events in order. Recovery: kill → the new
 * process healthy on ARI.
 */
export async function sigkillDrill(opts: DrillOptions): Promise<DrillFigures> {
  const log = opts.log ?? (() => undefined);
  // At most 4 ahead of anyone pressing 1: the IVR estimates a minute per caller ahead and above
  // 300 s offers a callback instead of the queue (by design), so the bigger run grows the talking side.
  const size = opts.quick ? { agents: 2, queued: 3, ivr: 2 } : { agents: 20, queued: 4, ivr: 1 };
  const center = await startCenter({ timeScale: TIME_SCALE });
  let proc: TelephonyProcess | null = null;
  const env = {
    ARI_URL: center.pbx.ari.url,
    ARI_USERNAME: center.pbx.ari.username,
    ARI_PASSWORD: center.pbx.ari.password,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: center.prefix,
    CRM_API_URL: center.crmUrl,
    AUTH_SECRET: SECRET,
    TELEPHONY_PORT: '0',
    TELEPHONY_HOST: '127.0.0.1',
    PHONE_DRIVER: 'sim',
    PBX_SIM_CONTROL_URL: center.pbx.phoneControlUrl!,
    RING_TIMEOUT_SECONDS: '60',
    WRAP_UP_SECONDS: '10',
    // As in test/support/center.ts: the queued callers must stay queued, not be offered a callback.
    HANDLE_TIME_PRIOR_SECONDS: '60',
    // 30 s of real grace is 0.6 s at this clock, less than a restart takes: keep the real-life ratio.
    AGENT_DISCONNECT_GRACE_SECONDS: '3600',
    LOG_LEVEL: 'silent',
    DRILL_TIME_SCALE: String(TIME_SCALE),
    DRILL_CLOCK_EPOCH: String(Date.now()),
  };
  // Consoles connect to center.telephony[0]; the child process stands there.
  const attach = (p: TelephonyProcess) => {
    center.telephony.splice(0, center.telephony.length, {
      url: p.url,
      node: p.node,
      port: Number(new URL(p.url).port),
      metricsUrl: null,
      close: () => p.kill(),
    } satisfies TelephonyHandle);
  };
  try {
    proc = await spawnTelephony(env);
    attach(proc);
    const agents = Array.from({ length: size.agents }, (_, i) => String(1001 + i));
    const consoles = [];
    for (const id of agents) {
      await center.pbx.setPhone(id, 'autoAnswer');
      const c = await center.agentConsole(id);
      await c.command('agent.ready.v1', {});
      consoles.push(c);
    }
    const number = (i: number) => `0105550${String(1000 + i)}`;
    const state = async (callId: string) => (await center.state.getCall(callId))?.state;
    const node = proc.node;

    const talking: { channel: string; callId: string }[] = [];
    for (let i = 0; i < size.agents; i++) {
      const channel = await center.pbx.placeCall(number(i));
      const callId = await reachQueue(center, channel, '1', node);
      await until(async () => (await state(callId)) === 'connected', `talker ${callId} connected`);
      talking.push({ channel, callId });
    }
    // The waiting callers arrive together (so the first has not waited long when the last
    // arrives); their order is the queue's as it stood before the kill.
    const arrived = await Promise.all(
      Array.from({ length: size.queued }, async (_, i) => {
        const channel = await center.pbx.placeCall(number(100 + i));
        return { channel, callId: await reachQueue(center, channel, '1', node) };
      }),
    );
    const before = await until(async () => {
      const head = await center.state.queueHead('fund', 1_000);
      return arrived.every((c) => head.includes(c.callId)) ? head : null;
    }, 'every waiting caller in the fund queue');
    const queued = before.map((id) => arrived.find((c) => c.callId === id)!);
    const inIvr = await Promise.all(
      Array.from({ length: size.ivr }, async (_, i) => {
        const channel = await center.pbx.placeCall(number(200 + i));
        const callId = await until(() => center.state.callIdOfChannel(node, channel), `IVR call ${channel}`);
        await until(async () => (await state(callId)) === 'ivr', `${callId} in the IVR`);
        return { channel, callId };
      }),
    );
    log(`sigkill: ${talking.length} talking, ${queued.length} queued, ${inIvr.length} in the IVR; killing`);

    const killedAt = Date.now();
    await proc.kill();
    for (const c of consoles) c.socket.disconnect();
    proc = await spawnTelephony(env);
    attach(proc);
    await until(async () => (await fetch(`${proc!.url}/health`)).status === 200, 'restarted telephony healthy', 30_000);
    const recovery_s = seconds(killedAt, Date.now());
    log(`sigkill: healthy again after ${recovery_s} s`);
    // The callers in the IVR press 1 as soon as they hear the menu again, as callers would.
    const ivrQueued = Promise.all(
      inIvr.map((c) =>
        reachQueue(center, c.channel, '1', node).then(
          () => true,
          () => false,
        ),
      ),
    );
    for (const id of agents) await center.agentConsole(id);

    const lost = new Set<string>();
    const lose = (callId: string, why: string) => {
      lost.add(callId);
      log(`sigkill: ${callId} lost: ${why}`);
    };
    for (const t of talking) {
      // Re-adopted: the bridge still stands on the PBX and the new process (once its resync is
      // done) still knows the call as connected.
      const adopted = await soon(
        async () => (await center.pbx.channelIds()).includes(t.channel) && (await state(t.callId)) === 'connected',
      );
      if (!adopted) lose(t.callId, `talking call not re-adopted (state ${String(await state(t.callId))})`);
    }
    // IVR callers were not lost: they still reach a queue (behind those already waiting).
    const reached = await ivrQueued;
    reached.forEach((ok, i) => {
      if (!ok) lose(inIvr[i]!.callId, 'IVR caller never reached the queue');
    });
    // Every agent is still talking, so nobody has been served: those who waited before the kill
    // must head the queue in their order, the IVR callers behind them (in the order they pressed).
    // A call's record says 'queued' a moment before its queue entry is written, so read the
    // queue once every IVR caller who reached it is in it: an earlier read could miss one and
    // expect it last although it pressed first.
    const ivrInQueue = inIvr.filter((_, i) => reached[i]).map((c) => c.callId);
    const head = await until(async () => {
      const h = await center.state.queueHead('fund', 1_000);
      return ivrInQueue.every((id) => h.includes(id)) ? h : null;
    }, 'every IVR caller who pressed 1 in the fund queue');
    queued.forEach((c, i) => {
      if (head[i] !== c.callId) lose(c.callId, `queue after the restart: ${head.join(',')}`);
    });

    // Free one agent at a time (oldest call first) and see who is served next: the queue's order.
    const expectedOrder = [
      ...queued.map((c) => c.callId),
      ...head.filter((id) => inIvr.some((c) => c.callId === id)),
      ...inIvr.map((c) => c.callId).filter((id) => !head.includes(id)),
    ];
    const servedOrder: string[] = [];
    const active = [...talking];
    while (servedOrder.length < expectedOrder.length) {
      const done = active.shift();
      if (!done) break;
      await center.pbx.hangup(done.channel);
      const waiting = expectedOrder.filter((id) => !servedOrder.includes(id));
      let next: string[] = [];
      await soon(async () => {
        const states = await Promise.all(waiting.map(async (id) => [id, await state(id)] as const));
        next = states.filter(([, s]) => s === 'connected').map(([id]) => id);
        return next.length > 0;
      });
      if (next.length === 0) {
        log(`sigkill: nobody served after ${done.callId} hung up (waiting: ${waiting.join(',')})`);
        break;
      }
      servedOrder.push(...next);
      for (const id of next) active.push([...queued, ...inIvr].find((c) => c.callId === id)!);
    }
    expectedOrder.forEach((id, i) => {
      if (servedOrder[i] !== id) lose(id, `served order ${servedOrder.join(',')}, expected ${expectedOrder.join(',')}`);
    });
    for (const c of active) await center.pbx.hangup(c.channel).catch(() => undefined);
    const served = new Set([...talking.map((t) => t.callId), ...servedOrder]);
    for (const c of [...queued, ...inIvr]) {
      if (!served.has(c.callId)) await center.pbx.hangup(c.channel).catch(() => undefined);
    }

    const all = [...talking, ...queued, ...inIvr].map((c) => c.callId);
    await recordsClosed(center.db, all);
    const calls: ExpectedCall[] = all.map((callId) => ({ callId, queued: true, served: served.has(callId) }));
    const audit = await auditCalls(center.db, calls);
    for (const id of audit.lostCalls) lost.add(id);
    for (const p of audit.problems) log(`sigkill: ${p}`);
    return { calls_lost: lost.size, consultations_lost: 0, events_lost: audit.eventsLost, recovery_s };
  } finally {
    await center.close();
  }
}
