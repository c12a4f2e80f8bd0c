import { describe, expect, it } from 'vitest';
import { seoulDayOf } from '../../src/domain/seoulDay';

describe('seoulDayOf', () => {
  it.each([
    ['2025-03-14T03:00:00Z', '2025-03-14'], // noon KST
    ['2025-03-14T14:59:59Z', '2025-03-14'], // 23:59:59 KST
    ['2025-03-14T15:00:00Z', '2025-03-15'], // midnight KST
    ['2025-12-31T16:00:00Z', '2026-01-01'],
  ])('%s is %s in Seoul', (iso, date) => {
    const w = seoulDayOf(new Date(iso));
    expect(w.date).toBe(date);
    expect(w.start.toISOString()).toBe(new Date(Date.parse(`${date}T00:00:00+09:00`)).toISOString());
    expect(w.end.getTime() - w.start.getTime()).toBe(24 * 3600 * 1000);
  });
});
