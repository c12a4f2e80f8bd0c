import { type TokenClaims, seoulDate, signAccessToken } from '@cc1357/contracts';
import { seed, seedSampleCallers, startCrmApi, type StartOptions } from '@cc1357/crm-api';
import { createTestDatabase } from '@cc1357/crm-api/testing';
import { startPbxSim } from '@cc1357/pbx-sim';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { LiveState } from '../../src/adapters/redis/live-state';
import { loadConfig } from '../../src/app/config';
import { fastScheduler } from '../../src/clock/scheduler';
import { type TelephonyDeps, type TelephonyHandle, startTelephony } from '../../src/app/wiring';
import { httpRequest } from './http-request';
import { testLog } from './log';
import { startTcpProxy } from './tcp-proxy';
import { TEST_REDIS_URL, testRedis } from './redis';

export const SECRET = 'integration-secret-0123456789';
/** pbx-sim runs media and rings 50× faster; telephony's timers run at the same pace. */
export const TIME_SCALE = 0.02;

/**
 * The next noon in Seoul at or after `now` (epoch ms): where a test that counts by the Seoul day
 * starts its telephony's fast clock (`startCenter({ clockStart })`). At 50× a minute of test is
 * 50 minutes of that clock: started at 23:47 in Seoul, the closed-door test crossed midnight and
 * its wallboard rightly showed the new day's zero refusals. Never behind the wall clock, as the
 * default start is not: a console's token is signed on the wall clock, and telephony weighs a
 * supervisor's change (on its own clock) against the token's age.
 */
export function nextSeoulNoon(now = new Date()): number {
  const noon = Date.parse(`${seoulDate(now)}T12:00:00+09:00`);
  return noon >= now.getTime() ? noon : noon + 24 * 3600_000;
}

export interface PbxDriver {
  ari: { url: string; username: string; password: string };
  phoneControlUrl: string | null;
  placeCall(from: string): Promise<string>;
  dtmf(channelId: string, digits: string): Promise<void>;
  hangup(channelId: string): Promise<void>;
  setPhone(agentId: string, mode: 'manual' | 'autoAnswer' | 'noAnswer' | 'reject'): Promise<void>;
  dropAriSocket(): Promise<void>;
  recordingStored(name: string): Promise<boolean>;
  channelIds(): Promise<string[]>;
  /** How many times ARI was asked to originate to this endpoint. */
  originates(endpoint: string): Promise<number>;
  /** The ARI requests pbx-sim received (pbx-sim only). */
  requests?(): Promise<{ method: string; path: string; query: Record<string, string> }[]>;
  /** The Q.850 cause a placed call's channel ended with; null while it lasts (pbx-sim only). */
  endCause?(channelId: string): Promise<number | null>;
  close(): Promise<void>;
}

/**
 * The `PbxDriver` steps over pbx-sim's steering API at `url` (ARI and `/control` on one port),
 * shared by the in-process sim below and the drills' pbx-sim child process.
 */
