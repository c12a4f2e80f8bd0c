import { CallerPop } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  count,
  makeCompany,
  makeContact,
  makeUser,
  regNo,
  startTestCrm,
  tokenFor,
  type TestCrm,
} from './support/server';

describe('GET /api/callers/:number/pop', () => {
  let crm: TestCrm;
  let token: string;
  let hanbit: string;
  let daesung: string;
  let nuri: string;
  let counselorId: string;

  beforeAll(async () => {
    crm = await startTestCrm();
    counselorId = await makeUser(crm.db, { username: 'kim', displayName: '김상담' });
    token = await tokenFor('counselor', counselorId);
    hanbit = await makeCompany(crm.db, 1, '(주)한빛정밀');
    daesung = await makeCompany(crm.db, 2, '대성식품');
    nuri = await makeCompany(crm.db, 3, '누리소프트');
    await makeContact(
      crm.db,
      '홍길동',
      [hanbit],
      [
        ['01012345678', 'mobile'],
        ['0212345678', 'landline'],
      ],
    );
    // One owner, two firms: the number is ambiguous.
    await makeContact(crm.db, '이중대표', [daesung, nuri], [['01099998888', 'mobile']]);
    // Six consultations for 한빛 (only five come back), one for an unknown number.
    for (let i = 0; i < 6; i++) {
      await crm.db.query(
        `INSERT INTO consultations (idempotency_key, request_hash, company_id, caller_number, counselor_id, category, summary, outcome, created_at)
         VALUES ($1, 'x', $2, '01012345678', $3, 'finance', $4, 'resolved', $5)`,
        [`k-${i}`, hanbit, counselorId, `상담 ${i}`, new Date(Date.UTC(2025, 0, 1 + i))],
      );
    }
    await crm.db.query(
      `INSERT INTO consultations (idempotency_key, request_hash, caller_number, counselor_id, category, summary, outcome)
       VALUES ('k-new', 'x', '01055554444', $1, 'startup', '예비창업 문의', 'info')`,
      [counselorId],
    );
  });
  afterAll(() => crm.close());

  const pop = async (path: string) => {
    const res = await call(crm, 'GET', path, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return CallerPop.parse(res.body);
  };

  it('known: any format of the number finds the one company, its contact and last five consultations', async () => {
    for (const n of ['01012345678', '010-1234-5678', '%2B82-10-1234-5678', '821012345678']) {
      const body = await pop(`/api/callers/${n}/pop`);
      expect(body.status).toBe('known');
      expect(body.number).toBe('01012345678');
      expect(body.companies.map((c) => c.name)).toEqual(['(주)한빛정밀']);
      expect(body.companies[0]).toMatchObject({
        bizRegNo: regNo(1),
        region: '서울특별시',
        industry: 'C26 전자부품 제조업',
        foundedOn: '2015-04-01',
      });
      expect(body.contact?.name).toBe('홍길동');
      expect(body.contact?.phones).toEqual([
        { number: '01012345678', kind: 'mobile' },
        { number: '0212345678', kind: 'landline' },
      ]);
      expect(body.recentConsultations.map((c) => c.summary)).toEqual([
        '상담 5',
        '상담 4',
        '상담 3',
        '상담 2',
        '상담 1',
      ]);
      expect(body.recentConsultations[0]).toMatchObject({
        counselorName: '김상담',
        companyId: hanbit,
        createdAt: '2025-01-06T00:00:00.000Z',
      });
    }
  });

  it('ambiguous: a number shared by two companies lists both; a 사업자등록번호 picks one', async () => {
    const body = await pop('/api/callers/01099998888/pop');
    expect(body.status).toBe('ambiguous');
    expect(body.companies.map((c) => c.name).sort()).toEqual(['누리소프트', '대성식품']);
    expect(body.contact?.name).toBe('이중대표');
    const chosen = await pop(`/api/callers/01099998888/pop?bizRegNo=${regNo(3)}`);
    expect(chosen.status).toBe('known');
    expect(chosen.companies.map((c) => c.id)).toEqual([nuri]);
  });

  it("a 사업자등록번호 of a company not behind the number shows that company, without the number's contact", async () => {
    const body = await pop(`/api/callers/01012345678/pop?bizRegNo=${regNo(2)}`);
    expect(body.status).toBe('known');
    expect(body.companies.map((c) => c.id)).toEqual([daesung]);
    expect(body.contact).toBeNull();
    expect(body.contacts?.map((c) => c.name)).toEqual(['이중대표']);
    // A valid 사업자등록번호 nobody has leaves the number's own companies.
    expect((await pop(`/api/callers/01099998888/pop?bizRegNo=${regNo(99)}`)).status).toBe('ambiguous');
  });

  it('withheld number with a 사업자등록번호 from the IVR: the company is known', async () => {
    const body = await pop(`/api/callers/anonymous/pop?bizRegNo=${regNo(1)}`);
    expect(body).toMatchObject({ status: 'known', number: null, contact: null });
    expect(body.companies.map((c) => c.id)).toEqual([hanbit]);
    expect(body.contacts?.map((c) => c.name)).toEqual(['홍길동']);
    expect(body.recentConsultations).toHaveLength(5);
  });

  it('new: an unknown number is a 200 with no company and its own history', async () => {
    const body = await pop('/api/callers/010-5555-4444/pop');
    expect(body).toMatchObject({ status: 'new', number: '01055554444', companies: [], contact: null });
    expect(body.recentConsultations.map((c) => c.summary)).toEqual(['예비창업 문의']);
  });

  it.each(['anonymous', 'Anonymous', 'unknown', '%20'])('withheld: %s', async (n) => {
    const body = await pop(`/api/callers/${n}/pop`);
    expect(body).toEqual({ status: 'withheld', number: null, companies: [], contact: null, recentConsultations: [] });
  });

  it('withheld: an empty number', async () => {
    expect((await pop('/api/callers//pop')).status).toBe('withheld');
  });

  it('writes an audit row per pop', async () => {
    const before = await count(crm.db, 'audit_log', `action = 'caller.pop'`);
    await pop('/api/callers/01012345678/pop');
    const { rows } = await crm.db.query(
      `SELECT actor_id, subject_id, details FROM audit_log WHERE action = 'caller.pop' ORDER BY id DESC LIMIT 1`,
    );
    expect(await count(crm.db, 'audit_log', `action = 'caller.pop'`)).toBe(before + 1);
    expect(rows[0]).toMatchObject({
      actor_id: counselorId,
      subject_id: '01012345678',
      details: { status: 'known', companyIds: [hanbit] },
    });
    expect(rows[0].details).not.toHaveProperty('bizRegNo');
    await pop(`/api/callers/01099998888/pop?bizRegNo=${regNo(3)}`);
    await pop('/api/callers/01099998888/pop');
    const { rows: more } = await crm.db.query(
      `SELECT details FROM audit_log WHERE action = 'caller.pop' ORDER BY id DESC LIMIT 2`,
    );
    expect(more.map((r) => r.details)).toEqual([
      { status: 'ambiguous', companyIds: [nuri, daesung] }, // name order: 누리소프트, 대성식품
      { status: 'known', companyIds: [nuri], bizRegNo: regNo(3) },
    ]);
  });

  it('400 for text that is not a number or a bad 사업자등록번호', async () => {
    const bad = await call(crm, 'GET', '/api/callers/hello/pop', { token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([{ path: 'number', message: expect.any(String) }]);
    const badReg = await call(crm, 'GET', '/api/callers/01012345678/pop?bizRegNo=2208162518', { token });
    expect(badReg.status).toBe(400);
    expect(badReg.body.error.fields[0].path).toBe('bizRegNo');
  });

  it('roles: service may pop, partner may not (403), no token 401; neither writes audit', async () => {
    expect((await call(crm, 'GET', '/api/callers/01012345678/pop', { token: await tokenFor('service') })).status).toBe(
      200,
    );
    const before = await count(crm.db, 'audit_log');
    expect((await call(crm, 'GET', '/api/callers/01012345678/pop', { token: await tokenFor('partner') })).status).toBe(
      403,
    );
    expect((await call(crm, 'GET', '/api/callers/01012345678/pop')).status).toBe(401);
    expect(await count(crm.db, 'audit_log')).toBe(before);
  });
});
