import { QUEUE_IDS, type QueueId } from '@cc1357/contracts';
import type { AgentRecord } from '../../src/core/agent-state';
import type { LiveCall } from '../../src/core/call';
import { type TelephonyProcess, spawnTelephony } from '../drills/lib/telephony-process';
import {
  type Center,
  type ConsoleClient,
  type PbxDriver,
  childTelephonyEnv,
  simPbx,
  startCenter,
  until,
} from './center';
import type { AgentCallSpan, FloorSnapshot, PlaceAndReservation } from './floor-invariants';

/**
 * Several telephony processes as production runs them (test/drills' child: `startTelephony` in a
 * process of its own, here on a shared fast clock), each on its own pbx-sim, sharing one Redis
 * key prefix and one crm-api on a throwaway PostgreSQL database (the test-support center).
 * Simulated counselors are console sockets spread over the nodes that go Ready and let their phone
 * auto-answer; callers are spread over the nodes' PBXs, press a queue's digit in the IVR and hang
 * up after a short talk.
 */
export interface AgentSpec {
  id: string;
  skills: QueueId[];
  levels?: Partial<Record<QueueId, number>>;
}

export interface MultiNodeFloor {
  center: Center;
  pbxs: PbxDriver[];
  nodes: TelephonyProcess[];
  consoles: Map<string, ConsoleClient>;
  /** Places a call on node `node`, presses `digit` until queued; resolves with its call id once it ended. */
  call(from: string, node: number, digit: string): Promise<string>;
  /** One atomic read (MULTI) of the queues, calls and agents. */
  snapshot(): Promise<FloorSnapshot>;
  /** Dispatch passes each node has finished so far (its `/metrics`). */
  passes(): Promise<number[]>;
  /** Offer → end of each agent's calls, from crm-api's call events (waits for every `call.ended`). */
  spans(callIds: string[]): Promise<AgentCallSpan[]>;
  /** Times an agent fell to Not ready (a missed offer) and was made Ready again. */
  notReady: number;
  close(): Promise<void>;
}

export interface MultiNodeOptions {
  nodes: number;
  agents: AgentSpec[];
  /** pbx-sim media and telephony's clock run this many times real time (0.05 = 20×). */
  timeScale: number;
  /** How long a caller talks once connected before hanging up, real ms, chosen per call. */
  talkMs(callId: string): number;
  /** Failure bound for one call from dial to end (real ms). */
  callTimeoutMs: number;
}

