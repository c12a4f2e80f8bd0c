import { CompanySearchHit, ConsultationSearchHit, ProgramCalendar } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  count,
  makeCompanyWith,
  makeContact,
  makePrograms,
  makeUser,
  regNo,
  startTestCrm,
  tokenFor,
  type TestCrm,
} from './support/server';

describe('search: companies and consultations (masked lists)', () => {
  let crm: TestCrm;
  let token: string;
  let kim: string;
  let lee: string;
  let hanbit: string;
  let daesung: string;

  beforeAll(async () => {
    crm = await startTestCrm();
    kim = await makeUser(crm.db, { username: 'kim', displayName: '김상담' });
    lee = await makeUser(crm.db, { username: 'lee', displayName: '이상담' });
    token = await tokenFor('counselor', kim);
    hanbit = await makeCompanyWith(crm.db, 1, { name: '(주)한빛정밀', representative: '김철수' });
    await makeCompanyWith(crm.db, 2, { name: '한빛전자', region: '경기도' });
    await makeCompanyWith(crm.db, 3, { name: '새한빛테크' });
    daesung = await makeCompanyWith(crm.db, 4, { name: '주식회사 대성식품', region: '부산광역시', size: '소상공인' });
    await makeContact(crm.db, '김철수', [hanbit], [['01012345678', 'mobile']]);
    const insert = (
      key: string,
      company: string | null,
      number: string,
      counselor: string,
      category: string,
      at: string,
    ) =>
      crm.db.query(
        `INSERT INTO consultations (idempotency_key, request_hash, company_id, caller_number, counselor_id, category, summary, outcome, created_at)
         VALUES ($1, 'x', $2, $3, $4, $5, $1, 'resolved', $6)`,
        [key, company, number, counselor, category, at],
      );
    await insert('c-1', hanbit, '01012345678', kim, 'finance', '2025-03-01T01:00:00Z');
    await insert('c-2', hanbit, '01012345678', lee, 'export', '2025-03-10T01:00:00Z');
    await insert('c-3', daesung, '0517778888', lee, 'finance', '2025-02-01T01:00:00Z');
    await insert('c-4', null, '01099990000', kim, 'startup', '2025-03-13T20:00:00Z'); // 03-14 05:00 KST
  });
  afterAll(() => crm.close());

  const companies = async (qs: string) => {
    const res = await call(crm, 'GET', `/api/search/companies?${qs}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body as unknown[]).map((h) => CompanySearchHit.parse(h));
  };

  it('two syllables: a prefix match that ignores (주) and 주식회사', async () => {
    expect((await companies(`q=${encodeURIComponent('한빛')}`)).map((h) => [h.name, h.match])).toEqual([
      ['한빛전자', 'prefix'],
      ['(주)한빛정밀', 'prefix'],
    ]);
    expect((await companies(`q=${encodeURIComponent('대성')}`)).map((h) => h.name)).toEqual(['주식회사 대성식품']);
  });

  it('three or more: substring first (best similarity first), then fuzzy trigram matches for typos', async () => {
    expect((await companies(`q=${encodeURIComponent('한빛정밀')}`)).map((h) => [h.name, h.match])).toEqual([
      ['(주)한빛정밀', 'substring'],
    ]);
    const typo = await companies(`q=${encodeURIComponent('한빛정빌')}`);
    expect(typo[0]).toMatchObject({ name: '(주)한빛정밀', match: 'fuzzy' });
    expect(typo[0]!.similarity).toBeGreaterThan(0.3);
    expect((await companies(`q=${encodeURIComponent('빛테크')}`)).map((h) => h.name)).toEqual(['새한빛테크']);
  });

  it('by 사업자등록번호 (with dashes, or typed in the search box) and by phone; region narrows', async () => {
    const dashed = `${regNo(1).slice(0, 3)}-${regNo(1).slice(3, 5)}-${regNo(1).slice(5)}`;
    expect((await companies(`bizRegNo=${dashed}`)).map((h) => [h.id, h.match])).toEqual([[hanbit, 'bizRegNo']]);
    expect((await companies(`q=${regNo(4)}`)).map((h) => h.id)).toEqual([daesung]);
    expect((await companies('phone=010-1234-5678')).map((h) => [h.id, h.match])).toEqual([[hanbit, 'phone']]);
    expect(
      (await companies(`q=${encodeURIComponent('한빛')}&region=${encodeURIComponent('경기도')}`)).map((h) => h.name),
    ).toEqual(['한빛전자']);
  });

  it('masks the representative and phones in the list, and audits the search', async () => {
    const before = await count(crm.db, 'audit_log', `action = 'company.search'`);
    const [hit] = await companies(`bizRegNo=${regNo(1)}`);
    expect(hit).toMatchObject({ representative: '김*수', phones: ['010-****-5678'] });
    // This search's own row (earlier tests wrote others).
    expect(await count(crm.db, 'audit_log', `action = 'company.search'`)).toBe(before + 1);
  });

  it('400 for no key or a bad 사업자등록번호; partner 403', async () => {
    expect((await call(crm, 'GET', '/api/search/companies', { token })).status).toBe(400);
    expect(
      (await call(crm, 'GET', '/api/search/companies?bizRegNo=1234567890', { token })).body.error.fields[0].path,
    ).toBe('bizRegNo');
    expect((await call(crm, 'GET', '/api/search/companies?q=x', { token: await tokenFor('partner') })).status).toBe(
      403,
    );
  });

  const consultations = async (qs: string) => {
    const res = await call(crm, 'GET', `/api/search/consultations?${qs}`, { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body as unknown[]).map((h) => ConsultationSearchHit.parse(h));
  };

  it('consultations by company name, 사업자등록번호, phone, date range (KST days), category and counselor; numbers masked', async () => {
    expect((await consultations(`q=${encodeURIComponent('한빛정밀')}`)).map((c) => c.summary)).toEqual(['c-2', 'c-1']);
    expect((await consultations(`bizRegNo=${regNo(4)}`)).map((c) => [c.summary, c.companyName])).toEqual([
      ['c-3', '주식회사 대성식품'],
    ]);
    expect((await consultations('phone=01012345678')).map((c) => c.callerNumber)).toEqual([
      '010-****-5678',
      '010-****-5678',
    ]);
    expect((await consultations('from=2025-03-01&to=2025-03-13')).map((c) => c.summary)).toEqual(['c-2', 'c-1']);
    expect((await consultations('from=2025-03-14&to=2025-03-14')).map((c) => c.summary)).toEqual(['c-4']);
    expect((await consultations('category=finance')).map((c) => c.summary)).toEqual(['c-1', 'c-3']);
    expect((await consultations(`counselorId=${lee}`)).map((c) => c.summary)).toEqual(['c-2', 'c-3']);
    expect((await consultations(`category=finance&q=${encodeURIComponent('대성')}`)).map((c) => c.summary)).toEqual([
      'c-3',
    ]);
    expect(await consultations(`q=${encodeURIComponent('없는회사이름')}`)).toEqual([]);
  });
});

describe('programs and the policy calendar', () => {
  let crm: TestCrm;
  beforeAll(async () => {
    crm = await startTestCrm();
    await makePrograms(crm.db, [
      { code: 'NOW', name: '정책자금 융자', opensOn: '2025-03-01', closesOn: '2025-04-30' },
      { code: 'NEXT', name: '창업성공패키지', opensOn: '2025-03-18', closesOn: '2025-04-18' },
      {
        code: 'LATER',
        name: '수출바우처',
        opensOn: '2025-04-02',
        closesOn: '2025-05-02',
        announcedOn: null,
        level: 'local',
        eligibleRegions: ['경기도'],
      },
    ]);
  });
  afterAll(() => crm.close());

  it('the calendar lists programs opening in the coming weeks, by week, from today by default', async () => {
    const token = await tokenFor('counselor');
    const res = await call(crm, 'GET', '/api/programs/calendar?weeks=4', { token });
    const cal = ProgramCalendar.parse(res.body);
    expect(cal.from).toBe('2025-03-14');
    expect(cal.byWeek.map((w) => [w.weekStart, w.programs.map((p) => p.code)])).toEqual([
      ['2025-03-10', []],
      ['2025-03-17', ['NEXT']],
      ['2025-03-24', []],
      ['2025-03-31', ['LATER']],
    ]);
    expect(cal.byWeek[3]!.programs[0]).toMatchObject({
      announcedOn: null,
      level: 'local',
      eligibleRegions: ['경기도'],
      eligibleSizes: null,
    });
    // The week of Monday 2025-02-24 runs to Sunday 03-02: NOW opens in it.
    expect(
      (await call(crm, 'GET', '/api/programs/calendar?from=2025-02-24&weeks=1', { token })).body.byWeek[0].programs.map(
        (p: { code: string }) => p.code,
      ),
    ).toEqual(['NOW']);
    expect((await call(crm, 'GET', '/api/programs/calendar?weeks=99', { token })).status).toBe(400);
    expect((await call(crm, 'GET', '/api/programs/calendar?from=2025-02-30', { token })).status).toBe(400);
  });

  it('the catalogue filters by category, level and open day; partners may read it, strangers may not', async () => {
    const partner = await tokenFor('partner');
    expect(
      (await call(crm, 'GET', '/api/programs?openOn=2025-03-14', { token: partner })).body.map(
        (p: { code: string }) => p.code,
      ),
    ).toEqual(['NOW']);
    expect(
      (await call(crm, 'GET', '/api/programs?level=local', { token: partner })).body.map(
        (p: { code: string }) => p.code,
      ),
    ).toEqual(['LATER']);
    expect((await call(crm, 'GET', '/api/programs')).status).toBe(401);
  });
});
