import { KPI_FORMULAS, kpiFormulaById } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import {
  agencyOfQueue,
  fcrCountsOf,
  fcrRowOf,
  fcrRowsOf,
  orderKeys,
  pivotOf,
  repeatsOf,
  type ContactFact,
} from '../../src/domain/consultationAnalysis';
import { periodOf } from '../../src/domain/kpiBuckets';

/** Seoul wall time on a December 2026 day as an instant. */
const day = (d: number, hm = '10:00') => new Date(`2026-12-${String(d).padStart(2, '0')}T${hm}:00+09:00`);
let seq = 0;
const fact = (who: string | null, category: string, at: Date, key = 'fund'): ContactFact => ({
  id: String(++seq),
  who,
  category,
  at,
  key,
});

describe('first-contact resolution (fcr.v1), by hand', () => {
  /*
   * Company A about finance: day 1 10:00, day 3 10:00, day 10 10:00; window 7 days.
   *  - day 1 → day 3 is 2 days later: day 1 was NOT resolved at first contact.
   *  - day 3 → day 10 is exactly 7 days later, not less: day 3 counts as resolved.
   *  - day 10 has no later one: resolved (a new contact, not a repeat of day 1).
   * Company A about export on day 2: another category, its own thread → resolved.
   * Company B about finance on day 2 and day 8 11:00 (6 days 1 h later): day 2 repeated.
   * A caller with no company but number 0212345678 about tech on day 4 and 4 at 15:00: repeated.
   * A consultation with neither company nor number: left out.
   * Contacts 9 (8 identified), repeated 3 → FCR 5 ÷ 8 = 0.625.
   */
  const a1 = fact('cA', 'finance', day(1));
  const a3 = fact('cA', 'finance', day(3));
  const a10 = fact('cA', 'finance', day(10));
  const aExport = fact('cA', 'export', day(2), 'export');
  const b2 = fact('cB', 'finance', day(2), 'startup');
  const b8 = fact('cB', 'finance', day(8, '11:00'), 'startup');
  const n4 = fact('n0212345678', 'tech', day(4), 'rnd');
  const n4b = fact('n0212345678', 'tech', day(4, '15:00'), 'rnd');
  const nobody = fact(null, 'finance', day(5));
  const all = [a10, b8, a3, aExport, n4b, a1, b2, n4, nobody]; // order does not matter

  it('marks the first of two calls about the same category within the window, and only that', () => {
    expect([...repeatsOf(all, 7)].sort()).toEqual([a1.id, b2.id, n4.id].sort());
  });

  it('a 2-day window: day 1 → day 3 is exactly 2 days, so nothing of company A is a repeat', () => {
    expect(repeatsOf(all, 2)).toEqual(new Set([n4.id]));
  });

  it('counts per key inside the period, a repeat after the period still counting against the first', () => {
    // Period = days 1–7: a10 and b8 are outside, but b8 still makes b2 a repeat.
    const counts = fcrCountsOf(all, 7, periodOf('2026-12-01', '2026-12-07'));
    expect(counts.sort((x, y) => x.key.localeCompare(y.key))).toEqual([
      { key: 'export', contacts: 1, repeated: 0 },
      { key: 'fund', contacts: 2, repeated: 1 }, // a1 (repeated), a3 (resolved: a10 is 7 days later)
      { key: 'rnd', contacts: 2, repeated: 1 },
      { key: 'startup', contacts: 1, repeated: 1 },
    ]);
    const { total } = fcrRowsOf(counts, (k) => k.sort());
    expect(total).toEqual({
      key: '*',
      contacts: 6,
      repeated: 3,
      resolved: 3,
      rate: { value: 0.5, formula: 'fcr.v1' },
    });
  });

  it('over the whole month: 5 of 8 identified contacts resolved = 0.625', () => {
    const counts = fcrCountsOf(all, 7, periodOf('2026-12-01', '2026-12-31'));
    expect(fcrRowsOf(counts, (k) => k).total.rate.value).toBe(0.625);
  });

  it('no contacts is no rate (null, not 0); the formula is defined once in contracts', () => {
    expect(fcrRowOf('fund', 0, 0).rate).toEqual({ value: null, formula: KPI_FORMULAS.fcr.id });
    expect(fcrRowOf('fund', 3, 1).rate.value).toBe(0.6667);
    expect(kpiFormulaById('fcr.v1')?.ko).toContain('첫 상담 해결률');
  });
});

describe('the consultation pivot', () => {
  const q = { from: '2026-12-01', to: '2026-12-31' } as const;

  it('puts counts in a matrix with row, column and grand totals, in vocabulary order, unknown last', () => {
    const p = pivotOf(
      [
        { row: 'startup', col: '서울특별시', count: 2 },
        { row: 'finance', col: '부산광역시', count: 1 },
        { row: 'finance', col: '서울특별시', count: 3 },
        { row: 'finance', col: '-', count: 4 },
      ],
      { ...q, rows: 'category', cols: 'region' },
    );
    expect(p.rowKeys).toEqual(['finance', 'startup']);
    expect(p.colKeys).toEqual(['서울특별시', '부산광역시', '-']);
    expect(p.counts).toEqual([
      [3, 1, 4],
      [2, 0, 0],
    ]);
    expect(p.rowTotals).toEqual([8, 2]);
    expect(p.colTotals).toEqual([5, 1, 4]);
    expect(p.total).toBe(10);
  });

  it('folds queues into their agencies (fund and export are both 중진공)', () => {
    const p = pivotOf(
      [
        { row: 'fund', col: '2026-12', count: 2 },
        { row: 'export', col: '2026-12', count: 1 },
        { row: 'merchant', col: '2026-11', count: 5 },
        { row: '-', col: '2026-12', count: 1 },
      ],
      { ...q, rows: 'agency', cols: 'month' },
    );
    expect(p.rowKeys).toEqual(['sbc', 'semas', '-']);
    expect(p.colKeys).toEqual(['2026-11', '2026-12']);
    expect(p.counts).toEqual([
      [0, 3],
      [5, 0],
      [0, 1],
    ]);
    expect(agencyOfQueue('nonesuch')).toBe('-');
  });

  it('orders months ascending and sizes small to medium', () => {
    expect(orderKeys('month', ['2026-12', '2025-01', '2026-02'])).toEqual(['2025-01', '2026-02', '2026-12']);
    expect(orderKeys('size', ['중기업', '-', '소상공인'])).toEqual(['소상공인', '중기업', '-']);
  });
});
