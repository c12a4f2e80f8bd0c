import { CallbackDto, RelayDto } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, count, makeCompany, makeUser, startTestCrm, tokenFor, type TestCrm } from './support/server';

describe('callbacks: one open callback per number', () => {
  let crm: TestCrm;
  let token: string;
  beforeAll(async () => {
    crm = await startTestCrm();
    token = await tokenFor('counselor', await makeUser(crm.db, { username: 'kim' }));
  });
  afterAll(() => crm.close());

  const request = (number: string, t: string | undefined = token) =>
    call(crm, 'POST', '/api/callbacks', {
      token: t,
      body: { number, queue: 'fund', dueAt: '2025-03-14T06:00:00Z', note: '정책자금 재안내' },
    });

  it('schedules, refuses a second open one for the same number (409 naming it), allows one after closing', async () => {
    const first = await request('010-3333-4444');
    expect(first.status).toBe(201);
    const cb = CallbackDto.parse(first.body);
    expect(cb).toMatchObject({
      number: '01033334444',
      queue: 'fund',
      status: 'open',
      dueAt: '2025-03-14T06:00:00.000Z',
    });
    const second = await request('+82 10 3333 4444');
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain(`#${cb.id}`);
    expect(await count(crm.db, 'callbacks')).toBe(1);
    const dialing = await call(crm, 'PATCH', `/api/callbacks/${cb.id}`, { token, body: { status: 'dialing' } });
    expect(dialing.status, JSON.stringify(dialing.body)).toBe(200);
    expect(dialing.body.status).toBe('dialing');
    expect((await request('01033334444')).status).toBe(409);
    const done = await call(crm, 'PATCH', `/api/callbacks/${cb.id}`, { token, body: { status: 'done' } });
    expect(done.body.closedAt).not.toBeNull();
    expect((await call(crm, 'PATCH', `/api/callbacks/${cb.id}`, { token, body: { status: 'open' } })).status).toBe(409);
    expect((await request('01033334444')).status).toBe(201);
  });

  it('two concurrent requests for one number store one callback', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => request('01077778888')));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(5);
    expect(await count(crm.db, 'callbacks', `number = '01077778888'`)).toBe(1);
  });

  it('lists by status; bad input 400; partner 403 and no token 401 store nothing', async () => {
    const list = await call(crm, 'GET', '/api/callbacks?status=open', { token });
    expect(list.body.every((c: CallbackDto) => c.status === 'open')).toBe(true);
    expect(
      (
        await call(crm, 'POST', '/api/callbacks', {
          token,
          body: { number: '01011112222', queue: 'nope', dueAt: 'tomorrow' },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await call(crm, 'POST', '/api/callbacks', {
          token,
          body: { number: '01011112222', queue: 'fund', dueAt: 'tomorrow' },
        })
      ).body.error.fields[0].path,
    ).toBe('dueAt');
    const before = await count(crm.db, 'callbacks');
    expect((await request('01012121212', await tokenFor('partner'))).status).toBe(403);
    expect(
      (
        await call(crm, 'POST', '/api/callbacks', {
          body: { number: '01012121212', queue: 'fund', dueAt: '2025-03-14T06:00:00Z' },
        })
      ).status,
    ).toBe(401);
    expect(await count(crm.db, 'callbacks')).toBe(before);
  });
});

