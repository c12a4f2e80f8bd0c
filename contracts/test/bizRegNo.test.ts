import { describe, expect, it } from 'vitest';
import { bizRegNoCheckDigit, formatBizRegNo, isValidBizRegNo, normalizeBizRegNo } from '../src/text/bizRegNo';

describe('사업자등록번호 checksum', () => {
  // Worked by hand with weights 1,3,7,1,3,7,1,3,5 and the ×5 carry of the ninth digit.
  it.each([
    // 220-81-62517: 2+6+0+8+3+42+2+15+5 = 83, carry floor(5/10)=0 → (10-3)%10 = 7
    ['2208162517', true],
    ['220-81-62517', true],
    ['2208162518', false], // last digit off by one
    ['1234567891', true], // 1+6+21+4+15+42+7+24+45 = 165, + floor(45/10)=4 → 169, (10-9)%10 = 1
    ['1234567890', false],
    ['0000000000', true], // all zeros: sum 0 → check 0 (format-valid, checksum-valid)
    ['123456789', false], // nine digits
    ['12345678901', false], // eleven digits
    ['12345a7891', false], // not digits
    ['', false],
  ])('%s → %s', (input, valid) => {
    expect(isValidBizRegNo(input)).toBe(valid);
  });

  it('the ×5 carry matters: ninth digit 9 adds 4 beyond the weighted sum', () => {
    // 000000009: weighted 45 → +4 → 49 → check 1. Without the carry the check would be 5.
    expect(bizRegNoCheckDigit('000000009')).toBe(1);
    expect(bizRegNoCheckDigit('000000001')).toBe(5); // 5, no carry
    expect(bizRegNoCheckDigit('000000002')).toBe(9); // 10 → +1 → 11 → 9
  });

  it('refuses a prefix that is not nine digits', () => {
    expect(bizRegNoCheckDigit('12345678')).toBeNull();
    expect(bizRegNoCheckDigit('12345678x')).toBeNull();
  });

  it('normalises and formats', () => {
    expect(normalizeBizRegNo(' 123-45-67891 ')).toBe('1234567891');
    expect(formatBizRegNo('1234567891')).toBe('123-45-67891');
  });
});