export async function startMultiNodeFloor(options: MultiNodeOptions): Promise<MultiNodeFloor> {
  const pbxs: PbxDriver[] = [];
  const center = await startCenter({
    timeScale: options.timeScale,
    pbx: async () => {
      const first = await simPbx({ timeScale: options.timeScale });
      pbxs.push(first);
      return first;
    },
  });
  const nodes: TelephonyProcess[] = [];
  const consoles = new Map<string, ConsoleClient>();
  const ended = new Map<string, () => void>();
  // The caller ends the conversation from their side (a console may only hang up calls of its own
  // node: ConsoleCommands.hangup answers UNAVAILABLE for another node's call).
  const lines = new Map<string, { pbx: PbxDriver; channel: string }>();
  // Callers in the IVR by `<node>|<channel>`. One loop reads the live calls for all of them (a poll
  // per caller was the test process's own bottleneck) and presses the caller's digit every
  // 400 ms while the call is in the IVR: digits during the recorded notice are ignored.
  const dialling = new Map<string, Dialling>();
  let closed = false;
  const keypad = (): void => {
    void (async () => {
      while (!closed) {
        if (dialling.size > 0) {
          const now = performance.now();
          for (const call of await center.state.listCalls().catch(() => [])) {
            const d = dialling.get(`${call.node}|${call.callerChannelId}`);
            if (!d) continue;
            lines.set(call.callId, { pbx: d.pbx, channel: d.channel });
            if (call.state !== 'ivr') {
              dialling.delete(`${call.node}|${call.callerChannelId}`);
              d.resolve(call.callId);
            } else if ((d.seenAt ??= now) + 150 < now && d.pressedAt + 400 < now) {
              d.pressedAt = now;
              void d.pbx.dtmf(d.channel, d.digit).catch(() => undefined);
            }
          }
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
  };
  const hangUp = (callId: string): void => {
    const line = lines.get(callId);
    if (!line) return void setTimeout(() => hangUp(callId), 50); // connected before reachQueue saw it queued
    void line.pbx.hangup(line.channel).catch(() => undefined);
  };
  const endedEarly = new Set<string>();
  const floor: MultiNodeFloor = {
    center,
    pbxs,
    nodes,
    consoles,
    notReady: 0,
    call: () => Promise.reject(new Error('not started')),
    snapshot: () => takeSnapshot(center),
    passes: () => Promise.all(nodes.map((n) => acdPasses(n.metricsUrl!))),
    spans: (ids) => agentSpans(center, ids),
    async close() {
      closed = true;
      for (const c of consoles.values()) c.socket.disconnect();
      await Promise.allSettled(nodes.map((n) => n.kill()));
      center.telephony.length = 0; // killed above
      await center.close(); // the first pbx too
      for (const p of pbxs.slice(1)) await p.close();
    },
  };
  try {
    for (let i = 1; i < options.nodes; i++) pbxs.push(await simPbx({ timeScale: options.timeScale }));
    const epoch = String(Date.now());
    for (const pbx of pbxs)
      nodes.push(
        await spawnTelephony({
          ...childTelephonyEnv(center, pbx),
          TELEPHONY_PORT: '0',
          TELEPHONY_HOST: '127.0.0.1',
          METRICS_PORT: '0',
          // Phones answer at once; a long ring time keeps a starved test process from turning into missed offers.
          RING_TIMEOUT_SECONDS: '600',
          WRAP_UP_SECONDS: '0',
          // The IVR's wait estimate must stay under the flows' 300 s call-back offer (a caller
          // pressing the queue's digit again there would ask for a call back): short handle times.
          HANDLE_TIME_PRIOR_SECONDS: '5',
          AGENT_DISCONNECT_GRACE_SECONDS: '3600',
          LOG_LEVEL: process.env.CC1357_CHILD_LOG_DIR ? 'info' : 'silent',
          DRILL_TIME_SCALE: String(options.timeScale),
          DRILL_CLOCK_EPOCH: epoch,
        }),
      );
    for (const n of nodes)
      center.telephony.push({
        url: n.url,
        node: n.node,
        port: Number(new URL(n.url).port),
        metricsUrl: n.metricsUrl,
        close: () => n.kill(),
      });
    // Whichever node owns a call rings the agent on its own PBX: every PBX has every phone.
    for (const pbx of pbxs) for (const a of options.agents) await pbx.setPhone(a.id, 'autoAnswer');

    await Promise.all(
      options.agents.map(async (spec, i) => {
        const url = nodes[i % nodes.length]!.url; // consoles spread over the nodes, as behind a balancer
        const c = await center.agentConsole(spec.id, spec.skills, spec.levels as Record<string, number>, url);
        consoles.set(spec.id, c);
        let readied = false;
        c.socket.on('call.connected.v1', (p: { callId: string }) => {
          setTimeout(() => hangUp(p.callId), options.talkMs(p.callId));
        });
        c.socket.on('call.ended.v1', (p: { callId: string; reason: string }) => {
          // An offer that rang out, was refused or failed ends for this agent only: the call goes on.
          if (p.reason !== 'callerHangup' && p.reason !== 'agentHangup') return;
          const done = ended.get(p.callId);
          if (done) done();
          else endedEarly.add(p.callId);
        });
        c.socket.on('agent.state.v1', (s: { state: string }) => {
          if (s.state !== 'notReady' || !readied) return;
          floor.notReady++;
          void c.command('agent.ready.v1', {}).catch(() => undefined);
        });
        const ack = (await c.command('agent.ready.v1', {})) as { ok: boolean };
        if (!ack.ok) throw new Error(`agent ${spec.id} could not go Ready: ${JSON.stringify(ack)}`);
        readied = true;
      }),
    );

    floor.call = async (from, node, digit) => {
      const pbx = pbxs[node]!;
      const channel = await pbx.placeCall(from);
      const queued = new Promise<string>((resolve) =>
        dialling.set(`${nodes[node]!.node}|${channel}`, { pbx, channel, digit, seenAt: null, pressedAt: 0, resolve }),
      );
      const callId = await bounded(queued, options.callTimeoutMs, `call on ${channel} queued`);
      if (!endedEarly.delete(callId))
        await bounded(
          new Promise<void>((resolve) => ended.set(callId, resolve)),
          options.callTimeoutMs,
          `call ${callId} ended`,
        );
      ended.delete(callId);
      lines.delete(callId);
      return callId;
    };
    keypad();
    return floor;
  } catch (err) {
    await floor.close().catch(() => undefined);
    throw err;
  }
}

interface Dialling {
  pbx: PbxDriver;
  channel: string;
  digit: string;
  seenAt: number | null;
  pressedAt: number;
  resolve(callId: string): void;
}

/** `p`, or a rejection after `ms` (a failure bound: a call must not hang the test). */
function bounded<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function takeSnapshot(center: Center): Promise<FloorSnapshot> {
  const key = (name: string) => center.state.key(name);
  const multi = center.redis.multi();
  for (const q of QUEUE_IDS) multi.zrange(key(`queue:${q}`), '0', '-1');
  multi.hgetall(key('calls')).hgetall(key('agents')).hgetall(key('agents:v'));
  const replies = (await multi.exec()) ?? [];
  const value = <T>(i: number): T => {
    const [err, v] = replies[i] ?? [new Error('no reply'), null];
    if (err) throw err;
    return v as T;
  };
  const queued = new Map<QueueId, string[]>();
  QUEUE_IDS.forEach((q, i) => queued.set(q, value<string[]>(i)));
  const base = QUEUE_IDS.length;
  const calls = new Map<string, LiveCall>();
  for (const [id, json] of Object.entries(value<Record<string, string>>(base)))
    calls.set(id, JSON.parse(json) as LiveCall);
  const versions = value<Record<string, string>>(base + 2);
  const agents = new Map<string, { agent: AgentRecord; version: number }>();
  for (const [id, json] of Object.entries(value<Record<string, string>>(base + 1)))
    agents.set(id, { agent: JSON.parse(json) as AgentRecord, version: Number(versions[id] ?? 0) });
  return { queued, calls, agents };
}

async function acdPasses(metricsUrl: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const m = /^cc1357_telephony_acd_passes_total(?:\{[^}]*\})? (\d+)/m.exec(text);
  if (!m) throw new Error(`no cc1357_telephony_acd_passes_total at ${metricsUrl}`);
  return Number(m[1]);
}

/**
 * Offer → end of each agent's calls from crm-api's call events, once every call's `call.ended`
 * is there (also the bench's `scale-out` count).
 */
export async function agentSpans(center: Center, callIds: string[]): Promise<AgentCallSpan[]> {
  // crm-api has every call's end once the nodes' outboxes delivered it.
  let missing: string[] = callIds;
  await until(
    async () => {
      const { rows } = await center.db.query<{ call_id: string }>(
        `SELECT DISTINCT call_id FROM call_events WHERE type = 'call.ended' AND call_id = ANY($1)`,
        [missing],
      );
      const have = new Set(rows.map((r) => r.call_id));
      missing = missing.filter((id) => !have.has(id));
      return missing.length === 0;
    },
    `call.ended in crm-api (still missing for ${missing.length}: ${missing.slice(0, 3).join(' ')})`,
    60_000,
  ).catch(async (err: unknown) => {
    const { rows } = await center.db.query<{ call_id: string; types: string }>(
      `SELECT call_id, string_agg(type, ' ' ORDER BY at) AS types FROM call_events WHERE call_id = ANY($1) GROUP BY call_id`,
      [missing.slice(0, 3)],
    );
    const outbox = await center.redis.llen(center.state.key('events:outbox'));
    const dead = await center.redis.lrange(center.state.key('events:outbox:dead'), 0, 2);
    throw new Error(
      `${String(err)}; their events: ${JSON.stringify(rows)}; outbox ${outbox}, dead ${JSON.stringify(dead)}`,
    );
  });
  const { rows } = await center.db.query<{ agent_id: string; call_id: string; offered: Date; ended: Date }>(
    `SELECT o.agent_id, o.call_id, o.at AS offered, e.at AS ended
       FROM (SELECT call_id, agent_id, min(at) AS at FROM call_events
              WHERE type = 'agent.offered' AND call_id = ANY($1) GROUP BY call_id, agent_id) o
       JOIN (SELECT call_id, min(at) AS at FROM call_events
              WHERE type = 'call.ended' AND call_id = ANY($1) GROUP BY call_id) e USING (call_id)`,
    [callIds],
  );
  return rows.map((r) => ({
    agentId: r.agent_id,
    callId: r.call_id,
    offeredAt: r.offered.getTime(),
    endedAt: r.ended.getTime(),
  }));
}

/**
 * Each call's first place (`queue.entered` data.enqueuedAt and priority, the place as the queue
 * held it) and first reservation number (`agent.offered` data.reservation), from crm-api's call
 * events: what `reservedOutOfPlace` judges. Call after `agentSpans` (every call's events are in).
 */
export async function placesAndReservations(center: Center, callIds: string[]): Promise<PlaceAndReservation[]> {
  const { rows } = await center.db.query<{
    call_id: string;
    queue: string;
    priority: number;
    place: Date;
    reservation: string | null;
  }>(
    `SELECT q.call_id, q.queue, q.priority, q.place, o.reservation
       FROM (SELECT DISTINCT ON (call_id) call_id, queue, COALESCE((data->>'priority')::int, 0) AS priority,
                    COALESCE((data->>'enqueuedAt')::timestamptz, at) AS place
               FROM call_events WHERE type = 'queue.entered' AND call_id = ANY($1) ORDER BY call_id, at) q
       JOIN (SELECT DISTINCT ON (call_id) call_id, data->>'reservation' AS reservation
               FROM call_events WHERE type = 'agent.offered' AND call_id = ANY($1) ORDER BY call_id, at) o USING (call_id)`,
    [callIds],
  );
  return rows.map((r) => ({
    callId: r.call_id,
    queue: r.queue,
    priority: r.priority,
    place: r.place.getTime(),
    reservation: r.reservation === null ? null : Number(r.reservation),
  }));
}
