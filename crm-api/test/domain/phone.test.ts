import { describe, expect, it } from 'vitest';
import { formatPhone, parseCallerNumber } from '../../src/domain/phone';

describe('parseCallerNumber', () => {
  it.each([
    ['01012345678', { kind: 'number', number: '01012345678', phoneKind: 'mobile' }],
    ['010-1234-5678', { kind: 'number', number: '01012345678', phoneKind: 'mobile' }],
    ['+82 10-1234-5678', { kind: 'number', number: '01012345678', phoneKind: 'mobile' }],
    ['+82 010 1234 5678', { kind: 'number', number: '01012345678', phoneKind: 'mobile' }],
    ['821012345678', { kind: 'number', number: '01012345678', phoneKind: 'mobile' }],
    ['00821012345678', { kind: 'number', number: '01012345678', phoneKind: 'mobile' }],
    ['02-123-4567', { kind: 'number', number: '021234567', phoneKind: 'landline' }],
    ['+82 2 1234 5678', { kind: 'number', number: '0212345678', phoneKind: 'landline' }],
    ['031 987 6543', { kind: 'number', number: '0319876543', phoneKind: 'landline' }],
    ['1001', { kind: 'number', number: '1001', phoneKind: 'landline' }], // an internal extension
    ['anonymous', { kind: 'withheld' }],
    ['Restricted', { kind: 'withheld' }],
    ['', { kind: 'withheld' }],
    ['  ', { kind: 'withheld' }],
    [null, { kind: 'withheld' }],
    ['hello', { kind: 'invalid', reason: expect.any(String) }],
    ['12', { kind: 'invalid', reason: expect.any(String) }],
    ['1234567890123456', { kind: 'invalid', reason: expect.any(String) }],
  ])('%s', (raw, expected) => {
    expect(parseCallerNumber(raw)).toEqual(expected);
  });

  it('formats for display', () => {
    expect(formatPhone('01012345678')).toBe('010-1234-5678');
    expect(formatPhone('0212345678')).toBe('02-1234-5678');
    expect(formatPhone('021234567')).toBe('02-123-4567');
    expect(formatPhone('0319876543')).toBe('031-987-6543');
  });
});
