import { describe, expect, it } from 'vitest';
import { seoulDate } from '../src';

describe('seoulDate', () => {
  it.each([
    ['2025-03-14T14:59:59.999Z', '2025-03-14'], // 23:59:59 KST
    ['2025-03-14T15:00:00.000Z', '2025-03-15'], // midnight KST: the UTC date is still the 14th
    ['2025-12-31T20:00:00.000Z', '2026-01-01'],
  ])('%s is %s in Seoul', (iso, day) => {
    expect(seoulDate(new Date(iso))).toBe(day);
  });
});
