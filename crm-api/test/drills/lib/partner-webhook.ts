import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RelayDto, WEBHOOK_HEADERS } from '@cc1357/contracts';
import { partnerCenters } from '../../../src/domain/partnerCenters';
import { call, eventually, makeCompany, makeContact, makeUser, startTestCrm, tokenFor } from '../../support/server';

/** The figures every drill reports (telephony/test/drills/lib/figures.ts has the same shape). */
export interface WebhookDrillFigures {
  calls_lost: number;
  consultations_lost: number;
  events_lost: number;
  recovery_s: number;
}

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'fta-secret-0123456789abcdef0123456789';
/** A slow partner answers after this long: slow, but inside crm-api's 10 s delivery timeout. */
const SLOW_MS = 1_500;

/** A partner's webhook that can be fine, slow, or dead (every connection dropped unanswered). */
async function partner() {
  const state = { mode: 'ok' as 'ok' | 'slow' | 'dead', accepted: new Set<string>(), requests: 0 };
  const server = createServer((req, res) => {
    state.requests++;
    if (state.mode === 'dead') return void req.socket.destroy();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = () => {
        const id = req.headers[WEBHOOK_HEADERS.delivery];
        if (typeof id === 'string') state.accepted.add(id);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      };
      if (state.mode === 'slow') setTimeout(answer, SLOW_MS);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    state,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/**
 * A partner center's webhook slow, then dead, then back, while counselors relay callers to it.
 * Every relay must end delivered (after the dead ones are redelivered by a supervisor, as the
 * dead-letter list asks) and its package accepted by the partner. Lost: a relay not delivered
 * (its consultation never reached the partner: `consultations_lost`), a package the partner never
 * accepted (`events_lost`). No calls are involved (`calls_lost` stays 0). Recovery: partner back
 * → every dead letter delivered.
 */
export async function partnerWebhookDrill(opts: {
  quick: boolean;
  log?: (line: string) => void;
}): Promise<WebhookDrillFigures> {
  const log = opts.log ?? (() => undefined);
  const perPhase = opts.quick ? 3 : 20;
  const receiver = await partner();
  const crm = await startTestCrm({
    redisUrl: REDIS_URL,
    queuePrefix: `cc1357drill:${randomBytes(4).toString('hex')}`,
    cohortRefreshMs: 0,
    relayBackoffMs: 10,
    relayAttempts: 3,
    partners: partnerCenters({ fta1380: { webhookUrl: `${receiver.url}/1357/relays`, secret: SECRET } }),
  });
  try {
    const counselor = await tokenFor('counselor', await makeUser(crm.db, { username: 'kim' }));
    const supervisor = await tokenFor('supervisor', await makeUser(crm.db, { username: 'boss', role: 'supervisor' }));
    const companyId = await makeCompany(crm.db, 31, '한빛수출');
    await makeContact(crm.db, '박대표', [companyId], [['01055556666', 'mobile']]);
    const relays: { id: string; key: string }[] = [];
    const relay = async (key: string) => {
      const res = await call(crm, 'POST', '/api/relays', {
        token: counselor,
        body: {
          idempotencyKey: key,
          partnerId: 'fta1380',
          callerNumber: '010-5555-6666',
          companyId,
          question: '한-EU FTA 원산지 증명 절차',
          context: '장애 훈련: 파트너 웹훅이 느리거나 응답하지 않을 때',
        },
      });
      if (res.status !== 201) throw new Error(`relay refused: HTTP ${res.status} ${JSON.stringify(res.body)}`);
      relays.push({ id: RelayDto.parse(res.body).id, key });
    };
    const statusOf = async (id: string) =>
      RelayDto.parse((await call(crm, 'GET', `/api/relays/${id}`, { token: counselor })).body).delivery?.status;
    const allSettled = (ids: string[], status: string) =>
      eventually(async () => (await Promise.all(ids.map(statusOf))).every((s) => s === status), `relays ${status}`);

    receiver.state.mode = 'slow';
    for (let i = 0; i < perPhase; i++) await relay(`drill-slow-${i}`);
    await allSettled(
      relays.map((r) => r.id),
      'delivered',
    ).catch(() => log('partner-webhook: slow deliveries did not all complete'));

    receiver.state.mode = 'dead';
    for (let i = 0; i < perPhase; i++) await relay(`drill-dead-${i}`);
    const deadOnes = relays.slice(perPhase).map((r) => r.id);
    await allSettled(deadOnes, 'dead').catch(() => log('partner-webhook: not every relay became a dead letter'));

    receiver.state.mode = 'ok';
    const backAt = Date.now();
    const letters = await call(crm, 'GET', '/api/relays/dead-letters', { token: supervisor });
    for (const letter of letters.body as RelayDto[]) {
      const res = await call(crm, 'POST', `/api/relays/${letter.id}/redeliver`, { token: supervisor });
      if (res.status !== 200) log(`partner-webhook: redeliver ${letter.id}: HTTP ${res.status}`);
    }
    await allSettled(
      relays.map((r) => r.id),
      'delivered',
    ).catch(() => log('partner-webhook: not every relay delivered after the partner came back'));
    const recovery_s = Math.round((Date.now() - backAt) / 10) / 100;

    const statuses = await Promise.all(relays.map((r) => statusOf(r.id)));
    const undelivered = statuses.filter((s) => s !== 'delivered').length;
    const unaccepted = relays.filter((r) => !receiver.state.accepted.has(r.key)).length;
    log(`partner-webhook: ${relays.length} relays, ${receiver.state.requests} webhook requests`);
    return { calls_lost: 0, consultations_lost: undelivered, events_lost: unaccepted, recovery_s };
  } finally {
    await crm.close();
    await receiver.close();
  }
}
