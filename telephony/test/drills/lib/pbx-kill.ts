import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signAccessToken } from '@cc1357/contracts';
import { type Center, SECRET, reachQueue, startCenter, until } from '../../support/center';
import {
  type DrillFigures,
  type DrillOptions,
  type ExpectedCall,
  auditCalls,
  recordsClosed,
  seconds,
  soon,
} from './figures';
import { type PbxProcess, spawnPbxSim } from './pbx-process';
import { privateRedis } from './private-redis';

/** 10× real time, as the other process drills: the waiting callers stay inside the IVR's 300 s overflow check. */
const TIME_SCALE = 0.1;

/**
 * The PBX drill's figures. `calls_cut`: the calls the dead PBX took with it; `recordings_cut`:
 * their recordings, settled as failed (unavoidable, reported). `recordings_lost`: a cut call's
 * recording left pending or unknown after crm-api's reconcile, or the next call's not stored (must be 0).
 */
export interface PbxKillFigures extends DrillFigures {
  calls_cut: number;
  recordings_cut: number;
  recordings_lost: number;
}

/**
 * The PBX (pbx-sim in its own process) SIGKILLed with callers talking and waiting, then started
 * again empty, as a supervisor would. The calls it carried are gone and nothing can bring them
 * back: the drill reports them as `calls_cut`, not as lost. What must not be lost is the record
 * of them: telephony's resync after the ARI reconnect finds their channels gone and closes each
 * call (talking → answered and ended, waiting → abandoned), with its events in order. Lost: a
 * record left open or closed the wrong way, an event missing, or a caller after the restart not
 * served. Recovery: SIGKILL → every cut call's record closed.
 */
