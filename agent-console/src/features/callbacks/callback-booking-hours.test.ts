import { describe, expect, it } from 'vitest';
import { callbackRequest, defaultDueLocal } from './callback-model';

describe('callback booking within business hours (item 8)', () => {
  // Instants in UTC, comments in KST.
  it.each([
    ['2026-03-03T20:00:00Z', '2026-03-04T09:00'], // Wed 05:00 (the old default) → 09:00 the same morning
    ['2026-03-03T13:00:00Z', '2026-03-04T09:00'], // Tue 22:00 → Wed 09:00
    ['2026-03-06T08:45:00Z', '2026-03-09T09:00'], // Fri 17:45 → Mon 09:00 (17:45 + 30 min is past 18:00)
    ['2026-02-27T10:00:00Z', '2026-03-03T09:00'], // Fri 19:00 → Tue 09:00: Mon 03-02 is 3·1절's substitute holiday
    ['2026-09-23T09:30:00Z', '2026-09-28T09:00'], // Wed 18:30 before 추석 (Sep 24–26) and a weekend → Mon 09:00
    ['2026-03-03T01:10:00Z', '2026-03-03T11:00'], // Tue 10:10 → 11:00
  ])('now %s → %s', (now, due) => {
    expect(defaultDueLocal(Date.parse(now))).toBe(due);
  });

  const msgs = { number: 'bad number', dueAt: 'bad due', past: 'past', closed: 'closed' };
  const now = Date.parse('2026-03-03T01:00:00Z');
  it.each([
    ['2026-03-04T05:00', 'closed'], // before opening
    ['2026-03-03T18:00', 'closed'], // closing time
    ['2026-03-07T10:00', 'closed'], // Saturday
    ['2026-05-05T10:00', 'closed'], // 어린이날
    ['2026-03-03T17:30', null],
  ])('due %s → %s', (dueLocal, error) => {
    const built = callbackRequest({ number: '01012345678', queue: 'fund', dueLocal, note: '' }, {}, now, msgs);
    expect(built.ok ? null : built.errors.dueAt).toBe(error);
  });
});
