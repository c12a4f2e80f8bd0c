import { IMPORT_COLUMNS, IMPORT_EXAMPLES, ImportReport } from '@cc1357/contracts';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, makeUser, startTestCrm, tokenFor, type TestCrm } from './support/server';

/**
 * Files as Korean Excel saves them (issue 11 items 1 and 3): plain "CSV" is CP949, "CSV UTF-8"
 * has a BOM. Encoded with iconv-lite, sent as bytes through the real crm-api.
 */
describe('CSV import encodings', () => {
  let crm: TestCrm;
  let admin: string;
  beforeAll(async () => {
    crm = await startTestCrm();
    admin = await tokenFor('admin', await makeUser(crm.db, { username: 'root', role: 'admin' }));
  });
  afterAll(() => crm.close());

  const post = async (kind: string, bytes: Uint8Array) => {
    const res = await fetch(`${crm.api.url}/api/imports/${kind}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: bytes,
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a report or an error body; each test reads what it checks
    return { status: res.status, body: (await res.json()) as any };
  };
  const companyHeader = IMPORT_COLUMNS.companies.join(',');
  const company = '261-87-21464,정우건설(주),김정우,경기도,F41,종합 건설업,소기업,23,2015-04-01';
  const support = '261-87-21464,스마트공장 구축 지원(기초),중소벤처기업부,2025,30000000,paid';

  it('a CP949 company file and support file are stored as the Korean they are', async () => {
    const companies = await post('companies', iconv.encode(`${companyHeader}\r\n${company}\r\n`, 'cp949'));
    expect(companies.status, JSON.stringify(companies.body)).toBe(200);
    expect(ImportReport.parse(companies.body)).toMatchObject({ inserted: 1, rejected: [] });
    const history = await post(
      'support-history',
      iconv.encode(`${IMPORT_COLUMNS['support-history'].join(',')}\r\n${support}\r\n`, 'cp949'),
    );
    expect(ImportReport.parse(history.body)).toMatchObject({ inserted: 1, rejected: [] });
    const { rows } = await crm.db.query(
      `SELECT c.name, c.representative, c.ksic_label, s.program_name, s.agency FROM companies c JOIN support_history s ON s.company_id = c.id WHERE c.biz_reg_no = '2618721464'`,
    );
    expect(rows).toEqual([
      {
        name: '정우건설(주)',
        representative: '김정우',
        ksic_label: '종합 건설업',
        program_name: '스마트공장 구축 지원(기초)',
        agency: '중소벤처기업부',
      },
    ]);
  });

  it('a CP949 file with the extended syllables Excel writes (똠, 갡) is stored as written', async () => {
    // Node's own euc-kr decoder misreads these; crm-api decodes CP949 with iconv-lite.
    const row = '314-86-10279,똠양꿍푸드(주),박갡순,부산광역시,I56,음식점업,소기업,8,2019-03-02';
    const res = await post('companies', iconv.encode(`${companyHeader}\r\n${row}\r\n`, 'cp949'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(ImportReport.parse(res.body)).toMatchObject({ inserted: 1, rejected: [] });
    expect(
      (await crm.db.query(`SELECT name, representative FROM companies WHERE biz_reg_no = '3148610279'`)).rows,
    ).toEqual([{ name: '똠양꿍푸드(주)', representative: '박갡순' }]);
  });

  it('UTF-8 with and without a BOM, and Korean header names, read the same', async () => {
    const koreanHeader = '사업자등록번호,상호,대표자,지역,업종코드,업종명,규모,종업원수,설립일';
    const row = '220-81-62517,(주)한빛정밀,홍길동,서울특별시,C26,전자부품 제조업,소기업,12,2015-04-01';
    const withBom = await post(
      'companies',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${koreanHeader}\n${row}\n`)]),
    );
    expect(ImportReport.parse(withBom.body)).toMatchObject({ inserted: 1, rejected: [] });
    const plain = await post('companies', Buffer.from(`${companyHeader}\n${row}\n`));
    expect(ImportReport.parse(plain.body)).toMatchObject({ unchanged: 1, rejected: [] });
    expect((await crm.db.query(`SELECT name FROM companies WHERE biz_reg_no = '2208162517'`)).rows).toEqual([
      { name: '(주)한빛정밀' },
    ]);
  });

  it('bytes that are neither UTF-8 nor CP949 are refused with how to save the file, nothing stored', async () => {
    const before = await count(crm.db, 'companies');
    const utf16 = await post('companies', iconv.encode(`${companyHeader}\n${company}\n`, 'utf-16le', { addBOM: true }));
    expect(utf16.status).toBe(400);
    expect(utf16.body.error.message).toContain('UTF-16');
    const garbage = await post(
      'companies',
      Buffer.concat([Buffer.from(`${companyHeader}\n`), Buffer.from([0x80, 0xff, 0xfe, 0x41, 0x00, 0x81])]),
    );
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.message).toContain('CSV UTF-8');
    expect(await count(crm.db, 'companies')).toBe(before);
  });

  it('a missing column is named in Korean; refused rows come back with their cells', async () => {
    const missing = await post('companies', Buffer.from('bizRegNo,name\n2208162517,x\n'));
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toContain('대표자(representative)');
    const bad = await post('companies', Buffer.from(`${companyHeader}\n,빈번호기업,김,경기도,C25,금속,소기업,3,\n`));
    const report = ImportReport.parse(bad.body);
    expect(report.rejected).toEqual([
      {
        row: 2,
        reasons: ['사업자등록번호 값이 없습니다', '설립일 값이 없습니다'],
        values: expect.objectContaining({ bizRegNo: '', name: '빈번호기업', foundedOn: '' }),
      },
    ]);
  });

  it('the template rows the import screen offers import cleanly', async () => {
    for (const kind of ['companies', 'support-history'] as const) {
      const res = await post(
        kind,
        Buffer.from(`\uFEFF${IMPORT_COLUMNS[kind].join(',')}\r\n${IMPORT_EXAMPLES[kind].join(',')}\r\n`),
      );
      expect(ImportReport.parse(res.body).rejected, kind).toEqual([]);
    }
  });
});