describe('relays to partner centers', () => {
  let crm: TestCrm;
  let counselor: string;
  let ntsUser: string;
  let customsUser: string;
  let relayId: string;
  let companyId: string;

  beforeAll(async () => {
    crm = await startTestCrm();
    counselor = await tokenFor('counselor', await makeUser(crm.db, { username: 'kim', displayName: '김상담' }));
    const nts = await makeUser(crm.db, { username: 'nts1', role: 'partner' });
    const customs = await makeUser(crm.db, { username: 'customs1', role: 'partner' });
    await crm.db.query(`UPDATE users SET partner_id = 'nts' WHERE id = $1`, [nts]);
    await crm.db.query(`UPDATE users SET partner_id = 'customs' WHERE id = $1`, [customs]);
    ntsUser = await tokenFor('partner', nts);
    customsUser = await tokenFor('partner', customs);
    companyId = await makeCompany(crm.db, 1, '(주)한빛정밀');
    const consultation = await call(crm, 'POST', '/api/consultations', {
      token: counselor,
      body: {
        idempotencyKey: 'relay-consult-1',
        companyId,
        callerNumber: '01012345678',
        category: 'management',
        subCategory: '세무',
        summary: '부가세 환급 지연 문의. 신고 내역 확인함.',
        outcome: 'relayed',
      },
    });
    const created = await call(crm, 'POST', '/api/relays', {
      token: counselor,
      body: {
        idempotencyKey: 'relay-key-0001',
        partnerId: 'nts',
        callerNumber: '010-1234-5678',
        consultationId: consultation.body.id,
        question: '환급 일정 확인 요청',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    relayId = created.body.id;
  });
  afterAll(() => crm.close());

  it('the package carries the caller, company, question and the consultation so far; the key makes it idempotent', async () => {
    const relay = RelayDto.parse((await call(crm, 'GET', `/api/relays/${relayId}`, { token: counselor })).body);
    expect(relay).toMatchObject({
      partnerId: 'nts',
      callerNumber: '01012345678',
      companyId,
      companyName: '(주)한빛정밀',
      question: '환급 일정 확인 요청',
      status: 'pending',
    });
    expect(relay.context).toContain('부가세 환급 지연');
    const again = await call(crm, 'POST', '/api/relays', {
      token: counselor,
      body: { idempotencyKey: 'relay-key-0001', partnerId: 'nts', question: '환급 일정 확인 요청' },
    });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(relayId);
    expect(await count(crm.db, 'relays')).toBe(1);
  });

  it('a partner sees only relays addressed to it, masked in the list, full (and audited) one by one', async () => {
    const mine = await call(crm, 'GET', '/api/relays', { token: ntsUser });
    expect(mine.body.map((r: RelayDto) => [r.id, r.callerNumber])).toEqual([[relayId, '010-****-5678']]);
    expect((await call(crm, 'GET', '/api/relays', { token: customsUser })).body).toEqual([]);
    expect((await call(crm, 'GET', '/api/relays?partnerId=nts', { token: customsUser })).body).toEqual([]);
    expect((await call(crm, 'GET', `/api/relays/${relayId}`, { token: customsUser })).status).toBe(404);
    const readsBefore = await count(crm.db, 'audit_log', `action = 'relay.read' AND subject_id = $1`, [relayId]);
    const one = await call(crm, 'GET', `/api/relays/${relayId}`, { token: ntsUser });
    expect(one.body.callerNumber).toBe('01012345678');
    // The partner's own read is audited (the counselor's earlier read wrote another row).
    expect(
      await count(crm.db, 'audit_log', `action = 'relay.read' AND subject_id = $1 AND actor_role = 'partner'`, [
        relayId,
      ]),
    ).toBe(1);
    expect(await count(crm.db, 'audit_log', `action = 'relay.read' AND subject_id = $1`, [relayId])).toBe(
      readsBefore + 1,
    );
  });

  it('only the addressed partner posts the outcome; others change nothing', async () => {
    const before = await crm.db.query('SELECT status, outcome FROM relays WHERE id = $1', [relayId]);
    expect(
      (
        await call(crm, 'POST', `/api/relays/${relayId}/outcome`, {
          token: customsUser,
          body: { status: 'answered', outcome: '남의 건' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await call(crm, 'POST', `/api/relays/${relayId}/outcome`, {
          token: counselor,
          body: { status: 'answered', outcome: '상담원' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(crm, 'POST', `/api/relays/${relayId}/outcome`, { body: { status: 'answered', outcome: '익명' } }))
        .status,
    ).toBe(401);
    expect((await crm.db.query('SELECT status, outcome FROM relays WHERE id = $1', [relayId])).rows).toEqual(
      before.rows,
    );
    const ok = await call(crm, 'POST', `/api/relays/${relayId}/outcome`, {
      token: ntsUser,
      body: { status: 'answered', outcome: '3월 20일 환급 예정으로 회신함' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'answered', outcome: '3월 20일 환급 예정으로 회신함' });
    expect(
      (
        await call(crm, 'POST', `/api/relays/${relayId}/outcome`, {
          token: ntsUser,
          body: { status: 'closed', outcome: '다시' },
        })
      ).status,
    ).toBe(409);
  });

  it('a partner cannot create relays or read consultations', async () => {
    expect(
      (
        await call(crm, 'POST', '/api/relays', {
          token: ntsUser,
          body: { idempotencyKey: 'relay-key-0002', partnerId: 'nts', question: 'x' },
        })
      ).status,
    ).toBe(403);
    expect((await call(crm, 'GET', '/api/search/consultations?q=한빛', { token: ntsUser })).status).toBe(403);
  });
});
