import { type ImportReport } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { checkCsv, reasonCounts } from './import-model';

describe('imports', () => {
  it('checks the header and counts the data rows', () => {
    const utf8 = (text: string) => new TextEncoder().encode(text);
    expect(
      checkCsv(
        'support-history',
        utf8('\uFEFFbizRegNo,program,agency,year,amount,status\n1,a,b,2024,1,paid\n\n2,a,b,2024,1,paid\r\n'),
      ),
    ).toEqual({ ok: true, encoding: 'utf-8-bom', rows: 2, missing: [] });
    expect(checkCsv('companies', utf8('bizRegNo,name\n1,a'))).toEqual({
      ok: true,
      encoding: 'utf-8',
      rows: 1,
      missing: ['representative', 'region', 'ksicCode', 'ksicLabel', 'sizeClass', 'employees', 'foundedOn'],
    });
  });
  it('groups refused rows by reason, most first', () => {
    const report: ImportReport = {
      total: 4,
      accepted: 1,
      inserted: 1,
      updated: 0,
      unchanged: 0,
      rejected: [
        { row: 2, reasons: ['체크섬 오류', '지역 오류'] },
        { row: 3, reasons: ['체크섬 오류'] },
        { row: 5, reasons: ['체크섬 오류', '체크섬 오류'] },
      ],
    };
    expect(reasonCounts(report)).toEqual([
      { reason: '체크섬 오류', rows: 3 },
      { reason: '지역 오류', rows: 1 },
    ]);
  });
});
