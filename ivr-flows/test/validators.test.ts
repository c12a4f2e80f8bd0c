import { describe, expect, it } from 'vitest';
import { DIGIT_VALIDATORS } from '../src/validators/index';

describe('digit validators', () => {
  it.each([
    ['bizRegNo', '1248100998', true],
    ['bizRegNo', '1248100997', false],
    ['bizRegNo', '124810099', false],
    ['phoneKr', '0212345678', true],
    ['phoneKr', '0311234567', true],
    ['phoneKr', '01012345678', true],
    ['phoneKr', '1357', false],
    ['phoneKr', '12345678901', false],
    ['mobileKr', '01012345678', true],
    ['mobileKr', '0212345678', false],
    ['mobileKr', '0101234', false],
  ] as const)('%s(%s) = %s', (name, digits, ok) => {
    expect(DIGIT_VALIDATORS[name](digits)).toBe(ok);
  });
});
