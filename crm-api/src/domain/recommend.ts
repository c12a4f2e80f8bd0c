import type { ProgramDto, SimilarBasis } from '@cc1357/contracts';
import { similarGroupLabel } from './similar';

/**
 * Program recommendations, pure: which open or soon-opening programs a company is eligible
 * for, ranked by how many similar companies took them, minus what it already has, each with
 * its reason in words. The service feeds it rows; tests feed it tables.
 */

export const SOON_DAYS = 60;
export const MAX_RECOMMENDATIONS = 5;

export interface CompanyProfile {
  region: string;
  sizeClass: string;
  ksicCode: string;
  foundedOn: string; // YYYY-MM-DD
}

export interface RecommendInput {
  company: CompanyProfile;
  today: string; // YYYY-MM-DD
  programs: readonly ProgramDto[];
  /** Program ids the company already received or applied to (any year). */
  alreadyHas: ReadonlySet<string>;
  cohortCompanies: number;
  /** program id → cohort companies that received it. */
  uptake: ReadonlyMap<string, number>;
  /** Which group cohortCompanies/uptake describe (similar.ts); without it, "유사 기업". */
  basis?: SimilarBasis;
  limit?: number;
}

export interface RankedProgram {
  program: ProgramDto;
  window: 'open' | 'soon';
  cohortCompanies: number;
  cohortRecipients: number;
  share: number;
  score: number;
  reason: string;
  basis: SimilarBasis | 'none';
}

const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

/** Whole years since founding, on `today`. */
export function companyAgeYears(foundedOn: string, today: string): number {
  const [fy, fm, fd] = foundedOn.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

/** Why a company is not eligible, or null when it is. */
export function ineligibility(p: ProgramDto, c: CompanyProfile, today: string): string | null {
  if (p.eligibleRegions && !p.eligibleRegions.includes(c.region)) return '지역';
  if (p.eligibleSizes && !p.eligibleSizes.includes(c.sizeClass)) return '규모';
  if (p.eligibleKsic && !p.eligibleKsic.some((prefix) => c.ksicCode.startsWith(prefix))) return '업종';
  const age = companyAgeYears(c.foundedOn, today);
  if (p.minAgeYears !== null && age < p.minAgeYears) return '업력';
  if (p.maxAgeYears !== null && age > p.maxAgeYears) return '업력';
  return null;
}

export function windowOf(p: ProgramDto, today: string, soonDays = SOON_DAYS): 'open' | 'soon' | null {
  const t = dayNumber(today);
  const opens = dayNumber(p.opensOn);
  const closes = dayNumber(p.closesOn);
  if (t > closes) return null;
  if (t >= opens) return 'open';
  return opens - t <= soonDays ? 'soon' : null;
}

export function recommendPrograms(input: RecommendInput): RankedProgram[] {
  const t = dayNumber(input.today);
  const ranked: RankedProgram[] = [];
  for (const p of input.programs) {
    if (input.alreadyHas.has(p.id)) continue;
    const window = windowOf(p, input.today);
    if (!window) continue;
    if (ineligibility(p, input.company, input.today)) continue;
    const recipients = input.uptake.get(p.id) ?? 0;
    const share = input.cohortCompanies > 0 ? recipients / input.cohortCompanies : 0;
    // Uptake decides; a program open now and a local (targeted) one win ties, closing soon first.
    const urgency = window === 'open' ? 1 - Math.min(30, dayNumber(p.closesOn) - t) / 300 : 0.5;
    const score = share * 100 + urgency + (p.level === 'local' ? 0.2 : 0);
    const group = input.basis ? similarGroupLabel(input.basis, input.company) : '유사 기업';
    const parts = [
      input.cohortCompanies === 0
        ? '지원 자격 충족 (비교할 유사 기업 없음)'
        : recipients > 0
          ? `${group} ${input.cohortCompanies.toLocaleString('ko-KR')}곳 중 ${Math.round(share * 100)}%가 수혜`
          : `지원 자격 충족 (${group} ${input.cohortCompanies.toLocaleString('ko-KR')}곳 중 수혜 사례 없음)`,
      window === 'open'
        ? `신청 중 · 마감 ${p.closesOn}`
        : `${p.opensOn} 접수 시작 예정${p.announcedOn ? '' : '(공고 전)'}`,
    ];
    if (p.level === 'local') parts.push('지자체 사업');
    ranked.push({
      program: p,
      window,
      cohortCompanies: input.cohortCompanies,
      cohortRecipients: recipients,
      share,
      score,
      reason: parts.join(' · '),
      basis: input.cohortCompanies > 0 ? (input.basis ?? 'cohort') : 'none',
    });
  }
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      a.program.opensOn.localeCompare(b.program.opensOn) ||
      a.program.id.localeCompare(b.program.id),
  );
  return ranked.slice(0, input.limit ?? MAX_RECOMMENDATIONS);
}
