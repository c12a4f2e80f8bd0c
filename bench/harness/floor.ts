import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signAccessToken } from '@cc1357/contracts';
import { io, type Socket } from 'socket.io-client';
import {
  childTelephonyEnv,
  SECRET,
  simPbx,
  startCenter,
  type Center,
  type PbxDriver,
} from '../../telephony/test/support/center';
import { freeTcpPort } from '@cc1357/asterisk-config/testbed';
import { type CrmApiSetup, crmApiUrl, spawnCrmApi } from '../../telephony/test/drills/lib/crm-process';
import { spawnPbxSim } from '../../telephony/test/drills/lib/pbx-process';
import { privateRedis } from '../../telephony/test/drills/lib/private-redis';
import { httpRequest } from '../../telephony/test/support/http-request';
import { startTelephonyProcess, type TelephonyProcess } from './telephony-process';

/** The longest a call's recording runs in the load runs' pbx-sim (simulated seconds). */
const BENCH_MAX_RECORDING_SECONDS = 10;

/**
 * A call floor for the load scenarios: the test-support center (crm-api on a throwaway seeded
 * database, pbx-sim, a Redis key prefix) with `nodes` telephony processes, each on its own
 * pbx-sim and all sharing that Redis, and `agents` simulated counselors (socket.io clients with
 * signed tokens, phones on auto-answer with no delay) so agents are never the limit.
 *
 * pbx-sim plays prompts and records calls `timeScale` times real time (`--time-scale`, 0.2):
 * it synthesises every call's recording (in the bench process, unless `pbxInOwnProcess`), so a
 * stronger compression makes a held call's recording (its sim-time length) the bench's own
 * bottleneck, not telephony's.
 *
 * A caller dials, presses 1 (fund) until telephony has queued it, is offered to an agent, talks
 * for `talkMs` once connected and hangs up (or is held until `releaseAll`). The driver records
 * each call's milestones as the agent's console saw them; the path check reads the events
 * telephony itself wrote to PostgreSQL.
 */
export interface FloorOptions {
  nodes: number;
  agents: number;
  timeScale: number;
  /** How long a call may take from dial to its end before it counts as stuck (ms). */
  callTimeoutMs: number;
  /**
   * Each pbx-sim in a process of its own (the drills' `spawnPbxSim`), not in the bench process
   * beside crm-api, the agents and the callers: at 20 calls/s on a busy machine the in-process
   * one answered ARI requests after 5 s and more, and bounded the figures instead of telephony.
   */
  pbxInOwnProcess?: boolean;
  /**
   * crm-api in a process of its own (its production entry, on the center's database; its job
   * queues on a private Redis), as deployed, not in the bench process beside 2,000 consoles and
   * the callers: there, under a 120 calls/s overload, it failed thousands of pops and callbacks
   * because the bench process was busy, not because crm-api was.
   */
  crmInOwnProcess?: boolean;
  /** More environment for each telephony process (e.g. ADMISSION_MAX_EVENT_LOOP_DELAY_MS). */
  telephonyEnv?: Record<string, string>;
  log(line: string): void;
}

export interface FloorCall {
  from: string;
  node: number;
  channelId: string | null;
  callId: string | null;
  placedAt: number;
  /** When the console got the offer / the pop / the connect / the end (performance.now() ms). */
  offerReceivedAt: number | null;
  /** offeredAt from the payload (epoch ms) and the receive time (epoch ms): offer → console. */
  offerLagMs: number | null;
  offeredAtEpoch: number | null;
  popReadyLagMs: number | null;
  popStatus: string | null;
  connectedAt: number | null;
  endedAt: number | null;
  endReason: string | null;
  agentId: string | null;
  error: string | null;
  /** Hung up unanswered by telephony's closed door (it fell behind): shed, not lost. */
  refusedAtDoor: boolean;
}

interface Offer {
  callId: string;
  callerNumber: string | null;
  offeredAt: string;
  pop: { status: string };
}