export function simOperations(
  url: string,
  credentials: { username: string; password: string },
): Omit<PbxDriver, 'ari' | 'phoneControlUrl' | 'close'> {
  const auth = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
  const control = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const res = await httpRequest(method, `${url}/control${path}`, {
      headers: { authorization: auth, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status < 200 || res.status > 299)
      throw new Error(`pbx-sim ${method} ${path}: HTTP ${res.status} ${res.text}`);
    return res.status === 204 ? null : JSON.parse(res.text);
  };
  type Request = { method: string; path: string; query: Record<string, string> };
  return {
    async placeCall(from) {
      const r = (await control('POST', '/calls', { from, to: '1357' })) as { channelId: string; route: string };
      if (r.route !== 'stasis') throw new Error(`call was not taken by the app: ${r.route}`);
      return r.channelId;
    },
    dtmf: async (channelId, digits) =>
      void (await control('POST', `/channels/${encodeURIComponent(channelId)}/dtmf`, { digits, gapMs: 0 })),
    hangup: async (channelId) => void (await control('POST', `/channels/${encodeURIComponent(channelId)}/hangup`, {})),
    setPhone: async (agentId, mode) =>
      void (await control('PUT', `/phones/${encodeURIComponent(`PJSIP/${agentId}`)}`, { mode, answerAfterMs: 0 })),
    dropAriSocket: async () => void (await control('POST', '/ws/drop', {})),
    async recordingStored(name) {
      const res = await httpRequest('GET', `${url}/ari/recordings/stored/${encodeURIComponent(name)}`, {
        headers: { authorization: auth },
      });
      return res.status === 200;
    },
    channelIds: async () => ((await control('GET', '/channels')) as { id: string }[]).map((c) => c.id),
    requests: async () => (await control('GET', '/requests')) as Request[],
    endCause: async (channelId) =>
      ((await control('GET', `/calls/${encodeURIComponent(channelId)}`)) as { cause: number | null }).cause,
    async originates(endpoint) {
      const log = (await control('GET', '/requests')) as Request[];
      return log.filter((r) => r.method === 'POST' && /\/channels\/?$/.test(r.path) && r.query.endpoint === endpoint)
        .length;
    },
  };
}

/** pbx-sim, optionally reached by telephony through a cuttable TCP proxy. */
export async function simPbx(
  options: { viaProxy?: boolean; timeScale?: number } = {},
): Promise<PbxDriver & { proxy: Awaited<ReturnType<typeof startTcpProxy>> | null }> {
  const sim = await startPbxSim({ timeScale: options.timeScale ?? TIME_SCALE, logger: testLog });
  const target = new URL(sim.url);
  const proxy = options.viaProxy ? await startTcpProxy(target.hostname, Number(target.port)) : null;
  return {
    proxy,
    ari: { url: proxy?.url ?? sim.url, username: sim.username, password: sim.password },
    phoneControlUrl: sim.url,
    ...simOperations(sim.url, sim),
    async close() {
      await proxy?.close();
      await sim.close();
    },
  };
}

export interface Center {
  pbx: PbxDriver;
  crmUrl: string;
  db: pg.Pool;
  redis: Redis;
  prefix: string;
  state: LiveState;
  telephony: TelephonyHandle[];
  callers: { known: string[]; unknown: string[] };
  /** `options.env` overrides environment variables, `options.deps` the injected parts (scheduler, ivr, …). */
  startTelephony(
    pbx?: PbxDriver,
    options?: { env?: Record<string, string>; deps?: TelephonyDeps },
  ): Promise<TelephonyHandle>;
  /**
   * `skillLevels`: levels the token carries, as crm-api's login signs them (absent = none); `url`:
   * the node whose console server it connects to (default: the first started).
   */
  agentConsole(
    agentId: string,
    skills?: string[],
    skillLevels?: Record<string, number>,
    url?: string,
  ): Promise<ConsoleClient>;
  close(): Promise<void>;
}

export interface ConsoleClient {
  socket: Socket;
  received: { event: string; payload: unknown }[];
  next<T = Record<string, unknown>>(event: string, match?: (p: T) => boolean): Promise<T>;
  command(event: string, payload: unknown): Promise<unknown>;
  /** Waits until the most recent `agent.state.v1` has this state. */
  stateBecomes(state: string): Promise<void>;
}

/**
 * A console's socket on a telephony node, recording every event it receives (the caller keeps
 * the socket to disconnect it). `label` names it in timeouts; `userAgent` stands in for a browser's.
 */
export async function openConsole(
  url: string,
  token: string,
  label: string,
  userAgent?: string,
): Promise<ConsoleClient> {
  const socket = connect(url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(userAgent ? { extraHeaders: { 'user-agent': userAgent } } : {}),
  });
  const received: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    socket,
    received,
    next: <T>(event: string, match: (p: T) => boolean = () => true) =>
      until(
        () => received.find((r) => r.event === event && match(r.payload as T))?.payload as T | undefined,
        `console ${label}: ${event}`,
      ),
    command: (event, payload) => socket.timeout(5_000).emitWithAck(event, payload),
    stateBecomes: async (state) =>
      void (await until(
        () =>
          (received.filter((r) => r.event === 'agent.state.v1').at(-1)?.payload as { state?: string } | undefined)
            ?.state === state,
        `console ${label}: agent state ${state}`,
      )),
  };
}

