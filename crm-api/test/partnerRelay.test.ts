import { randomBytes } from 'node:crypto';
import {
  RelayDto,
  RelayPackage,
  signedWebhookHeaders,
  verifyWebhook,
  WEBHOOK_HEADERS,
  type PartnerOutcomeRequest,
} from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partnerCenters } from '../src/domain/partnerCenters';
import { startPartnerReceiver, type PartnerReceiver } from './support/partnerReceiver';
import {
  call,
  count,
  eventually,
  makeCompany,
  makeContact,
  makeUser,
  regNo,
  startTestCrm,
  TEST_NOW,
  tokenFor,
  type TestCrm,
} from './support/server';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const FTA_SECRET = 'fta-secret-0123456789abcdef0123456789';
const CUSTOMS_SECRET = 'customs-secret-0123456789abcdef012345';
const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

describe('partner relay: signed webhook delivery, dead letters, signed outcomes', () => {
  let crm: TestCrm;
  let fta: PartnerReceiver;
  let customs: PartnerReceiver;
  let counselor: string;
  let supervisor: string;
  let companyId: string;

  beforeAll(async () => {
    [fta, customs] = await Promise.all([startPartnerReceiver(), startPartnerReceiver()]);
    crm = await startTestCrm({
      redisUrl: REDIS_URL,
      queuePrefix: `cc1357test:${randomBytes(4).toString('hex')}`,
      cohortRefreshMs: 0,
      relayBackoffMs: 10,
      relayAttempts: 3,
      partners: partnerCenters({
        fta1380: { webhookUrl: `${fta.url}/1357/relays`, secret: FTA_SECRET },
        customs: { webhookUrl: `${customs.url}/inbox`, secret: CUSTOMS_SECRET },
      }),
    });
    counselor = await tokenFor('counselor', await makeUser(crm.db, { username: 'kim' }));
    supervisor = await tokenFor('supervisor', await makeUser(crm.db, { username: 'boss', role: 'supervisor' }));
    companyId = await makeCompany(crm.db, 31, '한빛수출');
    await makeContact(crm.db, '박대표', [companyId], [['01055556666', 'mobile']]);
  });
  afterAll(async () => {
    await crm.close();
    await Promise.all([fta.close(), customs.close()]);
  });

  const relay = async (partnerId: string, key: string) => {
    const res = await call(crm, 'POST', '/api/relays', {
      token: counselor,
      body: {
        idempotencyKey: key,
        partnerId,
        callerNumber: '010-5555-6666',
        companyId,
        question: '한-EU FTA 원산지 증명 절차',
        context: '수출 초보 기업, 원산지 인증수출자 문의. 1357에서 기본 안내 완료.',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return RelayDto.parse(res.body);
  };
  const relayNow = async (id: string) =>
    RelayDto.parse((await call(crm, 'GET', `/api/relays/${id}`, { token: counselor })).body);

  let ftaRelay: RelayDto;

  it('delivers the relay package signed; the receiver verifies it; a repeated create sends nothing twice', async () => {
    ftaRelay = await relay('fta1380', 'relay-fta-0001');
    // The delivery worker may already have taken it by the time the answer is written.
    expect(['queued', 'delivering', 'delivered']).toContain(ftaRelay.delivery?.status);
    const got = await eventually(async () => fta.received[0], 'the partner receiving the package');
    expect(got.path).toBe('/1357/relays');
    expect(
      await verifyWebhook({
        secret: FTA_SECRET,
        timestamp: header(got.headers[WEBHOOK_HEADERS.timestamp]),
        signature: header(got.headers[WEBHOOK_HEADERS.signature]),
        body: got.body,
        now: TEST_NOW,
      }),
    ).toEqual({ ok: true });
    expect(header(got.headers[WEBHOOK_HEADERS.delivery])).toBe('relay-fta-0001');
    const pkg = RelayPackage.parse(JSON.parse(got.body));
    expect(pkg).toMatchObject({
      relayId: ftaRelay.id,
      deliveryId: 'relay-fta-0001',
      partnerId: 'fta1380',
      caller: { number: '01055556666' },
      company: { id: companyId, name: '한빛수출' },
      question: '한-EU FTA 원산지 증명 절차',
      consultation: { summary: expect.stringContaining('원산지 인증수출자') },
      outcomePath: '/api/partners/fta1380/outcomes',
    });
    await eventually(async () => (await relayNow(ftaRelay.id)).delivery?.status === 'delivered', 'delivered');
    // The same idempotency key again: the first relay, no second package.
    const again = await call(crm, 'POST', '/api/relays', {
      token: counselor,
      body: { idempotencyKey: 'relay-fta-0001', partnerId: 'fta1380', question: 'x' },
    });
    expect(again.status).toBe(200);
    expect((await relayNow(ftaRelay.id)).delivery).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(fta.received).toHaveLength(1);
  });

  it('a failing receiver: retries with backoff, then a dead letter; a supervisor retries it and it is delivered', async () => {
    customs.answer = 503;
    const r = await relay('customs', 'relay-customs-0001');
    const dead = await eventually(async () => {
      const now = await relayNow(r.id);
      return now.delivery?.status === 'dead' ? now : null;
    }, 'the dead letter');
    expect(dead.delivery).toMatchObject({ attempts: 3, lastError: 'partner answered HTTP 503' });
    expect(customs.received).toHaveLength(3);

    expect((await call(crm, 'GET', '/api/relays/dead-letters', { token: counselor })).status).toBe(403);
    const letters = await call(crm, 'GET', '/api/relays/dead-letters', { token: supervisor });
    expect(letters.status).toBe(200);
    expect(letters.body.map((x: RelayDto) => x.id)).toEqual([r.id]);
    // Only a dead letter can be retried.
    expect((await call(crm, 'POST', `/api/relays/${ftaRelay.id}/redeliver`, { token: supervisor })).status).toBe(409);

    customs.answer = 200;
    const retried = await call(crm, 'POST', `/api/relays/${r.id}/redeliver`, { token: supervisor });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    await eventually(async () => (await relayNow(r.id)).delivery?.status === 'delivered', 'redelivered');
    expect(customs.received).toHaveLength(4);
    // The partner dedupes on the delivery id: the same on every attempt and the redelivery.
    expect(new Set(customs.received.map((x) => header(x.headers[WEBHOOK_HEADERS.delivery])))).toEqual(
      new Set(['relay-customs-0001']),
    );
    expect((await call(crm, 'GET', '/api/relays/dead-letters', { token: supervisor })).body).toEqual([]);
    expect(await count(crm.db, 'audit_log', `action = 'relay.redeliver'`)).toBe(1);
  });

  const postOutcome = async (
    partnerId: string,
    body: unknown,
    o: { secret?: string; at?: Date; raw?: string; path?: 'outcomes' | 'relays' } = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON of an answer or an error; each test reads what it checks
  ): Promise<{ status: number; body: any }> => {
    const text = o.raw ?? JSON.stringify(body);
    const headers = await signedWebhookHeaders(o.secret ?? FTA_SECRET, text, o.at ?? TEST_NOW, 'ignored');
    const res = await fetch(`${crm.api.url}/api/partners/${partnerId}/${o.path ?? 'outcomes'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: text,
    });
    return { status: res.status, body: await res.json() };
  };
  const outcome = (over: Partial<PartnerOutcomeRequest> = {}): PartnerOutcomeRequest => ({
    deliveryId: 'fta-outcome-0001',
    relayId: ftaRelay.id,
    status: 'answered',
    outcome: '원산지 인증수출자 신청 서류 안내, 관세사 연결 완료',
    handledBy: '김상담',
    ...over,
  });

  it('bad outcome posts: wrong signature or old timestamp 401, malformed 400 naming the field; nothing changes', async () => {
    const before = await relayNow(ftaRelay.id);
    expect((await postOutcome('fta1380', outcome(), { secret: CUSTOMS_SECRET })).status).toBe(401);
    const old = await postOutcome('fta1380', outcome(), { at: new Date(TEST_NOW.getTime() - 6 * 60_000) });
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('UNAUTHORIZED');
    expect((await postOutcome('kipo', outcome())).status).toBe(401); // no secret configured for it
    const unsigned = await fetch(`${crm.api.url}/api/partners/fta1380/outcomes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(outcome()),
    });
    expect(unsigned.status).toBe(401);

    const missing = await postOutcome('fta1380', { ...outcome(), outcome: undefined });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['outcome']);
    const badStatus = await postOutcome('fta1380', outcome({ status: 'done' as 'answered' }));
    expect(badStatus.body.error.fields[0].path).toBe('status');
    expect((await postOutcome('fta1380', null, { raw: '{"relayId":' })).status).toBe(400);
    // Another center's relay is not found by this partner.
    expect((await postOutcome('customs', outcome(), { secret: CUSTOMS_SECRET })).status).toBe(404);

    expect(await relayNow(ftaRelay.id)).toEqual(before);
    expect(await count(crm.db, 'relay_outcome_receipts')).toBe(0);
  });

  it('a signed outcome is stored once however often it is posted, and shows in the pop and the company page', async () => {
    const first = await postOutcome('fta1380', outcome());
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toEqual({ relayId: ftaRelay.id, status: 'answered', duplicate: false });
    const repeats = await Promise.all([postOutcome('fta1380', outcome()), postOutcome('fta1380', outcome())]);
    expect(repeats.map((r) => [r.status, r.body.duplicate])).toEqual([
      [200, true],
      [200, true],
    ]);
    expect(await count(crm.db, 'relay_outcome_receipts')).toBe(1);
    expect(await count(crm.db, 'audit_log', `action = 'relay.outcome'`)).toBe(1);
    // A new outcome for a finished relay is refused.
    expect((await postOutcome('fta1380', outcome({ deliveryId: 'fta-outcome-0002' }))).status).toBe(409);

    const stored = await relayNow(ftaRelay.id);
    expect(stored).toMatchObject({ status: 'answered', outcomeBy: 'FTA 종합지원센터 김상담' });

    const pop = await call(crm, 'GET', '/api/callers/01055556666/pop', { token: counselor });
    expect(pop.status).toBe(200);
    expect(pop.body.relayOutcomes.map((r: RelayDto) => [r.id, r.outcome])).toEqual([
      [ftaRelay.id, '원산지 인증수출자 신청 서류 안내, 관세사 연결 완료'],
    ]);
    // No longer open: it left the open items.
    expect(pop.body.openItems.relays.map((r: RelayDto) => r.id)).not.toContain(ftaRelay.id);
    const company = await call(crm, 'GET', `/api/companies/${companyId}`, { token: counselor });
    expect(company.body.relayOutcomes.map((r: RelayDto) => r.id)).toEqual([ftaRelay.id]);
  });

  it('lists the partner centers with their hours (Friday noon KST: open) and never a secret', async () => {
    const res = await call(crm, 'GET', '/api/partners', { token: counselor });
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(9);
    expect(res.body.find((p: { id: string }) => p.id === 'fta1380')).toMatchObject({
      dial: '1380',
      ministry: '산업통상자원부',
      openNow: true,
      webhook: true,
    });
    expect(JSON.stringify(res.body)).not.toContain(FTA_SECRET);
    const saturdayNoon = new Date('2025-03-15T03:00:00Z');
    crm.setNow(saturdayNoon);
    const saturday = await call(crm, 'GET', '/api/partners', {
      token: await tokenFor('counselor', await makeUser(crm.db, { username: 'lee' }), saturdayNoon),
    });
    expect(saturday.body[0]).toMatchObject({ openNow: false, closedReason: 'closedDay' });
    crm.setNow(TEST_NOW);
  });
  it('partner closed: the relay records it and the callback number; the package and the partner user carry it', async () => {
    const saturday = new Date('2025-03-15T03:00:00Z');
    crm.setNow(saturday);
    try {
      const kim = await tokenFor('counselor', await makeUser(crm.db, { username: 'kim-sat' }), saturday);
      const res = await call(crm, 'POST', '/api/relays', {
        token: kim,
        body: {
          idempotencyKey: 'relay-fta-closed-01',
          partnerId: 'fta1380',
          callerNumber: '010-5555-6666',
          companyId,
          question: '원산지 검증 대응',
          callbackNumber: '010-5555-7777',
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ partnerOpen: false, callbackNumber: '01055557777', direction: 'outbound' });
      const got = await eventually(
        async () => fta.received.find((x) => header(x.headers[WEBHOOK_HEADERS.delivery]) === 'relay-fta-closed-01'),
        'the closed-hours package',
      );
      expect(RelayPackage.parse(JSON.parse(got.body)).callback).toEqual({
        requested: true,
        number: '01055557777',
        partnerOpen: false,
      });
      // The partner's user sees the number to call in full; a counselor's list masks it.
      const ftaUser = await makeUser(crm.db, { username: 'fta-desk', role: 'partner' });
      await crm.db.query(`UPDATE users SET partner_id = 'fta1380' WHERE id = $1`, [ftaUser]);
      const mine = await call(crm, 'GET', '/api/relays', { token: await tokenFor('partner', ftaUser, saturday) });
      expect(mine.body.find((r: RelayDto) => r.id === res.body.id).callbackNumber).toBe('01055557777');
      const masked = await call(crm, 'GET', '/api/relays', { token: kim });
      expect(masked.body.find((r: RelayDto) => r.id === res.body.id).callbackNumber).toBe('010-****-7777');
      const bad = await call(crm, 'POST', '/api/relays', {
        token: kim,
        body: { idempotencyKey: 'relay-fta-closed-02', partnerId: 'fta1380', question: 'x', callbackNumber: '12' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields[0].path).toBe('callbackNumber');
    } finally {
      crm.setNow(TEST_NOW);
    }
  });

  it('a partner relays to 1357 the same way: signed, stored once per delivery id, in the pop as an open relay', async () => {
    const body = {
      deliveryId: 'customs-in-0001',
      callerNumber: '010-5555-6666',
      bizRegNo: regNo(31),
      question: '수출 바우처 신청 자격',
      context: '관세청 상담 중 중소기업 지원사업 문의',
      handledBy: '이주무관',
    };
    const post = (b: unknown, secret = CUSTOMS_SECRET) => postOutcome('customs', b, { secret, path: 'relays' });
    expect((await post(body, FTA_SECRET)).status).toBe(401);
    const missing = await post({ ...body, question: undefined });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[0].path).toBe('question');
    expect(await count(crm.db, 'relays', `direction = 'inbound'`)).toBe(0);

    const first = await post(body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.duplicate).toBe(false);
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ relayId: first.body.relayId, duplicate: true });
    expect(await count(crm.db, 'relays', `direction = 'inbound'`)).toBe(1);

    const pop = await call(crm, 'GET', '/api/callers/01055556666/pop', { token: counselor });
    const inbound = pop.body.openItems.relays.find((r: RelayDto) => r.id === first.body.relayId);
    expect(inbound).toMatchObject({
      direction: 'inbound',
      partnerId: 'customs',
      companyId,
      question: '수출 바우처 신청 자격',
      createdBy: '관세청 이주무관',
    });
    // An inbound relay is not sent back to the partner's webhook.
    expect(inbound.delivery.status).toBe('none');
  });
});