export interface Floor {
  center: Center;
  nodes: TelephonyProcess[];
  calls: FloorCall[];
  /** Agents that were offered a call while still holding another (must stay 0). */
  doubleOffers: number;
  /** How often an agent fell to notReady (a missed offer): it goes ready again. */
  notReady: number;
  /** Places one call on node `node`; resolves when it ended (or failed). `talkMs` null = hold. */
  call(from: string, node: number, talkMs: number | null): Promise<FloorCall>;
  /**
   * Every caller whose call has not ended hangs up (held calls, and any stuck), `concurrency` at
   * a time and at most `perSecond` a second.
   */
  releaseAll(concurrency?: number, perSecond?: number): Promise<void>;
  connectedNow(): number;
  /** Live state from Redis (agents and calls by state, fund queue length): why a step stalled. */
  snapshot(): Promise<Record<string, unknown>>;
  /** First time of each event type per call, from PostgreSQL, once every call has `call.ended` (or 60 s). */
  events(callIds: string[]): Promise<Map<string, Map<string, number>>>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A steering request that does not answer within `ms` is given up (the driver must not hang on one). */
function bounded<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    sleep(ms).then(() => {
      throw new Error(`${what}: no answer in ${ms} ms`);
    }),
  ]);
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

export async function startFloor(options: FloorOptions): Promise<Floor> {
  const pbxs: PbxDriver[] = [];
  // The recordings of every call the run makes: removed when the floor closes (the runs before
  // 2026-12-03 evening left them, 20 and 49 GB after two big holds).
  const recordingDirs: string[] = [];
  const removeRecordings = () => {
    for (const dir of recordingDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  };
  const newPbx = async (): Promise<PbxDriver> => {
    if (!options.pbxInOwnProcess) return simPbx({ timeScale: options.timeScale });
    const recordingDir = mkdtempSync(join(tmpdir(), 'cc1357-bench-pbx-'));
    recordingDirs.push(recordingDir);
    return spawnPbxSim({
      timeScale: options.timeScale,
      recordingDir,
      // Held calls are recorded as long as they last: 10,000 held at 5× speed wrote hundreds of
      // gigabytes and filled the disk. No figure here measures recordings (`recordings` does).
      maxRecordingSeconds: BENCH_MAX_RECORDING_SECONDS,
      // BENCH_PBX_NODE_ARGS="--cpu-prof --cpu-prof-dir=…": where pbx-sim's CPU goes.
      nodeArgs: (process.env.BENCH_PBX_NODE_ARGS ?? '').split(' ').filter(Boolean),
    });
  };
  const center = await startCenter({
    timeScale: options.timeScale,
    ringTimeoutSeconds: 60,
    wrapUpSeconds: 0,
    pbx: async () => {
      const first = await newPbx();
      pbxs.push(first);
      return first;
    },
  });
  const nodes: TelephonyProcess[] = [];
  const crm = options.crmInOwnProcess
    ? await ownCrmApi(center).catch(async (err: unknown) => {
        await center.close().catch(() => undefined);
        throw err;
      })
    : null;
  const sockets: Socket[] = [];
  const calls: FloorCall[] = [];
  const byCallId = new Map<string, FloorCall>();
  const early = new Map<string, (call: FloorCall) => void>(); // console events for calls the driver has not mapped yet
  const ended = new Map<FloorCall, () => void>();
  const endedPromise = new Map<FloorCall, Promise<void>>();
  const held = new Set<FloorCall>();
  // Settles when releaseAll starts: held calls are bounded from then on.
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const talkOf = new Map<FloorCall, number | null>();
  let connected = 0;
  const floor: Floor = {
    center,
    nodes,
    calls,
    doubleOffers: 0,
    notReady: 0,
    connectedNow: () => connected,
    call: async () => {
      throw new Error('not started');
    },
    releaseAll: async () => undefined,
    events: async () => new Map(),
    snapshot: async () => ({}),
    close: async () => undefined,
  };
  try {
    for (let i = 1; i < options.nodes; i++) pbxs.push(await newPbx());
    for (const pbx of pbxs) {
      nodes.push(
        await startTelephonyProcess({
          ...childTelephonyEnv(center, pbx),
          ...(crm ? { CRM_API_URL: crm.url } : {}),
          RING_TIMEOUT_SECONDS: '60',
          WRAP_UP_SECONDS: '0',
          IVR_ALWAYS_OPEN: 'true',
          ...options.telephonyEnv,
        }),
      );
    }
    const agentIds = Array.from({ length: options.agents }, (_, i) => String(20000 + i));
    // Every PBX can ring every agent: whichever node owns the call originates on its own PBX.
    for (const pbx of pbxs) await inBatches(agentIds, 50, (id) => pbx.setPhone(id, 'autoAnswer'));

    const withCall = (callId: string, fn: (call: FloorCall) => void) => {
      const call = byCallId.get(callId);
      if (call) fn(call);
      else {
        const before = early.get(callId);
        early.set(callId, (c) => {
          before?.(c);
          fn(c);
        });
      }
    };
    const finish = (call: FloorCall) => {
      ended.get(call)?.();
      ended.delete(call);
    };
    await inBatches(agentIds, 100, async (agentId) => {
      const token = await signAccessToken(
        { sub: `u-${agentId}`, username: `agent${agentId}`, role: 'counselor', agentId, skills: ['fund', 'general'] },
        SECRET,
        24 * 3600,
      );
      // Agents spread over the nodes' consoles, as behind a load balancer.
      const socket = io(nodes[Number(agentId) % nodes.length]!.url, {
        auth: { token },
        transports: ['websocket'],
        forceNew: true,
        reconnectionDelayMax: 2_000,
      });
      sockets.push(socket);
      const active = new Set<string>();
      let readied = false; // the first notReady (the state at login) is not a missed offer
      socket.on('call.offered.v1', (offer: Offer) => {
        const now = performance.now();
        const lag = Date.now() - Date.parse(offer.offeredAt);
        if (active.size > 0 && !active.has(offer.callId)) floor.doubleOffers++;
        active.add(offer.callId);
        withCall(offer.callId, (call) => {
          call.offerReceivedAt ??= now;
          call.offerLagMs ??= lag;
          call.offeredAtEpoch ??= Date.parse(offer.offeredAt);
          call.agentId = agentId;
          call.popStatus = offer.pop.status;
          if (offer.pop.status !== 'pending') call.popReadyLagMs ??= lag;
        });
      });
      socket.on('call.pop.v1', (p: { callId: string; pop: { status: string } }) => {
        const at = Date.now();
        withCall(p.callId, (call) => {
          call.popStatus = p.pop.status;
          // A pop sent after the offer (it was pending): from the offer's own timestamp to now.
          if (call.popReadyLagMs === null && call.offeredAtEpoch !== null)
            call.popReadyLagMs = at - call.offeredAtEpoch;
        });
      });
      socket.on('call.connected.v1', (c: { callId: string }) => {
        const now = performance.now();
        withCall(c.callId, (call) => {
          if (call.connectedAt !== null) return;
          call.connectedAt = now;
          connected++;
          const talk = talkOf.get(call);
          if (talk === null) held.add(call);
          else if (talk !== undefined)
            setTimeout(
              () =>
                void pbxs[call.node]!.hangup(call.channelId!).catch((err: unknown) => {
                  call.error ??= `caller hang-up failed: ${String(err)}`;
                }),
              talk,
            );
        });
      });
      socket.on('call.ended.v1', (e: { callId: string; reason: string }) => {
        active.delete(e.callId);
        const now = performance.now();
        withCall(e.callId, (call) => {
          if (call.endedAt !== null) return;
          call.endedAt = now;
          call.endReason = e.reason;
          if (call.connectedAt !== null) connected--;
          finish(call);
        });
      });
      socket.on('agent.state.v1', (s: { state: string }) => {
        if (s.state !== 'notReady' || !readied) return;
        floor.notReady++;
        socket.emit('agent.ready.v1', {}, () => undefined);
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const ack = (await socket.timeout(10_000).emitWithAck('agent.ready.v1', {})) as { ok: boolean };
      if (!ack.ok) throw new Error(`agent ${agentId} could not go ready: ${JSON.stringify(ack)}`);
      readied = true;
    });

    floor.call = async (from, node, talkMs) => {
      const call: FloorCall = {
        from,
        node,
        channelId: null,
        callId: null,
        placedAt: performance.now(),
        offerReceivedAt: null,
        offerLagMs: null,
        offeredAtEpoch: null,
        popReadyLagMs: null,
        popStatus: null,
        connectedAt: null,
        endedAt: null,
        endReason: null,
        agentId: null,
        error: null,
        refusedAtDoor: false,
      };
      calls.push(call);
      talkOf.set(call, talkMs);
      const done = new Promise<void>((resolve) => ended.set(call, resolve));
      endedPromise.set(call, done);
      const pbx = pbxs[node]!;
      const nodeName = nodes[node]!.node;
      try {
        call.channelId = await pbx.placeCall(from);
        // Press 1 once the call is in telephony's hands, again every 2.5 s while it is still in the
        // IVR (a press during the notice is ignored). A caller whose first press took them to the
        // overflow offer (queue long) presses 1 there too: the callback path, counted off the path.
        // Looked at every 250 ms: at every 50 ms the callers' own reads (two a look, for the whole
        // IVR) were most of Redis's commands and a good part of the bench process's CPU, on the
        // two cores telephony is measured on. The press's delay is IVR time, not setup time.
        let lastPress = -Infinity;
        let seenAt: number | null = null;
        const dialledAt = performance.now();
        for (let tries = 0; ; tries++) {
          call.callId ??= await center.state.callIdOfChannel(nodeName, call.channelId);
          if (call.callId && !byCallId.has(call.callId)) {
            byCallId.set(call.callId, call);
            early.get(call.callId)?.(call);
            early.delete(call.callId);
          }
          const live = call.callId ? await center.state.getCall(call.callId) : null;
          if (call.endedAt !== null || (live && live.state !== 'ivr')) break;
          // Never seen by telephony a while after dialling: refused at its door, if the PBX no
          // longer has the channel (a door refusal leaves no live state, only its two events).
          if (!call.callId && tries > 0 && tries % 2 === 0 && (await channelGone(pbx, call.channelId))) {
            call.refusedAtDoor = true;
            call.endedAt = performance.now();
            call.endReason = 'refusedAtDoor';
            finish(call);
            break;
          }
          if (live) seenAt ??= performance.now();
          else if (seenAt !== null) throw new Error('the call ended in the IVR');
          if (performance.now() - dialledAt > 60_000) throw new Error('the call never left the IVR in 60 s');
          if (seenAt !== null && performance.now() - seenAt > 150 && performance.now() - lastPress > 2_500) {
            lastPress = performance.now();
            await pbx.dtmf(call.channelId, '1').catch(() => undefined);
          }
          await sleep(250);
        }
        // Bounded: a call that is never offered counts as off its path. A held call (no talk time)
        // is bounded from its release instead once connected: it is meant to outlast the bound.
        const bound = sleep(options.callTimeoutMs);
        const timeout = (
          talkMs === null
            ? bound.then(() =>
                call.connectedAt !== null ? released.then(() => sleep(options.callTimeoutMs)) : undefined,
              )
            : bound
        ).then(() => {
          if (call.endedAt !== null) return;
          const stage =
            call.connectedAt !== null
              ? 'connected'
              : call.offerReceivedAt !== null
                ? 'offered'
                : 'queued, never offered';
          call.error ??= `not ended within ${options.callTimeoutMs / 1000} s (${stage})`;
        });
        await Promise.race([done, timeout]);
      } catch (err) {
        call.error = String(err);
      }
      return call;
    };

    floor.releaseAll = async (concurrency = 50, perSecond = Infinity) => {
      const list = calls.filter((c) => c.endedAt === null && c.channelId !== null);
      held.clear();
      release();
      const done = list.map((c) => endedPromise.get(c));
      const started = performance.now();
      const numbered = list.map((c, n) => ({ c, n }));
      await inBatches(numbered, concurrency, async ({ c, n }) => {
        // Paced: the n-th hang-up not before n / perSecond s (calls end spread out, not all at once).
        const due = started + (n * 1000) / perSecond;
        if (due > performance.now()) await sleep(due - performance.now());
        await bounded(pbxs[c.node]!.hangup(c.channelId!), 10_000, 'hang-up').catch(() => undefined);
      });
      await Promise.race([Promise.all(done), sleep(options.callTimeoutMs)]);
    };

    floor.snapshot = async () => {
      const count = (values: string[]) => {
        const out: Record<string, number> = {};
        for (const v of values) out[v] = (out[v] ?? 0) + 1;
        return out;
      };
      return {
        agents: count((await center.state.listAgents()).map((a) => a.value.state)),
        calls: count((await center.state.listCalls()).map((c) => c.state)),
        fundQueue: await center.state.queueLength('fund'),
      };
    };

    floor.events = async (callIds) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const { rows } = await center.db.query<{ call_id: string; type: string; at: Date }>(
          `SELECT call_id, type, min(at) AS at FROM call_events WHERE call_id = ANY($1) GROUP BY call_id, type`,
          [callIds],
        );
        const out = new Map<string, Map<string, number>>();
        for (const r of rows) {
          let m = out.get(r.call_id);
          if (!m) out.set(r.call_id, (m = new Map()));
          m.set(r.type, r.at.getTime());
        }
        const complete = callIds.every((id) => out.get(id)?.has('call.ended'));
        if (complete || Date.now() > deadline) return out;
        await sleep(500);
      }
    };

    floor.close = async () => {
      for (const s of sockets) s.disconnect();
      for (const n of nodes) await n.close();
      await crm?.close();
      await center.close(); // closes the first pbx too
      for (const p of pbxs.slice(1)) await p.close();
      removeRecordings();
    };
    options.log(`floor: ${options.nodes} telephony process(es), ${options.agents} agents ready`);
    return floor;
  } catch (err) {
    for (const s of sockets) s.disconnect();
    for (const n of nodes) await n.close().catch(() => undefined);
    await crm?.close().catch(() => undefined);
    await center.close().catch(() => undefined);
    for (const p of pbxs.slice(1)) await p.close().catch(() => undefined);
    removeRecordings();
    throw err;
  }
}

/** crm-api's production entry on the center's database, with a Redis of its own for its job queues. */
async function ownCrmApi(center: Center): Promise<{ url: string; close(): Promise<void> }> {
  const jobsRedis = await privateRedis();
  const recordings = mkdtempSync(join(tmpdir(), 'cc1357-bench-crm-'));
  try {
    const setup: CrmApiSetup = {
      databaseUrl: (center.db.options as { connectionString: string }).connectionString,
      redisUrl: jobsRedis.url,
      recordingsDir: recordings,
      port: await freeTcpPort(),
      logLevel: 'error',
      // `BENCH_CRM_NODE_ARGS="--cpu-prof --cpu-prof-dir=…"`: where crm-api's CPU goes.
      nodeArgs: (process.env.BENCH_CRM_NODE_ARGS ?? '').split(' ').filter(Boolean),
    };
    const url = crmApiUrl(setup);
    const proc = await spawnCrmApi(setup);
    return {
      url,
      async close() {
        await proc.stop();
        await jobsRedis.stop();
        rmSync(recordings, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await jobsRedis.stop();
    rmSync(recordings, { recursive: true, force: true });
    throw err;
  }
}

/** Whether the PBX no longer has the channel (ARI 404). */
async function channelGone(pbx: PbxDriver, channelId: string): Promise<boolean> {
  const auth = `Basic ${Buffer.from(`${pbx.ari.username}:${pbx.ari.password}`).toString('base64')}`;
  const res = await httpRequest('GET', `${pbx.ari.url}/ari/channels/${encodeURIComponent(channelId)}`, {
    headers: { authorization: auth },
  }).catch(() => null);
  return res?.status === 404;
}

/** The path every bench call must take, as telephony records it. */
export const EXPECTED_PATH = ['call.arrived', 'queue.entered', 'agent.offered', 'call.connected', 'call.ended'];

/** Nearest-rank percentile of ms values, 0.01 ms. */
export function pct(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const v = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return Math.round(v * 100) / 100;
}
