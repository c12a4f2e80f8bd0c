import { ConsultationPivot, FcrReport, KPI_FORMULAS } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fcrCountsOf, fcrRowsOf, type ContactFact } from '../src/domain/consultationAnalysis';
import { periodOf } from '../src/domain/kpiBuckets';
import { call, makeCompanyWith, makeUser, startTestCrm, tokenFor, type TestCrm } from './support/server';

/** Seoul wall time as an instant. */
const kst = (d: string, hm = '10:00') => `${d}T${hm}:00+09:00`;

/*
 * Hand count. Companies: A 서울 소기업 C26, B 부산 소상공인 G47, C 서울 중기업 J58.
 * Calls: k1, k2 fund; k3 startup; k4 merchant; k5 export.
 *  #1  A finance 정책자금   03-01 10:00 kim k1(fund)
 *  #2  A finance 신용보증   03-03 10:00 lee k2(fund)   → #1 is a repeat (2 days)
 *  #3  A finance            03-10 10:00 kim (no call)   → exactly 7 days after #2: #2 resolved
 *  #4  B startup 예비창업    03-05 10:00 kim k3(startup)
 *  #5  B domestic 온누리상품권 03-06 10:00 lee k4(merchant)
 *  #6  C export FTA         02-27 10:00 lee k5(export)
 *  #7  (no company) 0212345678 other 03-12 09:00 kim
 *  #8  (no company, no number) other 03-12 11:00 kim   → unidentified, left out of FCR
 *  #10 B startup            03-30 10:00 kim             → #9 three days later: repeated
 *  #9  B startup            04-02 10:00 kim             (after the period 02-01 … 03-31)
 * Pivot over the period: 9 consultations (#9 is outside).
 * FCR (7 days) per queue: fund 2 contacts / 1 repeat; startup 1/0; merchant 1/0; export 1/0;
 *   '-' (#3, #7, #10) 3/1. Total 8 contacts, 2 repeats → 6 ÷ 8 = 0.75; unidentified 1.
 */
