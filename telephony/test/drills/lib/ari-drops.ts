import { reachQueue, simPbx, startCenter, until } from '../../support/center';
import {
  type DrillFigures,
  type DrillOptions,
  type ExpectedCall,
  auditCalls,
  recordsClosed,
  seconds,
  soon,
} from './figures';

/** How long each outage lasts: long enough that ARI events are really missed. */
const OUTAGE_MS = 250;

/**
 * The network to the PBX cut again and again (a TCP proxy drops every connection, ARI's websocket
 * and REST both) while one agent works through a queue. In each outage the talking caller hangs
 * up (and every other round a waiting caller gives up): telephony hears neither and must learn
 * both from the resync. Lost: a caller not served in turn, a call not ended, a record left
 * open, an event missing or out of order. Recovery: network back → the next caller bridged
 * (the longest of the rounds).
 */
export async function ariDropsDrill(opts: DrillOptions): Promise<DrillFigures> {
  const log = opts.log ?? (() => undefined);
  const rounds = opts.quick ? 3 : 20;
  let sim: Awaited<ReturnType<typeof simPbx>> | undefined;
  const center = await startCenter({
    pbx: async () => {
      sim = await simPbx({ viaProxy: true });
      return sim;
    },
  });
  try {
    const telephony = await center.startTelephony();
    await center.pbx.setPhone('1001', 'autoAnswer');
    const agent = await center.agentConsole('1001');
    await agent.command('agent.ready.v1', {});
    const number = (i: number) => `0105551${String(1000 + i)}`;
    const state = async (callId: string) => (await center.state.getCall(callId))?.state;
    const healthy = async () => (await fetch(`${telephony.url}/health`)).status === 200;

    const calls: ExpectedCall[] = [];
    const lost = new Set<string>();
    // A caller whose channel is already gone when they mean to hang up was dropped by the center.
    const hangUp = async (channel: string, callId: string, when: string) => {
      await center.pbx.hangup(channel).catch((err: unknown) => {
        lost.add(callId);
        log(`ari-drops: ${callId} dropped before ${when} (${String(err)})`);
      });
    };
    let recovery = 0;
    let talking = { channel: await center.pbx.placeCall(number(0)), callId: '' };
    talking.callId = await reachQueue(center, talking.channel);
    await until(async () => (await state(talking.callId)) === 'connected', 'first caller connected');
    calls.push({ callId: talking.callId, queued: true, served: true });

    for (let round = 1; round <= rounds; round++) {
      const next = { channel: await center.pbx.placeCall(number(round)), callId: '' };
      next.callId = await reachQueue(center, next.channel);
      let quitter: string | null = null;
      if (round % 2 === 0) {
        const channel = await center.pbx.placeCall(number(100 + round));
        quitter = await reachQueue(center, channel);
        calls.push({ callId: quitter, queued: true, served: false });
        sim!.proxy!.cut();
        await hangUp(channel, quitter, `giving up in round ${round}`);
      } else sim!.proxy!.cut();
      await hangUp(talking.channel, talking.callId, `hanging up in round ${round}`); // unheard: ARI is cut
      await new Promise((r) => setTimeout(r, OUTAGE_MS)); // the outage itself, not a wait for telephony
      sim!.proxy!.restore();
      const restoredAt = Date.now();
      const served = await soon(async () => (await healthy()) && (await state(next.callId)) === 'connected', 30_000);
      recovery = Math.max(recovery, seconds(restoredAt, Date.now()));
      if (!served) lost.add(next.callId);
      if (!(await soon(async () => (await state(talking.callId)) === undefined))) lost.add(talking.callId);
      if (quitter && !(await soon(async () => (await state(quitter)) === undefined))) lost.add(quitter);
      log(`ari-drops: round ${round}: back after ${seconds(restoredAt, Date.now())} s`);
      calls.push({ callId: next.callId, queued: true, served: true });
      talking = next;
    }
    await hangUp(talking.channel, talking.callId, 'the last hang-up');

    await recordsClosed(
      center.db,
      calls.map((c) => c.callId),
    );
    const audit = await auditCalls(center.db, calls);
    for (const id of audit.lostCalls) lost.add(id);
    for (const p of audit.problems) log(`ari-drops: ${p}`);
    return { calls_lost: lost.size, consultations_lost: 0, events_lost: audit.eventsLost, recovery_s: recovery };
  } finally {
    await center.close();
  }
}
