import { CallerPop, CompanyDetail, RecommendationList } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshCohorts } from '../src/repositories/cohorts';
import {
  addSupport,
  call,
  count,
  makeCompanyWith,
  makeContact,
  makePrograms,
  makeUser,
  startTestCrm,
  TEST_NOW,
  tokenFor,
  type TestCrm,
} from './support/server';

describe('the complete screen pop and the company view', () => {
  let crm: TestCrm;
  let token: string;
  let hanbit: string;
  let ids: Map<string, string>;

  beforeAll(async () => {
    crm = await startTestCrm();
    const counselorId = await makeUser(crm.db, { username: 'kim', displayName: '김상담' });
    token = await tokenFor('counselor', counselorId);
    ids = await makePrograms(crm.db, [
      { code: 'OPEN', name: '정책자금 융자' },
      { code: 'SOON', name: '수출바우처', opensOn: '2025-04-01', closesOn: '2025-04-30', announcedOn: null },
      { code: 'BUSAN', name: '부산 특별자금', eligibleRegions: ['부산광역시'] },
      { code: 'HAS', name: '창업성공패키지' },
      { code: 'CLOSED', name: '지난 사업', opensOn: '2025-01-01', closesOn: '2025-02-28' },
    ]);
    // Thirteen similar companies (서울, C26, 소기업, 7–15 years): twelve got 5천만원 of OPEN, 한빛 got 5억 of HAS.
    hanbit = await makeCompanyWith(crm.db, 1, { name: '(주)한빛정밀', representative: '홍길동' });
    for (let i = 0; i < 12; i++) {
      const id = await makeCompanyWith(crm.db, 100 + i);
      await addSupport(crm.db, id, ids.get('OPEN')!, '정책자금 융자', 2024, 50_000_000);
    }
    await addSupport(crm.db, hanbit, ids.get('HAS')!, '창업성공패키지', 2023, 400_000_000);
    await addSupport(crm.db, hanbit, null, '지역 특화 사업', 2023, 100_000_000, 'completed');
    await addSupport(crm.db, hanbit, null, '탈락한 사업', 2024, 90_000_000, 'rejected');
    const client = await crm.db.connect();
    try {
      await refreshCohorts(client, TEST_NOW);
    } finally {
      client.release();
    }
    await makeContact(crm.db, '홍길동', [hanbit], [['01012345678', 'mobile']]);
    await makeContact(crm.db, '이경리', [hanbit], [['0212345678', 'landline']]);
    await crm.db.query(
      `INSERT INTO consultations (idempotency_key, request_hash, company_id, caller_number, counselor_id, category, summary, outcome, follow_up, follow_up_closed_at)
       VALUES ('f-open', 'x', $1, '01012345678', $2, 'finance', '서류 검토 후 회신', 'followUp', '회신 약속', NULL),
              ('f-done', 'x', $1, '01012345678', $2, 'finance', '끝난 후속', 'followUp', '완료', now())`,
      [hanbit, counselorId],
    );
    await crm.db.query(
      `INSERT INTO callbacks (number, queue, due_at, status, company_id, requested_by) VALUES ('01012345678', 'fund', '2025-03-14T05:00:00Z', 'open', $1, 'ivr')`,
      [hanbit],
    );
    await crm.db.query(
      `INSERT INTO relays (idempotency_key, partner_id, company_id, question, status, created_by) VALUES ('r-1', 'nts', $1, '부가세 신고 문의', 'pending', 'kim')`,
      [hanbit],
    );
    await crm.db.query(
      `INSERT INTO call_events (id, call_id, type, at, data) VALUES
         ('e1', 'call-1', 'call.arrived', '2025-03-14T02:59:00Z', '{}'),
         ('e2', 'call-1', 'ivr.step', '2025-03-14T02:59:01Z', '{"nodeId":"main","nodeType":"menu"}'),
         ('e3', 'call-1', 'ivr.step', '2025-03-14T02:59:09Z', '{"nodeId":"fund-menu","nodeType":"menu"}')`,
    );
  });
  afterAll(() => crm.close());

  it('known caller: contacts, support by year with totals, over-concentration, open items, recommendations, IVR path', async () => {
    const res = await call(crm, 'GET', '/api/callers/010-1234-5678/pop?callId=call-1', { token });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const pop = CallerPop.parse(res.body);
    expect(pop.status).toBe('known');
    expect(pop.contacts?.map((c) => c.name)).toEqual(['홍길동', '이경리']);
    expect(pop.supportHistory?.years.map((y) => [y.year, y.total, y.items.length])).toEqual([
      [2024, 0, 1],
      [2023, 500_000_000, 2],
    ]);
    expect(pop.supportHistory?.total).toBe(500_000_000);
    expect(pop.supportHistory?.overConcentration).toMatchObject({
      flagged: true,
      companyTotal: 500_000_000,
      cohort: 'C26|소기업|서울특별시|7-15',
      cohortCompanies: 13,
      cohortRecipients: 13,
      cohortMedian: 50_000_000,
      cohortP90: 50_000_000,
    });
    expect(pop.supportHistory?.overConcentration?.reason).toContain('쏠림 주의');
    expect(pop.openItems?.followUps.map((c) => c.summary)).toEqual(['서류 검토 후 회신']);
    expect(pop.openItems?.callbacks.map((c) => c.queue)).toEqual(['fund']);
    expect(pop.openItems?.relays.map((r) => [r.partnerId, r.companyName])).toEqual([['nts', '(주)한빛정밀']]);
    expect(pop.ivrPath).toEqual(['main', 'fund-menu']);
    // OPEN (12 of 13 similar firms took it) then SOON; not BUSAN (region), HAS (already has), CLOSED.
    expect(pop.recommendations?.map((r) => r.program.code)).toEqual(['OPEN', 'SOON']);
    expect(pop.recommendations?.[0]?.reason).toBe(
      '같은 업종·규모·지역·업력 기업 13곳 중 92%가 수혜 · 신청 중 · 마감 2025-04-30',
    );
    expect(pop.recommendations?.[0]).toMatchObject({ basis: 'cohort', sector: 'C', sizeClass: '소기업' });
    expect(pop.recommendations?.[1]?.window).toBe('soon');
  });

  it('a similar company without much support is not flagged, and is recommended what it lacks', async () => {
    const similar = (
      await crm.db.query<{ id: string }>(`SELECT id::text AS id FROM companies WHERE name = '테스트기업100'`)
    ).rows[0]!.id;
    const res = await call(crm, 'GET', `/api/companies/${similar}/recommendations`, { token });
    expect(res.status).toBe(200);
    const list = RecommendationList.parse(res.body);
    expect(list.asOf).toBe('2025-03-14');
    // HAS: 1 of 13 similar firms took it; SOON: none yet (a new program, still recommended).
    expect(list.recommendations.map((r) => r.program.code)).toEqual(['HAS', 'SOON']);
    const history = await call(crm, 'GET', `/api/companies/${similar}/support-history`, { token });
    expect(history.body.overConcentration.flagged).toBe(false);
  });

  it('recommendations write their audit row in the read (one per read), none for an unknown company', async () => {
    const where = `action = 'company.recommendations' AND subject_id = $1`;
    const before = await count(crm.db, 'audit_log', where, [hanbit]);
    expect((await call(crm, 'GET', `/api/companies/${hanbit}/recommendations`, { token })).status).toBe(200);
    expect(await count(crm.db, 'audit_log', where, [hanbit])).toBe(before + 1);
    const all = await count(crm.db, 'audit_log', `action = 'company.recommendations'`);
    expect((await call(crm, 'GET', '/api/companies/999999/recommendations', { token })).status).toBe(404);
    expect(await count(crm.db, 'audit_log', `action = 'company.recommendations'`)).toBe(all);
  });

  it('the company view is the full record and is audited', async () => {
    const before = await count(crm.db, 'audit_log', `action = 'company.read'`);
    const res = await call(crm, 'GET', `/api/companies/${hanbit}`, { token });
    expect(res.status).toBe(200);
    const detail = CompanyDetail.parse(res.body);
    expect(detail.company.representative).toBe('홍길동');
    expect(detail.contacts[0]!.phones[0]!.number).toBe('01012345678');
    expect(await count(crm.db, 'audit_log', `action = 'company.read' AND subject_id = $1`, [hanbit])).toBe(before + 1);
    expect((await call(crm, 'GET', '/api/companies/999999', { token })).status).toBe(404);
  });

  it('withheld pops keep their original shape', async () => {
    const w = await call(crm, 'GET', '/api/callers/anonymous/pop', { token });
    expect(Object.keys(w.body).sort()).toEqual(['companies', 'contact', 'number', 'recentConsultations', 'status']);
  });

  it('401 without a token, 403 for a partner; neither reads nor audits', async () => {
    const before = await count(crm.db, 'audit_log');
    for (const path of [
      `/api/companies/${hanbit}`,
      `/api/companies/${hanbit}/recommendations`,
      `/api/companies/${hanbit}/support-history`,
    ]) {
      expect((await call(crm, 'GET', path)).status).toBe(401);
      expect((await call(crm, 'GET', path, { token: await tokenFor('partner') })).status).toBe(403);
    }
    expect(await count(crm.db, 'audit_log')).toBe(before);
  });
});