describe('GET /api/reports/consultations and /api/reports/fcr over real PostgreSQL', () => {
  let crm: TestCrm;
  let supervisor: string;
  let kim: string;
  let lee: string;

  beforeAll(async () => {
    crm = await startTestCrm();
    supervisor = await tokenFor('supervisor');
    kim = await makeUser(crm.db, { username: 'kim', displayName: '김상담', agentId: '1001' });
    lee = await makeUser(crm.db, { username: 'lee', displayName: '이상담', agentId: '1002', active: false });
    const a = await makeCompanyWith(crm.db, 1, { region: '서울특별시', size: '소기업' });
    const b = await makeCompanyWith(crm.db, 2, { region: '부산광역시', size: '소상공인' });
    const c = await makeCompanyWith(crm.db, 3, { region: '서울특별시', size: '중기업' });
    await crm.db.query(`UPDATE companies SET ksic_code = 'G47', ksic_label = '소매업' WHERE id = $1`, [b]);
    await crm.db.query(`UPDATE companies SET ksic_code = 'J58', ksic_label = '출판업' WHERE id = $1`, [c]);
    for (const [callId, queue] of [
      ['k1', 'fund'],
      ['k2', 'fund'],
      ['k3', 'startup'],
      ['k4', 'merchant'],
      ['k5', 'export'],
    ])
      await crm.db.query(`INSERT INTO call_records (call_id, queue, outcome) VALUES ($1, $2, 'answered')`, [
        callId,
        queue,
      ]);
    const rows: [string | null, string | null, string, string, string | null, string, string | null][] = [
      [a, null, kim, 'finance', '정책자금', kst('2025-03-01'), 'k1'],
      [a, null, lee, 'finance', '신용보증', kst('2025-03-03'), 'k2'],
      [a, null, kim, 'finance', null, kst('2025-03-10'), null],
      [b, null, kim, 'startup', '창업·벤처 > 예비창업', kst('2025-03-05'), 'k3'],
      [b, null, lee, 'domestic', '온누리상품권', kst('2025-03-06'), 'k4'],
      [c, null, lee, 'export', 'FTA', kst('2025-02-27'), 'k5'],
      [null, '0212345678', kim, 'other', null, kst('2025-03-12', '09:00'), null],
      [null, null, kim, 'other', null, kst('2025-03-12', '11:00'), null],
      [b, null, kim, 'startup', null, kst('2025-04-02'), null],
      [b, null, kim, 'startup', null, kst('2025-03-30'), null],
    ];
    let n = 0;
    for (const [company, number, counselor, category, sub, at, callId] of rows)
      await crm.db.query(
        `INSERT INTO consultations (idempotency_key, request_hash, company_id, caller_number, counselor_id, category,
                                    sub_category, summary, outcome, created_at, call_id)
         VALUES ($1, 'h', $2, $3, $4, $5, $6, '상담', 'resolved', $7, $8)`,
        [`analysis-${++n}`, company, number, counselor, category, sub, at, callId],
      );
  });
  afterAll(() => crm.close());

  const get = async (path: string, token = supervisor) => call(crm, 'GET', path, { token });
  const pivot = async (qs: string) => {
    const res = await get(`/api/reports/consultations?${qs}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return ConsultationPivot.parse(res.body);
  };
  const fcr = async (qs: string) => {
    const res = await get(`/api/reports/fcr?${qs}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return FcrReport.parse(res.body);
  };
  const period = 'from=2025-02-01&to=2025-03-31';

  it('category × region: the hand count, with totals', async () => {
    const p = await pivot(`${period}&rows=category&cols=region`);
    expect(p.rowKeys).toEqual(['finance', 'export', 'domestic', 'startup', 'other']);
    expect(p.colKeys).toEqual(['서울특별시', '부산광역시', '-']);
    expect(p.counts).toEqual([
      [3, 0, 0],
      [1, 0, 0],
      [0, 1, 0],
      [0, 2, 0],
      [0, 0, 2],
    ]);
    expect(p.rowTotals).toEqual([3, 1, 1, 2, 2]);
    expect(p.colTotals).toEqual([4, 3, 2]);
    expect(p.total).toBe(9);
  });

  it('agency × month (Seoul months; agencies folded from the call queue) and size × industry', async () => {
    const p = await pivot(`${period}&rows=agency&cols=month`);
    expect(p.rowKeys).toEqual(['sbc', 'semas', 'kised', '-']);
    expect(p.colKeys).toEqual(['2025-02', '2025-03']);
    expect(p.counts).toEqual([
      [1, 2],
      [0, 1],
      [0, 1],
      [0, 4],
    ]);
    const s = await pivot(`${period}&rows=size&cols=industry`);
    expect(s.rowKeys).toEqual(['소상공인', '소기업', '중기업', '-']);
    expect(s.colKeys).toEqual(['C', 'G', 'J', '-']);
    expect(s.counts).toEqual([
      [0, 3, 0, 0],
      [3, 0, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 2],
    ]);
    const sub = await pivot(`from=2025-03-01&to=2025-03-01&rows=subCategory&cols=queue`);
    expect(sub).toMatchObject({ rowKeys: ['정책자금'], colKeys: ['fund'], counts: [[1]], total: 1 });
  });

  it('FCR per queue with a 7-day window: the hand count, formula fcr.v1', async () => {
    const r = await fcr(`${period}&by=queue`);
    expect(r.windowDays).toBe(7);
    expect(r.rows.map((x) => [x.key, x.contacts, x.repeated])).toEqual([
      ['fund', 2, 1],
      ['startup', 1, 0],
      ['merchant', 1, 0],
      ['export', 1, 0],
      ['-', 3, 1],
    ]);
    expect(r.total).toEqual({
      key: '*',
      contacts: 8,
      repeated: 2,
      resolved: 6,
      rate: { value: 0.75, formula: KPI_FORMULAS.fcr.id },
    });
    expect(r.unidentified).toBe(1);
  });

  it('per counselor (names kept for a former counselor) and per category; the window is configurable', async () => {
    const byCounselor = await fcr(`${period}&by=counselor`);
    expect(byCounselor.rows.map((x) => [x.key, x.contacts, x.repeated])).toEqual([
      [kim, 5, 2],
      [lee, 3, 0],
    ]);
    expect(byCounselor.names).toEqual({ [kim]: '김상담', [lee]: '이상담' });
    const byCategory = await fcr(`${period}&by=category&windowDays=8`);
    // 8 days: #2 → #3 (7 days) is a repeat too.
    expect(byCategory.rows.find((x) => x.key === 'finance')).toMatchObject({ contacts: 3, repeated: 2 });
    expect((await fcr(`${period}&by=category&windowDays=1`)).total.repeated).toBe(0);
  });

  it('PostgreSQL agrees with the pure rule (domain repeatsOf) on the same rows', async () => {
    const { rows } = await crm.db.query<ContactFact>(
      `SELECT c.id::text AS id, c.category, c.created_at AS at, coalesce(cr.queue, '-') AS key,
              CASE WHEN c.company_id IS NOT NULL THEN 'c' || c.company_id
                   WHEN c.caller_number IS NOT NULL THEN 'n' || c.caller_number END AS who
         FROM consultations c LEFT JOIN call_records cr ON cr.call_id = c.call_id`,
    );
    for (const windowDays of [1, 3, 7, 8, 30]) {
      const pure = fcrRowsOf(fcrCountsOf(rows, windowDays, periodOf('2025-02-01', '2025-03-31')), (k) => k);
      const api = await fcr(`${period}&by=queue&windowDays=${windowDays}`);
      expect(api.total, `window ${windowDays}`).toEqual(pure.total);
    }
  });

  it('refuses counselors, and names the field of a bad dimension, window or range', async () => {
    expect((await get(`/api/reports/consultations?${period}`, await tokenFor('counselor'))).status).toBe(403);
    expect((await get(`/api/reports/fcr?${period}`, await tokenFor('counselor'))).status).toBe(403);
    expect((await call(crm, 'GET', `/api/reports/fcr?${period}`)).status).toBe(401);
    for (const [path, field] of [
      [`/api/reports/consultations?${period}&rows=color`, 'rows'],
      [`/api/reports/consultations?${period}&rows=region&cols=region`, 'cols'],
      [`/api/reports/consultations?from=2024-01-01&to=2025-03-31`, 'to'],
      [`/api/reports/fcr?${period}&by=team`, 'by'],
      [`/api/reports/fcr?${period}&windowDays=0`, 'windowDays'],
      [`/api/reports/fcr?from=2025-03-31&to=2025-03-01`, 'to'],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      const fields = (res.body as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path);
      expect(fields, path).toEqual([field]);
    }
  });
});
