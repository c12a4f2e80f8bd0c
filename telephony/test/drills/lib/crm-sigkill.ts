import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freeTcpPort } from '@cc1357/asterisk-config/testbed';
import { DEMO_PASSWORD } from '@cc1357/crm-api';
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
import { type CrmApiSetup, type CrmProcess, crmApiUrl, spawnCrmApi } from './crm-process';
import { privateRedis } from './private-redis';

/**
 * crm-api SIGKILLed while calls end: the call events telephony sends meanwhile wait in its
 * outbox, and the counselor's write-ups are saved again (same idempotency key, as the console
 * does) until crm-api answers. Lost: a call whose record is not closed with its events in order,
 * a write-up not stored exactly once. Recovery: crm-api restarted → every event and write-up in.
 */
export async function crmSigkillDrill(opts: DrillOptions): Promise<DrillFigures> {
  const log = opts.log ?? (() => undefined);
  // At most 4 waiting: above 300 s of estimated wait (a minute per caller ahead) the IVR offers a callback.
  const endingInOutage = opts.quick ? 3 : 5;
  // crm-api's job queues (BullMQ) get a Redis of their own, away from other tests' workers.
  const jobsRedis = await privateRedis();
  const recordings = await mkdtemp(path.join(tmpdir(), 'drill-recordings-'));
  let center: Center | null = null;
  let crm: CrmProcess | null = null;
  try {
    center = await startCenter({ timeScale: 0.1 });
    const c = center;
    const setup: CrmApiSetup = {
      databaseUrl: (c.db.options as { connectionString: string }).connectionString,
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

    // The console's save: the same key again until crm-api stores it (a refusal other than "down" is a loss).
    const saves: Promise<boolean>[] = [];
    const keys: string[] = [];
    const writeUp = (callId: string) => {
      const idempotencyKey = `drill-${callId}`;
      keys.push(idempotencyKey);
      const body = JSON.stringify({
        idempotencyKey,
        callId,
        category: 'finance',
        summary: '정책자금 문의 (장애 훈련)',
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
      until(
        () =>
          agent.received.some(
            (r) => r.event === 'call.connected.v1' && (r.payload as { callId: string }).callId === callId,
          ),
        `${callId} connected`,
        20_000,
      );
    const number = (i: number) => `0105553${String(1000 + i)}`;
    const arrive = async (i: number) => {
      const channel = await c.pbx.placeCall(number(i));
      return { channel, callId: await reachQueue(c, channel) };
    };
    const first = await arrive(0);
    await connected(first.callId);
    // The others arrive together (past 300 s of waiting the IVR would offer a callback instead
    // of the queue) and are served in the queue's order.
    const waiting = await Promise.all(Array.from({ length: endingInOutage }, (_, i) => arrive(i + 1)));
    const order = await until(async () => {
      const head = await c.state.queueHead('fund', 1_000);
      return waiting.every((w) => head.includes(w.callId)) ? head : null;
    }, 'every waiting caller in the fund queue');
    const callers = [first, ...order.map((id) => waiting.find((w) => w.callId === id)!)];
    log(`crm-sigkill: 1 talking, ${endingInOutage} waiting; killing crm-api`);
    await crm.kill();
    // Each call ends while crm-api is down; the agent goes on to the next caller regardless.
    for (const [i, caller] of callers.entries()) {
      await c.pbx.hangup(caller.channel);
      writeUp(caller.callId);
      const next = callers[i + 1];
      if (next) await connected(next.callId);
    }
    const restartAt = Date.now();
    crm = await spawnCrmApi(setup);
    const all = callers.map((x) => x.callId);
    const stored = await Promise.all(saves);
    await recordsClosed(c.db, all);
    const recovery_s = seconds(restartAt, Date.now());

    const calls: ExpectedCall[] = all.map((callId) => ({ callId, queued: true, served: true }));
    const audit = await auditCalls(c.db, calls);
    for (const p of audit.problems) log(`crm-sigkill: ${p}`);
    const { rows } = await c.db.query<{ key: string; n: string }>(
      'SELECT idempotency_key AS key, count(*) AS n FROM consultations WHERE idempotency_key = ANY($1) GROUP BY 1',
      [keys],
    );
    const once = new Set(rows.filter((r) => Number(r.n) === 1).map((r) => r.key));
    const consultationsLost = keys.filter((k, i) => !once.has(k) || !stored[i]).length;
    return {
      calls_lost: audit.lostCalls.size,
      consultations_lost: consultationsLost,
      events_lost: audit.eventsLost,
      recovery_s,
    };
  } finally {
    await crm?.kill();
    await center?.close();
    await jobsRedis.stop();
    await rm(recordings, { recursive: true, force: true });
  }
}
