import { describe, expect, it } from 'vitest';
import { validateCompanyRow, validateSupportRow } from '../../src/domain/importRows';

const good = {
  bizRegNo: '220-81-62517',
  name: '(주)한빛정밀',
  representative: '홍길동',
  region: '서울특별시',
  ksicCode: 'C26',
  ksicLabel: '전자부품 제조업',
  sizeClass: '소기업',
  employees: '12',
  foundedOn: '2015-04-01',
};

describe('company import rows', () => {
  it('accepts a good row and normalises the 사업자등록번호', () => {
    expect(validateCompanyRow(good)).toEqual({ ok: true, value: { ...good, bizRegNo: '2208162517', employees: 12 } });
  });

  it.each([
    [{ bizRegNo: '2208162518' }, '사업자등록번호 검증번호가 맞지 않습니다'],
    [{ region: '서울' }, '지역은 17개 시·도 정식 명칭이어야 합니다'],
    [{ sizeClass: '대기업' }, '규모는 소상공인·소기업·중기업 중 하나입니다'],
    [{ ksicCode: '26' }, '업종코드(KSIC) 형식이 아닙니다 (예: C26)'],
    [{ employees: '-3' }, '종업원 수는 0 이상의 정수입니다'],
    [{ foundedOn: '2015-02-30' }, '없는 날짜입니다'],
    [{ name: '' }, '상호 값이 없습니다'],
  ])('%o → %s', (over, reason) => {
    const r = validateCompanyRow({ ...good, ...over });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reasons).toContain(reason);
  });

  it.each([
    [{ bizRegNo: '' }, ['사업자등록번호 값이 없습니다']],
    [{ bizRegNo: '   ' }, ['사업자등록번호 값이 없습니다']],
    [{ bizRegNo: '220-81-625' }, ['사업자등록번호는 숫자 10자리입니다 (예: 123-45-67890)']],
    [{ foundedOn: '' }, ['설립일 값이 없습니다']],
    [{ foundedOn: '2015/04/01' }, ['설립일은 YYYY-MM-DD 입니다']],
    [{ region: '' }, ['지역 값이 없습니다']],
    [{ sizeClass: ' ' }, ['규모 값이 없습니다']],
  ])('a blank or malformed cell gets exactly one reason: %o → %o', (over, reasons) => {
    const r = validateCompanyRow({ ...good, ...over });
    expect(r.ok ? [] : r.reasons).toEqual(reasons);
  });

  it('lists every reason of a bad row', () => {
    const r = validateCompanyRow({ ...good, bizRegNo: '1', region: 'x', sizeClass: 'y' });
    expect(!r.ok && r.reasons.length).toBe(3);
  });
});

describe('support import rows', () => {
  const row = {
    bizRegNo: '2208162517',
    program: '수출바우처',
    agency: '중소벤처기업부',
    year: '2023',
    amount: '30,000,000',
    status: '지급',
  };
  it('accepts Korean status labels and amounts with commas', () => {
    expect(validateSupportRow(row)).toEqual({
      ok: true,
      value: { ...row, year: 2023, amount: 30_000_000, status: 'paid' },
    });
    expect(validateSupportRow({ ...row, status: 'completed' }).ok).toBe(true);
  });
  it.each([
    [{ year: '23' }, '연도는 4자리입니다'],
    [{ year: '1900' }, '연도 범위(1990–2100)를 벗어났습니다'],
    [{ amount: '-1' }, '금액은 원 단위 0 이상의 정수입니다'],
    [{ status: '보류' }, expect.stringContaining('상태는')],
    [{ bizRegNo: '' }, '사업자등록번호 값이 없습니다'],
    [{ amount: '' }, '금액 값이 없습니다'],
  ])('%o → %s', (over, reason) => {
    const r = validateSupportRow({ ...row, ...over });
    expect(!r.ok && r.reasons).toContainEqual(reason);
  });
});
