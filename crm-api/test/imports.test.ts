import { ImportReport } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, count, makePrograms, makeUser, regNo, startTestCrm, tokenFor, type TestCrm } from './support/server';

const HEADER = 'bizRegNo,name,representative,region,ksicCode,ksicLabel,sizeClass,employees,foundedOn';
const row = (n: number, over: Partial<Record<string, string>> = {}) => {
  const r = {
    bizRegNo: regNo(n),
    name: `가져온기업${n}`,
    representative: '김철수',
    region: '경기도',
    ksicCode: 'C25',
    ksicLabel: '금속가공제품 제조업',
    sizeClass: '소기업',
    employees: '20',
    foundedOn: '2012-05-01',
    ...over,
  };
  return Object.values(r).join(',');
};

describe('CSV imports (admin)', () => {
  let crm: TestCrm;
  let admin: string;
  beforeAll(async () => {
    crm = await startTestCrm();
    admin = await tokenFor('admin', await makeUser(crm.db, { username: 'root', role: 'admin' }));
  });
  afterAll(() => crm.close());

  const post = (path: string, csv: string, token: string | undefined = admin) =>
    call(crm, 'POST', path, { ...(token ? { token } : {}), rawBody: csv, contentType: 'text/csv' });

  const companiesCsv = [
    HEADER,
    row(1),
    row(2),
    row(3, { bizRegNo: '1234567890', region: '서울', sizeClass: '대기업' }), // three reasons
    row(4, { foundedOn: '2012-13-01' }),
    row(1, { name: '중복행' }), // same key as line 2
    ...Array.from({ length: 1200 }, (_, i) => row(1000 + i)), // more than one batch
  ].join('\n');

  it('accepts valid rows, reports rejected ones by line with every reason, commits in batches', async () => {
    const res = await post('/api/imports/companies', companiesCsv);
    expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    const report = ImportReport.parse(res.body);
    expect(report).toMatchObject({ total: 1205, accepted: 1202, inserted: 1202, updated: 0, unchanged: 0 });
    expect(report.rejected.map((r) => r.row)).toEqual([4, 5, 6]);
    expect(report.rejected[0]!.reasons).toEqual([
      '사업자등록번호 검증번호가 맞지 않습니다',
      '지역은 17개 시·도 정식 명칭이어야 합니다',
      '규모는 소상공인·소기업·중기업 중 하나입니다',
    ]);
    expect(report.rejected[2]!.reasons[0]).toContain('2행');
    expect(await count(crm.db, 'companies')).toBe(1202);
    expect(await count(crm.db, 'audit_log', `action = 'import.companies'`)).toBe(1);
  });

  it('re-running the same file changes nothing; a changed row is an update', async () => {
    const again = ImportReport.parse((await post('/api/imports/companies', companiesCsv)).body);
    expect(again).toMatchObject({ accepted: 0, inserted: 0, updated: 0, unchanged: 1202 });
    const changed = ImportReport.parse(
      (await post('/api/imports/companies', [HEADER, row(1, { employees: '25' }), row(2)].join('\n'))).body,
    );
    expect(changed).toMatchObject({ accepted: 1, updated: 1, unchanged: 1 });
    expect(
      (await crm.db.query(`SELECT employees FROM companies WHERE biz_reg_no = $1`, [regNo(1)])).rows[0].employees,
    ).toBe(25);
  });

  it('support history upserts on (사업자등록번호, program, year), links catalogue programs, refuses unknown companies', async () => {
    const ids = await makePrograms(crm.db, [{ code: 'KOTRA-01', name: '수출바우처' }]);
    const csv = [
      'bizRegNo,program,agency,year,amount,status',
      `${regNo(1)},수출바우처,중소벤처기업부,2023,"30,000,000",지급`,
      `${regNo(1)},KOTRA-01,중소벤처기업부,2024,20000000,completed`,
      `${regNo(2)},지역 사업,경기도,2022,5000000,선정`,
      `${regNo(9999)},수출바우처,중소벤처기업부,2023,1000,paid`,
      `${regNo(2)},지역 사업,경기도,1900,5000000,보류`,
    ].join('\n');
    const first = ImportReport.parse((await post('/api/imports/support-history', csv)).body);
    expect(first).toMatchObject({ total: 5, accepted: 3, inserted: 3, unchanged: 0 });
    expect(first.rejected.map((r) => r.row)).toEqual([5, 6]);
    expect(first.rejected[0]!.reasons[0]).toContain('등록되지 않은 사업자등록번호');
    expect(first.rejected[1]!.reasons).toHaveLength(2);
    const linked = await crm.db.query(
      `SELECT program_id::text AS id, amount::int AS amount, status FROM support_history WHERE year = 2023`,
    );
    expect(linked.rows).toEqual([{ id: ids.get('KOTRA-01'), amount: 30_000_000, status: 'paid' }]);
    const again = ImportReport.parse((await post('/api/imports/support-history', csv)).body);
    expect(again).toMatchObject({ accepted: 0, unchanged: 3 });
    expect(await count(crm.db, 'support_history')).toBe(3);
  });

  it('malformed CSV → 400 naming the line; missing columns → 400; nothing is written', async () => {
    const before = await count(crm.db, 'companies');
    const broken = await post(
      '/api/imports/companies',
      [HEADER, row(5000), `${regNo(5001)},"unclosed,김철수,경기도`, row(5002)].join('\n'),
    );
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/CSV 형식 오류 \(\d+행\)/);
    const ragged = await post('/api/imports/companies', [HEADER, row(5003), 'a,b,c'].join('\n'));
    expect(ragged.status).toBe(400);
    expect(ragged.body.error.message).toContain('3행');
    const columns = await post('/api/imports/companies', 'bizRegNo,name\n1,2');
    expect(columns.status).toBe(400);
    expect(columns.body.error.message).toContain('representative');
    expect((await post('/api/imports/companies', '')).status).toBe(400);
    expect(await count(crm.db, 'companies')).toBe(before);
  });

  it('counselor 403 and no token 401 change nothing', async () => {
    const before = await count(crm.db, 'companies');
    const audits = await count(crm.db, 'audit_log');
    expect(
      (await post('/api/imports/companies', [HEADER, row(7000)].join('\n'), await tokenFor('counselor'))).status,
    ).toBe(403);
    expect(
      (await post('/api/imports/companies', [HEADER, row(7001)].join('\n'), await tokenFor('supervisor'))).status,
    ).toBe(403);
    expect(
      (
        await call(crm, 'POST', '/api/imports/companies', {
          rawBody: [HEADER, row(7002)].join('\n'),
          contentType: 'text/csv',
        })
      ).status,
    ).toBe(401);
    expect(await count(crm.db, 'companies')).toBe(before);
    expect(await count(crm.db, 'audit_log')).toBe(audits);
  });
});
