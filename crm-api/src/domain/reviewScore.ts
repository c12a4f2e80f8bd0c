/** A review's total: the scores' sum over the criteria's maxima, as a 0–100 figure (one decimal). */
export interface Criterion {
  id: string;
  maxScore: number;
}

export class ReviewScoreError extends Error {}

export function reviewTotal(criteria: readonly Criterion[], scores: Record<string, number>): number {
  if (criteria.length === 0) throw new ReviewScoreError('평가 항목이 없습니다');
  let got = 0;
  let max = 0;
  for (const c of criteria) {
    const s = scores[c.id];
    if (s === undefined) throw new ReviewScoreError(`scores.${c.id}: 점수를 입력하세요`);
    if (!Number.isInteger(s) || s < 0 || s > c.maxScore)
      throw new ReviewScoreError(`scores.${c.id}: 0~${c.maxScore} 사이의 정수여야 합니다`);
    got += s;
    max += c.maxScore;
  }
  const unknown = Object.keys(scores).find((k) => !criteria.some((c) => c.id === k));
  if (unknown) throw new ReviewScoreError(`scores.${unknown}: 없는 평가 항목입니다`);
  return Math.round((got / max) * 1000) / 10;
}
