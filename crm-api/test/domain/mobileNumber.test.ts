import { describe, expect, it } from 'vitest';
import { isKoreanMobile } from '../../src/domain/mobileNumber';

describe('isKoreanMobile', () => {
  it.each([
    ['01012345678', true],
    ['01612345678', true],
    ['0212345678', false], // Seoul landline
    ['0101234', false], // too short
    ['010123456789', false], // too long
    ['01512345678', false], // 015 is not a mobile range
    ['123', false],
    ['00000000000', false],
  ])('%s → %s', (number, expected) => {
    expect(isKoreanMobile(number)).toBe(expected);
  });
});
