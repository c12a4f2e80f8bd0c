import { IMPORT_COLUMNS, type ImportReport } from '@cc1357/contracts';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { checkCsv, columnName, rejectedRowsCsv, templateCsv } from './import-model';

/** Issue 11 items 1 and 3: the admin's file check, the template and the refused rows, as files. */
describe('import files', () => {
  it('a CP949 file (Korean Excel "CSV") is read as Korean, with Korean header names', () => {
    const bytes = iconv.encode(
      '사업자등록번호,사업명,기관,연도,금액,상태\r\n261-87-21464,스마트공장 구축 지원(기초),중소벤처기업부,2025,30000000,paid\r\n',
      'cp949',
    );
    expect(checkCsv('support-history', bytes)).toEqual({ ok: true, encoding: 'cp949', rows: 1, missing: [] });
  });

  it('a file in neither UTF-8 nor CP949 is refused before it is sent', () => {
    const check = checkCsv('companies', iconv.encode('bizRegNo,name\n1,a\n', 'utf-16le', { addBOM: true }));
    expect(check).toMatchObject({ ok: false, reason: expect.stringContaining('UTF-16') });
  });

  it('columns are named in Korean with their field name', () => {
    expect(IMPORT_COLUMNS.companies.map(columnName).slice(0, 2)).toEqual(['사업자등록번호(bizRegNo)', '상호(name)']);
  });

  it('the template is UTF-8 with a BOM, the header and an example row', () => {
    const text = templateCsv('companies');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(text.slice(1)) as string[][];
    expect(rows[0]).toEqual([...IMPORT_COLUMNS.companies]);
    expect(rows).toHaveLength(2);
  });

  it('refused rows come back as a CSV of their cells, line and reasons (quoted where needed)', () => {
    const report: ImportReport = {
      total: 2,
      accepted: 1,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      rejected: [
        {
          row: 3,
          reasons: ['사업자등록번호 값이 없습니다', '설립일 값이 없습니다'],
          values: { bizRegNo: '', name: '정우건설, 본사', foundedOn: '' },
        },
      ],
    };
    const rows = parse(rejectedRowsCsv('companies', report).slice(1)) as string[][];
    expect(rows[0]).toEqual([...IMPORT_COLUMNS.companies, '원래 행', '거부 사유']);
    expect(rows[1]![1]).toBe('정우건설, 본사');
    expect(rows[1]!.slice(-2)).toEqual(['3', '사업자등록번호 값이 없습니다 / 설립일 값이 없습니다']);
  });
});
