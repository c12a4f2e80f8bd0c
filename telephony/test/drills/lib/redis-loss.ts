import { Redis } from 'ioredis';
import { LiveState } from '../../../src/adapters/redis/live-state';
import { type Center, reachQueue, startCenter, until } from '../../support/center';
import {
  type DrillFigures,
  type DrillOptions,
  type ExpectedCall,
  auditCalls,
  recordsClosed,
  seconds,
  soon,
} from './figures';
import { privateRedis } from './private-redis';

/**
 * Redis restarted in the middle of traffic. Without persistence (`redis-restart-empty`) every
 * call, queue and agent state it held is gone and telephony must notice and write back what it
 * knows; with an append-only file (`redis-restart-persistent`) Redis comes back with its data and
 * the center carries on. One agent talks, callers wait; nobody reconnects or clicks anything.
 * Lost: a talking call that gets no end event, a waiting caller never served (in turn), a record
 * left open (read from crm-api's database). Recovery: Redis back → the first waiting caller
 * bridged (when nobody is served: how long the drill waited, a lower bound).
 */
export function redisLossDrill(opts: DrillOptions): Promise<DrillFigures> {
  return redisRestartDrill(opts, 'empty');
}

export function redisPersistentDrill(opts: DrillOptions): Promise<DrillFigures> {
  return redisRestartDrill(opts, 'persistent');
}

/** FLUSHALL on the drill's own redis-server: no reconnect tells telephony, only its periodic check. */
export function redisFlushDrill(opts: DrillOptions): Promise<DrillFigures> {
  return redisRestartDrill(opts, 'flush');
}

async function redisRestartDrill(opts: DrillOptions, kind: 'empty' | 'persistent' | 'flush'): Promise<DrillFigures> {
  const log = opts.log ?? (() => undefined);
  // At most 4 waiting: above 300 s of estimated wait (a minute per caller ahead) the IVR offers a callback.
  const waitingCount = opts.quick ? 2 : 4;
  const redis = await privateRedis({ persistent: kind === 'persistent' });
  let center: Center | null = null;
  let own: Redis | null = null;
  try {
    // 10× real time: the waiting callers stay well inside the IVR's 300 s overflow check.
    center = await startCenter({ timeScale: 0.1 });
    own = new Redis(redis.url);
    own.on('error', () => undefined);
    // The center's helpers read live state from the drill's Redis, not the shared one.
    const c: Center = { ...center, state: new LiveState(own, center.prefix) };
    await c.startTelephony(undefined, { env: { REDIS_URL: redis.url } });
    await c.pbx.setPhone('1001', 'autoAnswer');
    const agent = await c.agentConsole('1001');
    await agent.command('agent.ready.v1', {});
    const number = (i: number) => `0105552${String(1000 + i)}`;
    const state = async (callId: string) => (await c.state.getCall(callId))?.state;

    const talking = { channel: await c.pbx.placeCall(number(0)), callId: '' };
    talking.callId = await reachQueue(c, talking.channel);
    await until(async () => (await state(talking.callId)) === 'connected', 'talker connected');
    const waiting: { channel: string; callId: string }[] = [];
    for (let i = 1; i <= waitingCount; i++) {
      const channel = await c.pbx.placeCall(number(i));
      waiting.push({ channel, callId: await reachQueue(c, channel) });
    }
    log(`redis-${kind}: 1 talking, ${waiting.length} waiting; Redis: ${kind}`);
    // The epoch key telephony sets once per Redis lifetime tells whether Redis really kept or lost its data.
    const epochKey = `${c.prefix}epoch`;
    const epochBefore = await own.get(epochKey);
    if (!epochBefore) throw new Error('telephony set no epoch key in the drill Redis');
    const lostAt = Date.now();
    if (kind === 'empty') await redis.restartEmpty();
    else if (kind === 'flush') await own.flushall();
    else await redis.restart();
    const dataKept = (await own.get(epochKey)) === epochBefore;
    if (dataKept !== (kind === 'persistent'))
      throw new Error(`Redis restart (${kind}) ${dataKept ? 'kept' : 'lost'} its data: the drill did not run as named`);

    const lost = new Set<string>();
    const servedOrder: string[] = [];
    let current = talking;
    let recovery = 0;
    for (;;) {
      await c.pbx.hangup(current.channel).catch(() => lost.add(current.callId));
      const left = waiting.filter((w) => !servedOrder.includes(w.callId));
      if (left.length === 0) break;
      // Served: the agent's console is told it is connected to the next caller.
      const next = await soon(
        () =>
          agent.received.some(
            (r) => r.event === 'call.connected.v1' && (r.payload as { callId: string }).callId === left[0]!.callId,
          ),
        20_000,
      );
      if (!next) {
        // Never recovered: report how long the drill waited (a lower bound), not 0.
        if (servedOrder.length === 0) recovery = seconds(lostAt, Date.now());
        log(`redis-${kind}: ${left[0]!.callId} never served (waited ${seconds(lostAt, Date.now())} s)`);
        break;
      }
      if (servedOrder.length === 0) recovery = seconds(lostAt, Date.now());
      servedOrder.push(left[0]!.callId);
      current = left[0]!;
    }
    for (const w of waiting) if (!servedOrder.includes(w.callId)) await c.pbx.hangup(w.channel).catch(() => undefined);
    waiting.forEach((w, i) => {
      if (servedOrder[i] !== w.callId) lost.add(w.callId);
    });
    const calls: ExpectedCall[] = [
      { callId: talking.callId, queued: true, served: true },
      ...waiting.map((w) => ({ callId: w.callId, queued: true, served: servedOrder.includes(w.callId) })),
    ];
    await recordsClosed(
      c.db,
      calls.map((x) => x.callId),
      20_000,
    );
    const audit = await auditCalls(c.db, calls);
    for (const id of audit.lostCalls) lost.add(id);
    for (const p of audit.problems) log(`redis-${kind}: ${p}`);
    return { calls_lost: lost.size, consultations_lost: 0, events_lost: audit.eventsLost, recovery_s: recovery };
  } finally {
    own?.disconnect();
    await center?.close();
    await redis.stop();
  }
}
