import type {
  ProgramDto,
  Recommendation,
  SupportHistoryItem,
  SupportHistorySummary,
  SupportHistoryYear,
} from '@cc1357/contracts';
import { assessConcentration } from '../domain/overConcentration';
import { recommendPrograms } from '../domain/recommend';
import { pickSimilarGroup } from '../domain/similar';
import { COHORT_WINDOW_YEARS, RECEIVED_STATUSES } from '../repositories/cohorts';
import type { CompanyCohort } from '../repositories/support';

const received = new Set<string>(RECEIVED_STATUSES);

/** Groups items by year (newest first) with the amount received per year. Pure. */
export function byYear(items: readonly SupportHistoryItem[]): { years: SupportHistoryYear[]; total: number } {
  const years = new Map<number, SupportHistoryYear>();
  let total = 0;
  for (const item of items) {
    const y = years.get(item.year) ?? { year: item.year, total: 0, items: [] };
    y.items.push(item);
    if (received.has(item.status)) {
      y.total += item.amount;
      total += item.amount;
    }
    years.set(item.year, y);
  }
  return { years: [...years.values()].sort((a, b) => b.year - a.year), total };
}

export function summarize(
  items: readonly SupportHistoryItem[],
  cohort: CompanyCohort | null,
  today: string,
): SupportHistorySummary {
  const { years, total } = byYear(items);
  const fromYear = Number(today.slice(0, 4)) - COHORT_WINDOW_YEARS + 1;
  const windowTotal = items
    .filter((i) => i.year >= fromYear && received.has(i.status))
    .reduce((s, i) => s + i.amount, 0);
  const f = cohort?.figures;
  const overConcentration = f
    ? (() => {
        const v = assessConcentration(windowTotal, f);
        return {
          flagged: v.flagged,
          companyTotal: v.companyTotal,
          cohort: f.cohort,
          cohortCompanies: f.companies,
          cohortRecipients: f.recipients,
          cohortMedian: f.p50,
          cohortP90: f.p90,
          reason: v.reason,
        };
      })()
    : null;
  return { years, total, overConcentration };
}

export interface CompanyInsight {
  supportHistory: SupportHistorySummary;
  recommendations: Recommendation[];
}

/** The insight from its three reads (null for an unknown company). Pure. */
export function insightFrom(
  items: readonly SupportHistoryItem[],
  cohort: CompanyCohort | null,
  programs: readonly ProgramDto[],
  today: string,
): CompanyInsight | null {
  if (!cohort) return null;
  const alreadyHas = new Set(
    items.filter((i) => i.programId && i.status !== 'rejected' && i.status !== 'cancelled').map((i) => i.programId!),
  );
  // The narrow cohort is often the company alone: rank by the narrowest group big enough to compare with.
  const group = pickSimilarGroup(cohort.similar);
  const ranked = recommendPrograms({
    company: cohort.profile,
    today,
    programs,
    alreadyHas,
    cohortCompanies: group?.companies ?? 0,
    uptake: group?.uptake ?? new Map(),
    ...(group ? { basis: group.basis } : {}),
  });
  const recommendations = ranked.map((r) => ({
    ...r,
    sector: cohort.profile.ksicCode.slice(0, 1),
    sizeClass: cohort.profile.sizeClass,
  }));
  return { supportHistory: summarize(items, cohort, today), recommendations };
}
