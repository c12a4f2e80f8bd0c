import { describe, expect, it } from 'vitest';
import { assessConcentration, type CohortFigures } from '../../src/domain/overConcentration';

const cohort = (p50: number, p90: number, recipients = 40): CohortFigures => ({
  cohort: 'C26|소기업|서울특별시|7-15',
  companies: 100,
  recipients,
  p50,
  p90,
});

describe('assessConcentration', () => {
  it.each([
    // total, p50, p90, recipients, flagged, why
    [500_000_000, 100_000_000, 300_000_000, 40, true, 'above p90 and 5× median'],
    [300_000_000, 100_000_000, 300_000_000, 40, false, 'at p90 is not above it'],
    [310_000_000, 200_000_000, 300_000_000, 40, false, 'above p90 but only 1.55× median'],
    [250_000_000, 100_000_000, 300_000_000, 40, false, '2.5× median but below p90'],
    [0, 100_000_000, 300_000_000, 40, false, 'nothing received'],
    [900_000_000, 100_000_000, 300_000_000, 4, false, 'cohort too small to compare'],
    [50_000_000, 0, 0, 40, true, 'cohort medians zero: anything above is infinitely more'],
  ] as const)('total %d vs p50 %d / p90 %d (n=%d) → %s (%s)', (total, p50, p90, n, flagged, _why) => {
    const v = assessConcentration(total, cohort(p50, p90, n));
    expect(v.flagged).toBe(flagged);
    expect(v.companyTotal).toBe(total);
    expect(v.reason.length).toBeGreaterThan(0);
  });

  it('says why in words', () => {
    expect(assessConcentration(500_000_000, cohort(100_000_000, 300_000_000)).reason).toBe(
      '쏠림 주의: 최근 5년 5.0억원 — 유사 기업 40곳 수혜액 상위 10%(3.0억원) 초과, 중앙값의 5.0배',
    );
    expect(assessConcentration(150_000_000, cohort(100_000_000, 300_000_000)).reason).toBe(
      '유사 기업 40곳 수혜액 중앙값 1.0억원 대비 1.5배',
    );
  });
});
