import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from '../../src/domain/masking';

describe('masking', () => {
  it.each([
    ['01012345678', '010-****-5678'],
    ['0212345678', '02-****-5678'],
    ['021234567', '02-***-4567'],
    ['0311234567', '031-***-4567'],
    ['1357', '****'],
    ['123456', '**3456'],
  ])('phone %s → %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked);
  });

  it('phone null stays null', () => {
    expect(maskPhone(null)).toBeNull();
  });

  it.each([
    ['김철수', '김*수'],
    ['이하', '이*'],
    ['남궁민수', '남**수'],
    ['박', '*'],
    ['', ''],
  ])('name %s → %s', (input, masked) => {
    expect(maskName(input)).toBe(masked);
  });
});
