import { z } from 'zod';
import { CategoryCode } from '../vocabulary/center';

/**
 * The program catalogue, a company's support history (지원이력) with the over-concentration
 * check, and recommendations. Amounts are won (KRW) as plain numbers.
 */

/* ---------- programs ---------- */

export const PROGRAM_LEVELS = ['central', 'local'] as const;
export const ProgramLevel = z.enum(PROGRAM_LEVELS);

export const ProgramDto = z.object({
  id: z.string(),
  /** Stable natural key, e.g. "SBC-FUND-01". */
  code: z.string(),
  name: z.string(),
  agency: z.string(),
  level: ProgramLevel,
  category: CategoryCode,
  description: z.string(),
  url: z.string().nullable(),
  /** Eligibility; null = no restriction on that axis. KSIC entries are prefixes ("C", "C26"). */
  eligibleRegions: z.array(z.string()).nullable(),
  eligibleSizes: z.array(z.string()).nullable(),
  eligibleKsic: z.array(z.string()).nullable(),
  minAgeYears: z.number().int().nullable(),
  maxAgeYears: z.number().int().nullable(),
  maxAmount: z.number().nullable(),
  /** 공고일; null = planned, not yet announced. */
  announcedOn: z.string().nullable(),
  opensOn: z.string(), // YYYY-MM-DD
  closesOn: z.string(), // YYYY-MM-DD (inclusive)
});
export type ProgramDto = z.infer<typeof ProgramDto>;

/** GET /api/programs/calendar */
export const ProgramCalendar = z.object({
  from: z.string(),
  weeks: z.number().int(),
  /** One entry per week (Monday-based from `from`), with programs opening that week. */
  byWeek: z.array(z.object({ weekStart: z.string(), programs: z.array(ProgramDto) })),
});
export type ProgramCalendar = z.infer<typeof ProgramCalendar>;

/* ---------- support history ---------- */

export const SUPPORT_STATUSES = ['applied', 'selected', 'paid', 'completed', 'cancelled', 'rejected'] as const;
export const SupportStatus = z.enum(SUPPORT_STATUSES);
export type SupportStatus = z.infer<typeof SupportStatus>;
export const SUPPORT_STATUS_LABELS: Record<SupportStatus, string> = {
  applied: '신청',
  selected: '선정',
  paid: '지급',
  completed: '완료',
  cancelled: '취소',
  rejected: '탈락',
};

export const SupportHistoryItem = z.object({
  id: z.string(),
  programId: z.string().nullable(),
  programName: z.string(),
  agency: z.string(),
  year: z.number().int(),
  amount: z.number(),
  status: SupportStatus,
});
export type SupportHistoryItem = z.infer<typeof SupportHistoryItem>;

export const SupportHistoryYear = z.object({
  year: z.number().int(),
  /** Sum of amounts received (selected, paid, completed) that year. */
  total: z.number(),
  items: z.array(SupportHistoryItem),
});
export type SupportHistoryYear = z.infer<typeof SupportHistoryYear>;

export const OverConcentration = z.object({
  /** True when the company received far more than similar companies (see `reason`). */
  flagged: z.boolean(),
  /** Received in the cohort window (last 5 years). */
  companyTotal: z.number(),
  /** "C26|소기업|서울특별시|7-15": KSIC division, size, region, age band. */
  cohort: z.string(),
  cohortCompanies: z.number().int(),
  cohortRecipients: z.number().int(),
  cohortMedian: z.number(),
  cohortP90: z.number(),
  /** In words, for the counselor ("유사 기업 수혜액 상위 10% 초과, 중앙값의 4.2배"). */
  reason: z.string(),
});
export type OverConcentration = z.infer<typeof OverConcentration>;

export const SupportHistorySummary = z.object({
  /** Newest year first. */
  years: z.array(SupportHistoryYear),
  /** Sum received over all years. */
  total: z.number(),
  /** null when cohort figures are not computed yet. */
  overConcentration: OverConcentration.nullable(),
});
export type SupportHistorySummary = z.infer<typeof SupportHistorySummary>;

/* ---------- recommendations ---------- */

/**
 * The "similar companies" a recommendation's share is of: the narrow cohort (KSIC division, size,
 * region, age band), the same KSIC section and size nationwide, the same KSIC section, or none
 * (no company to compare with).
 */
export type SimilarBasis = 'cohort' | 'sectorSize' | 'sector';

export const Recommendation = z.object({
  program: ProgramDto,
  /** `open` now, or `soon` (opens within the look-ahead window). */
  window: z.enum(['open', 'soon']),
  cohortCompanies: z.number().int(),
  cohortRecipients: z.number().int(),
  /** cohortRecipients ÷ cohortCompanies (0..1). */
  share: z.number(),
  score: z.number(),
  /** "유사 기업 124곳 중 38%가 수혜 · 신청 마감 3일 전" (Korean; the console rebuilds it in its language from the fields below). */
  reason: z.string(),
  /** Which group the share is of (see SimilarBasis); absent from older servers. */
  basis: z.enum(['cohort', 'sectorSize', 'sector', 'none']).optional(),
  /** The company's KSIC section letter and size class, naming the group in the reason. */
  sector: z.string().optional(),
  sizeClass: z.string().optional(),
});
export type Recommendation = z.infer<typeof Recommendation>;