export async function startCenter(
  options: {
    ringTimeoutSeconds?: number;
    wrapUpSeconds?: number;
    pbx?: () => Promise<PbxDriver>;
    timeScale?: number;
    /** Where telephony's fast clock starts (epoch ms; default now): `nextSeoulNoon()` for day counts. */
    clockStart?: number;
    /** More of crm-api's options (e.g. partner centers' hours and webhooks, Redis for their delivery). */
    crm?: Partial<StartOptions>;
  } = {},
): Promise<Center> {
  const database = await createTestDatabase();
  await seed(database.url, { companies: 20 });
  const sample = await seedSampleCallers(database.url, 5);
  const crm = await startCrmApi({ ...options.crm, databaseUrl: database.url, authSecret: SECRET, logger: testLog });
  const timeScale = options.timeScale ?? TIME_SCALE;
  const pbx = await (options.pbx ?? (() => simPbx({ timeScale })))();
  const { redis, prefix, cleanup: cleanupRedis } = testRedis();
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  // An idle client killed by the database drop at teardown must not surface as an uncaught error.
  db.on('error', () => undefined);
  const sockets: Socket[] = [];
  const extraPbx: PbxDriver[] = [];
  const center: Center = {
    pbx,
    crmUrl: crm.url,
    db,
    redis,
    prefix,
    state: new LiveState(redis, prefix),
    telephony: [],
    callers: { known: sample.known, unknown: sample.unknown },
    async startTelephony(target = pbx, extra = {}) {
      if (target !== pbx) extraPbx.push(target);
      const config = loadConfig({
        ARI_URL: target.ari.url,
        ARI_USERNAME: target.ari.username,
        ARI_PASSWORD: target.ari.password,
        REDIS_URL: TEST_REDIS_URL,
        REDIS_PREFIX: prefix,
        CRM_API_URL: crm.url,
        AUTH_SECRET: SECRET,
        TELEPHONY_PORT: '0',
        TELEPHONY_HOST: '127.0.0.1',
        PHONE_DRIVER: target.phoneControlUrl ? 'sim' : 'sip',
        PBX_SIM_CONTROL_URL: target.phoneControlUrl ?? undefined,
        RING_TIMEOUT_SECONDS: String(options.ringTimeoutSeconds ?? 60),
        WRAP_UP_SECONDS: String(options.wrapUpSeconds ?? 10),
        // These rigs queue several callers behind one or two agents and expect them queued: a
        // minute of handle time until a call has been handled keeps the wait estimate under the
        // flows' 300 s callback threshold (the default, 180 s, offers a callback two callers in).
        HANDLE_TIME_PRIOR_SECONDS: '60',
        LOG_LEVEL: 'silent',
        ...extra.env,
      });
      const handle = await startTelephony(config, {
        scheduler: fastScheduler(timeScale, options.clockStart),
        logger: testLog,
        ivrAlwaysOpen: true,
        tickMs: 50_000,
        ...extra.deps,
      });
      center.telephony.push(handle);
      return handle;
    },
    async agentConsole(agentId, skills = ['fund', 'general'], skillLevels, url = center.telephony[0]?.url) {
      const claims: TokenClaims = {
        sub: `u-${agentId}`,
        username: `agent${agentId}`,
        role: 'counselor',
        agentId,
        skills,
        ...(skillLevels ? { skillLevels } : {}),
      };
      const token = await signAccessToken(claims, SECRET, 600);
      if (!url) throw new Error('start telephony first');
      const client = await openConsole(url, token, agentId);
      sockets.push(client.socket);
      return client;
    },
    async close() {
      for (const s of sockets) s.disconnect();
      for (const t of center.telephony) await t.close();
      await pbx.close();
      for (const p of extraPbx) await p.close();
      await crm.close();
      await db.end();
      await cleanupRedis();
      await database.drop();
    },
  };
  return center;
}

/** Bounded polling for a condition (integration tests never assert on elapsed time). */
/**
 * The environment of a telephony child process on `pbx` in `center`'s world (its Redis prefix,
 * crm-api and secret; phones driven through pbx-sim): what every multi-process floor starts
 * from, each adding its own timings.
 */
export function childTelephonyEnv(center: Center, pbx: PbxDriver): Record<string, string> {
  return {
    ARI_URL: pbx.ari.url,
    ARI_USERNAME: pbx.ari.username,
    ARI_PASSWORD: pbx.ari.password,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: center.prefix,
    CRM_API_URL: center.crmUrl,
    AUTH_SECRET: SECRET,
    PHONE_DRIVER: 'sim',
    PBX_SIM_CONTROL_URL: pbx.phoneControlUrl!,
  };
}

export async function until<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}

/** Caller presses `digit` until telephony has queued the call (digits before the menu are ignored). */
export async function reachQueue(
  center: Center,
  channelId: string,
  digit = '1',
  node = center.telephony[0]!.node,
): Promise<string> {
  const callId = await until(() => center.state.callIdOfChannel(node, channelId), `call record for ${channelId}`);
  await until(async () => {
    const call = await center.state.getCall(callId);
    if (call && call.state !== 'ivr') return true;
    await center.pbx.dtmf(channelId, digit).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 60));
    return false;
  }, `call ${callId} queued`);
  return callId;
}

export async function eventTypes(center: Center, callId: string): Promise<string[]> {
  const { rows } = await center.db.query<{ type: string }>(
    'SELECT type FROM call_events WHERE call_id = $1 ORDER BY at, type',
    [callId],
  );
  return rows.map((r) => r.type);
}