export async function pbxKillDrill(opts: DrillOptions): Promise<PbxKillFigures> {
  const log = opts.log ?? (() => undefined);
  // At most 4 waiting: above 300 s of estimated wait (a minute per caller ahead) the IVR offers a callback.
  const size = opts.quick ? { talking: 2, waiting: 2 } : { talking: 12, waiting: 4 };
  const recordingDir = await mkdtemp(path.join(tmpdir(), 'drill-pbx-recordings-'));
  const storageDir = await mkdtemp(path.join(tmpdir(), 'drill-pbx-storage-'));
  // crm-api's recording jobs (BullMQ) get a Redis of their own, away from other tests' workers.
  const jobsRedis = await privateRedis();
  let pbx: PbxProcess | null = null;
  let center: Center | null = null;
  try {
    pbx = await spawnPbxSim({ timeScale: TIME_SCALE, recordingDir });
    const driver = pbx;
    center = await startCenter({
      timeScale: TIME_SCALE,
      pbx: async () => driver,
      // crm-api finalises recordings from the PBX (few, quick attempts: the cut ones cannot succeed).
      crm: {
        redisUrl: jobsRedis.url,
        queuePrefix: `drill-pbx-${Date.now()}`,
        recordingsDir: storageDir,
        pbxAri: driver.ari,
        recordingBackoffMs: 100,
        recordingAttempts: 2,
        recordingReconcileMs: 0,
      },
    });
    const c = center;
    await c.startTelephony(undefined, { env: { WRAP_UP_SECONDS: '10' } });
    const agents = Array.from({ length: size.talking }, (_, i) => String(1001 + i));
    const consoles = [];
    for (const id of agents) {
      await pbx.setPhone(id, 'autoAnswer');
      const agent = await c.agentConsole(id);
      await agent.command('agent.ready.v1', {});
      consoles.push(agent);
    }
    const number = (i: number) => `0105556${String(1000 + i)}`;
    const state = async (callId: string) => (await c.state.getCall(callId))?.state;
    const talking: string[] = [];
    for (let i = 0; i < size.talking; i++) {
      const callId = await reachQueue(c, await pbx.placeCall(number(i)));
      await until(async () => (await state(callId)) === 'connected', `${callId} connected`, 20_000);
      talking.push(callId);
    }
    const waiting = await Promise.all(
      Array.from({ length: size.waiting }, async (_, i) => reachQueue(c, await pbx!.placeCall(number(100 + i)))),
    );
    await until(async () => {
      const head = await c.state.queueHead('fund', 1_000);
      return waiting.every((id) => head.includes(id));
    }, 'every waiting caller in the fund queue');

    log(`pbx-kill: ${talking.length} talking, ${waiting.length} waiting; SIGKILL to the PBX`);
    const killedAt = Date.now();
    await pbx.kill();
    await pbx.restart();
    log(`pbx-kill: a fresh PBX is up on the same port ${seconds(killedAt, Date.now())} s after the kill`);
    const cut = [...talking, ...waiting];
    const closed = await recordsClosed(c.db, cut, 30_000);
    const recovery_s = seconds(killedAt, Date.now());
    if (!closed) log('pbx-kill: some records still open 30 s after the kill');

    // The center serves again: a new caller reaches a Ready agent on the new PBX.
    for (const id of agents) await pbx.setPhone(id, 'autoAnswer');
    const after = await reachQueue(c, await pbx.placeCall(number(200)));
    const served = await soon(async () => (await state(after)) === 'connected', 30_000);
    if (!served) log(`pbx-kill: ${after} (after the restart) never served`);
    // Talking until its recording runs (it starts once the bridge is up): its recording must be stored.
    const recordingStarted = async (callId: string) =>
      (await c.db.query(`SELECT 1 FROM call_events WHERE call_id = $1 AND type = 'recording.started'`, [callId]))
        .rowCount === 1;
    if (served && !(await soon(() => recordingStarted(after), 20_000)))
      log(`pbx-kill: ${after} (after the restart) never started its recording`);
    const afterChannel = (await c.state.getCall(after))?.callerChannelId;
    if (afterChannel) await pbx.hangup(afterChannel).catch(() => undefined);
    await recordsClosed(c.db, [after], 20_000);

    // Recordings: crm-api's reconcile adopts the ones the PBX never reported finished; the cut
    // calls' must settle as failed (said, not left pending), the next call's must be stored.
    const supervisor = await signAccessToken(
      { sub: 'drill-supervisor', username: 'drill-supervisor', role: 'supervisor', skills: [] },
      SECRET,
      600,
    );
    const reconcile = await fetch(`${c.crmUrl}/api/recordings/reconcile`, {
      method: 'POST',
      headers: { authorization: `Bearer ${supervisor}` },
    });
    if (!reconcile.ok) log(`pbx-kill: recordings reconcile answered HTTP ${reconcile.status}`);
    const recordingStates = async () => {
      const { rows } = await c.db.query<{ callId: string; state: string }>(
        'SELECT call_id AS "callId", state FROM recordings WHERE call_id = ANY($1)',
        [[...talking, after]],
      );
      return new Map(rows.map((r) => [r.callId, r.state]));
    };
    await soon(async () => {
      const states = await recordingStates();
      return (
        talking.every((id) => ['failed', 'missing'].includes(states.get(id) ?? '')) && states.get(after) === 'stored'
      );
    }, 30_000);
    const states = await recordingStates();
    const recordingsCut = talking.filter((id) => ['failed', 'missing'].includes(states.get(id) ?? '')).length;
    const recordingsLost =
      talking.filter((id) => !['failed', 'missing', 'stored'].includes(states.get(id) ?? '')).length +
      (served && states.get(after) !== 'stored' ? 1 : 0);
    if (recordingsLost)
      log(
        `pbx-kill: recordings ${JSON.stringify(Object.fromEntries(states))} (talking ${talking.join(', ')}, next ${after})`,
      );

    const calls: ExpectedCall[] = [
      ...talking.map((callId) => ({ callId, queued: true, served: true })),
      ...waiting.map((callId) => ({ callId, queued: true, served: false })),
      { callId: after, queued: true, served },
    ];
    const audit = await auditCalls(c.db, calls);
    for (const p of audit.problems) log(`pbx-kill: ${p}`);
    const lost = new Set(audit.lostCalls);
    if (!served) lost.add(after);
    log(
      `pbx-kill: unavoidably lost with the PBX: ${talking.length} conversations cut mid-call (${recordingsCut} recordings settled as failed), ${waiting.length} callers waiting`,
    );
    return {
      calls_lost: lost.size,
      consultations_lost: 0,
      events_lost: audit.eventsLost,
      recovery_s,
      calls_cut: cut.length,
      recordings_cut: recordingsCut,
      recordings_lost: recordingsLost,
    };
  } finally {
    await center?.close();
    await pbx?.kill();
    await jobsRedis.stop();
    await rm(recordingDir, { recursive: true, force: true });
    await rm(storageDir, { recursive: true, force: true });
  }
}
