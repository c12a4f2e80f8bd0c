import { KSIC_SECTIONS, type SimilarBasis } from '@cc1357/contracts';

/**
 * "Similar companies" for recommendations, pure. The narrow cohort (KSIC division, size,
 * region, age band) is what over-concentration compares against, but with few companies it
 * holds one company (itself), and the share of "similar companies that took a program" is
 * then meaningless. So the ranking climbs a ladder until the group is big enough to mean
 * something: narrow cohort → same KSIC section and size nationwide → same KSIC section.
 * refreshCohorts stores the wider groups under `sector:C|소기업` and `sector:C` (never a narrow key).
 */

/** Below this many companies a share ("38 % took it") is noise, so the next wider group is used. */
export const MIN_SIMILAR_COMPANIES = 20;

export interface SimilarGroup {
  basis: SimilarBasis;
  /** Companies in the group (the company itself included). */
  companies: number;
  /** program id → companies of the group that received it. */
  uptake: ReadonlyMap<string, number>;
}

/** The first group, narrowest first, with enough companies; else the biggest there is; null when all are empty. */
export function pickSimilarGroup(groups: readonly SimilarGroup[], min = MIN_SIMILAR_COMPANIES): SimilarGroup | null {
  const enough = groups.find((g) => g.companies >= min);
  if (enough) return enough;
  const nonEmpty = groups.filter((g) => g.companies > 0);
  if (nonEmpty.length === 0) return null;
  return nonEmpty.reduce((best, g) => (g.companies > best.companies ? g : best));
}

/** What the group is, in Korean ("같은 업종(C 제조업)·규모(소기업) 기업"). */
export function similarGroupLabel(basis: SimilarBasis, profile: { ksicCode: string; sizeClass: string }): string {
  const letter = profile.ksicCode.slice(0, 1);
  const sector = `${letter} ${KSIC_SECTIONS[letter]?.ko ?? ''}`.trim();
  if (basis === 'cohort') return '같은 업종·규모·지역·업력 기업';
  if (basis === 'sectorSize') return `같은 업종(${sector})·규모(${profile.sizeClass}) 기업`;
  return `같은 업종(${sector}) 기업`;
}
