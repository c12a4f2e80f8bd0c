/**
 * 특정기업 쏠림지원: does a company already receive far more than similar companies?
 * "Far more" = its total over the cohort window is above the cohort recipients' 90th
 * percentile AND at least twice their median. Both, because a p90 alone flags 10% of any
 * cohort, and a 2× median alone flags half of a skewed one. Cohorts with fewer than
 * MIN_RECIPIENTS recipients have no meaningful percentiles: never flagged.
 */

export const FAR_MORE_MEDIAN_MULTIPLE = 2;
export const MIN_RECIPIENTS = 5;

export interface CohortFigures {
  cohort: string;
  companies: number;
  recipients: number;
  p50: number;
  p90: number;
}

export interface ConcentrationVerdict {
  flagged: boolean;
  companyTotal: number;
  reason: string;
}

const won = (n: number) =>
  n >= 100_000_000 ? `${(n / 100_000_000).toFixed(1)}억원` : `${Math.round(n / 10_000).toLocaleString('ko-KR')}만원`;

export function assessConcentration(companyTotal: number, c: CohortFigures): ConcentrationVerdict {
  if (c.recipients < MIN_RECIPIENTS) {
    return { flagged: false, companyTotal, reason: `유사 기업 수혜 사례가 ${c.recipients}곳뿐이라 비교하지 않음` };
  }
  if (companyTotal <= 0) return { flagged: false, companyTotal, reason: '최근 5년 수혜 이력 없음' };
  const multiple = c.p50 > 0 ? companyTotal / c.p50 : Number.POSITIVE_INFINITY;
  const flagged = companyTotal > c.p90 && multiple >= FAR_MORE_MEDIAN_MULTIPLE;
  const ratio = Number.isFinite(multiple) ? `${multiple.toFixed(1)}배` : '중앙값 없음';
  const reason = flagged
    ? `쏠림 주의: 최근 5년 ${won(companyTotal)} — 유사 기업 ${c.recipients}곳 수혜액 상위 10%(${won(c.p90)}) 초과, 중앙값의 ${ratio}`
    : `유사 기업 ${c.recipients}곳 수혜액 중앙값 ${won(c.p50)} 대비 ${ratio}`;
  return { flagged, companyTotal, reason };
}
