import { describe, expect, it } from 'vitest';
import {
  formatBizRegNo,
  formatDuration,
  formatKstDateTime,
  formatPercent,
  formatPhone,
  formatSeconds,
  formatWon,
  kstDate,
  secondsSince,
} from './format';

describe('formatBizRegNo', () => {
  it.each([
    ['1234567890', '123-45-67890'],
    ['123-45-67890', '123-45-67890'],
    ['12345', '12345'],
    ['', ''],
  ])('%s → %s', (raw, shown) => expect(formatBizRegNo(raw)).toBe(shown));
});

describe('formatPhone', () => {
  it.each<[string | null, string]>([
    ['01012345678', '010-1234-5678'],
    ['+821012345678', '010-1234-5678'],
    ['021234567', '02-123-4567'],
    ['0212345678', '02-1234-5678'],
    ['0311234567', '031-123-4567'],
    ['03112345678', '031-1234-5678'],
    ['15880800', '1588-0800'],
    ['1357', '1357'],
    ['010-1234-5678', '010-1234-5678'],
    [null, '발신번호 없음'],
    ['', '발신번호 없음'],
    ['anonymous', 'anonymous'],
  ])('%s → %s', (raw, shown) => expect(formatPhone(raw)).toBe(shown));

  it('uses the given label for a withheld number', () => expect(formatPhone(null, 'Withheld')).toBe('Withheld'));
});

describe('durations and ratios', () => {
  it.each([
    [0, '0:00'],
    [5, '0:05'],
    [65, '1:05'],
    [3600, '1:00:00'],
    [3725, '1:02:05'],
    [-3, '0:00'],
  ])('formatDuration(%d) = %s', (s, shown) => expect(formatDuration(s)).toBe(shown));

  it('counts seconds since an instant, never negative', () => {
    const now = Date.parse('2026-03-03T01:00:10Z');
    expect(secondsSince('2026-03-03T01:00:00Z', now)).toBe(10);
    expect(secondsSince('2026-03-03T01:00:20Z', now)).toBe(0);
    expect(secondsSince('not a date', now)).toBe(0);
  });

  it.each<[number | null, string]>([
    [0.8, '80%'],
    [0.8049, '80%'],
    [1, '100%'],
    [null, '–'],
  ])('formatPercent(%s) = %s', (r, shown) => expect(formatPercent(r)).toBe(shown));

  it('formats seconds with one decimal', () => {
    expect(formatSeconds(12.345)).toBe('12.3초');
    expect(formatSeconds(null)).toBe('–');
    expect(formatSeconds(4, 's')).toBe('4s');
  });

  it('shows times in KST whatever the zone', () => {
    expect(formatKstDateTime('2026-03-02T23:30:00Z')).toBe('2026-03-03 08:30');
  });
});

describe('formatWon', () => {
  it.each([
    [0, '0원'],
    [9_000, '9,000원'],
    [35_000_000, '3,500만원'],
    [120_000_000, '1억 2,000만원'],
    [100_000_000, '1억원'],
    [1_234_567_890_000, '12,345억 6,789만원'],
    [-50_000, '-5만원'],
    [Number.NaN, '–'],
  ])('%d → %s', (amount, shown) => expect(formatWon(amount)).toBe(shown));
});

describe('kstDate', () => {
  it('is the Seoul calendar day', () => {
    expect(kstDate(Date.parse('2026-03-02T14:59:59Z'))).toBe('2026-03-02');
    expect(kstDate(Date.parse('2026-03-02T15:00:00Z'))).toBe('2026-03-03');
  });
});
