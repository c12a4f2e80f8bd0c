import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freeTcpPort } from '@cc1357/asterisk-config/testbed';
import { DEMO_PASSWORD, migrate, seed } from '@cc1357/crm-api';
import pg from 'pg';
import { type Center, reachQueue, startCenter, until } from '../../support/center';
import { type CrmApiSetup, type CrmProcess, crmApiUrl, spawnCrmApi } from './crm-process';
import {
  type DrillFigures,
  type DrillOptions,
  type ExpectedCall,
  auditCalls,
  recordsClosed,
  seconds,
  soon,
} from './figures';
import { type PrivatePostgres, privatePostgres } from './private-postgres';
import { privateRedis } from './private-redis';

/**
 * crm-api's PostgreSQL stopped as a crash would (`pg_ctl -m immediate`) while calls end and a new
 * caller arrives, then started again (crash recovery from the WAL). The database is a private
 * server of the drill's own (private-postgres.ts), never the shared one on 5432. crm-api keeps
 * running: its pool reconnects; telephony's call events wait in its outbox (crm-api answers 5xx
 * meanwhile) and the counselor's write-ups are saved again with the same key, as the console does.
 * Lost (counted in that database after the restart): a call whose record is not closed with its
 * events in order, a write-up not stored exactly once, a waiting caller not served in turn.
 * Recovery: PostgreSQL started → every event and write-up in.
 */
export async function pgRestartDrill(opts: DrillOptions): Promise<DrillFigures> {
  const log = opts.log ?? (() => undefined);
  // At most 4 ahead of anyone in the queue: above 300 s of estimated wait (a minute per caller
  // ahead) the IVR offers a callback. One more caller arrives while the database is down.
  const waitingBefore = opts.quick ? 2 : 3;
  const postgres: PrivatePostgres = await privatePostgres();
  const jobsRedis = await privateRedis();
  const recordings = await mkdtemp(path.join(tmpdir(), 'drill-recordings-'));
  let center: Center | null = null;
  let crm: CrmProcess | null = null;
  let db: pg.Pool | null = null;
  try {
    const admin = new pg.Client({ connectionString: postgres.adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE drill');
    await admin.end();
    const url = postgres.urlOf('drill');
    await migrate(url);
    await seed(url, { companies: 20 });
    db = new pg.Pool({ connectionString: url, max: 2 });
    // Its idle clients die with the server; the next query reconnects.
    db.on('error', () => undefined);

    center = await startCenter({ timeScale: 0.1 });
    const c = center;
    const setup: CrmApiSetup = {
      databaseUrl: url,
      redisUrl: jobsRedis.url,
      recordingsDir: recordings,
      port: await freeTcpPort(),
      logLevel: 'silent',
    };
    const crmUrl = crmApiUrl(setup);
    crm = await spawnCrmApi(setup);
    await c.startTelephony(undefined, { env: { CRM_API_URL: crmUrl } });
    const login = await fetch(`${crmUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'counselor', password: DEMO_PASSWORD }),
    });
    if (!login.ok) throw new Error(`counselor login: HTTP ${login.status}`);
    const { token } = (await login.json()) as { token: string };
    await c.pbx.setPhone('1001', 'autoAnswer');
    const agent = await c.agentConsole('1001');
    await agent.command('agent.ready.v1', {});

    // The console's save: the same key again until crm-api stores it (a refusal other than 5xx is a loss).
    const saves: Promise<boolean>[] = [];
    const keys: string[] = [];
    const writeUp = (callId: string) => {
      const idempotencyKey = `drill-pg-${callId}`;
      keys.push(idempotencyKey);
      const body = JSON.stringify({
        idempotencyKey,
        callId,
        category: 'finance',
        summary: '정책자금 문의 (DB 재시작 훈련)',
        outcome: 'resolved',
      });
      saves.push(
        soon(async () => {
          const res = await fetch(`${crmUrl}/api/consultations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body,
          }).catch(() => null);
          if (res && !res.ok && res.status < 500) throw new Error(`write-up refused: HTTP ${res.status}`);
          return res?.ok === true;
        }, 60_000),
      );
    };
    const connected = (callId: string) =>
      soon(
        () =>
          agent.received.some(
            (r) => r.event === 'call.connected.v1' && (r.payload as { callId: string }).callId === callId,
          ),
        20_000,
      );
    const number = (i: number) => `0105554${String(1000 + i)}`;
    const arrive = async (i: number) => {
      const channel = await c.pbx.placeCall(number(i));
      return { channel, callId: await reachQueue(c, channel) };
    };
    const first = await arrive(0);
    if (!(await connected(first.callId))) throw new Error(`${first.callId} never connected before the outage`);
    const waiting = await Promise.all(Array.from({ length: waitingBefore }, (_, i) => arrive(i + 1)));
    const order = await until(async () => {
      const head = await c.state.queueHead('fund', 1_000);
      return waiting.every((w) => head.includes(w.callId)) ? head : null;
    }, 'every waiting caller in the fund queue');
    const callers = [first, ...order.map((id) => waiting.find((w) => w.callId === id)!)];
    log(`pg-restart: 1 talking, ${waitingBefore} waiting; stopping PostgreSQL (immediate)`);
    await postgres.stop();
    // A caller arriving during the outage: the pop fails, the call must go on.
    callers.push(await arrive(waitingBefore + 1));
    // Each call ends while the database is down; the agent goes on to the next caller regardless.
    const notServed = new Set<string>();
    for (const [i, caller] of callers.entries()) {
      await c.pbx.hangup(caller.channel).catch(() => undefined);
      writeUp(caller.callId);
      const next = callers[i + 1];
      if (next && !(await connected(next.callId))) {
        notServed.add(next.callId);
        log(`pg-restart: ${next.callId} not served in turn during the outage`);
      }
    }
    const restartAt = Date.now();
    await postgres.start();
    log('pg-restart: PostgreSQL started again');
    const all = callers.map((x) => x.callId);
    const stored = await Promise.all(saves);
    await recordsClosed(db, all);
    const recovery_s = seconds(restartAt, Date.now());

    const calls: ExpectedCall[] = all.map((callId) => ({ callId, queued: true, served: !notServed.has(callId) }));
    const audit = await auditCalls(db, calls);
    for (const p of audit.problems) log(`pg-restart: ${p}`);
    const { rows } = await db.query<{ key: string; n: string }>(
      'SELECT idempotency_key AS key, count(*) AS n FROM consultations WHERE idempotency_key = ANY($1) GROUP BY 1',
      [keys],
    );
    const once = new Set(rows.filter((r) => Number(r.n) === 1).map((r) => r.key));
    const lost = new Set([...audit.lostCalls, ...notServed]);
    return {
      calls_lost: lost.size,
      consultations_lost: keys.filter((k, i) => !once.has(k) || !stored[i]).length,
      events_lost: audit.eventsLost,
      recovery_s,
    };
  } finally {
    await crm?.kill();
    await center?.close();
    await db?.end().catch(() => undefined);
    await jobsRedis.stop();
    await postgres.dispose();
    await rm(recordings, { recursive: true, force: true });
  }
}
