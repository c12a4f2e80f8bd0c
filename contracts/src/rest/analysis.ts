import { z } from 'zod';
import type { QueueId } from '../vocabulary/center';
import { calendarDay } from '../vocabulary/time';
import { KpiFigure } from './reports';

/**
 * What callers ask about (issue 16): consultations counted by two chosen dimensions (a pivot),
 * and first-contact resolution per queue, category or counselor (formula `fcr.v1` in
 * KPI_FORMULAS). Days are Asia/Seoul days, both ends included.
 */

export const ANALYSIS_DIMENSIONS = [
  'agency',
  'queue',
  'category',
  'subCategory',
  'region',
  'size',
  'industry',
  'month',
] as const;
export const AnalysisDimension = z.enum(ANALYSIS_DIMENSIONS);
export type AnalysisDimension = z.infer<typeof AnalysisDimension>;

/**
 * The agency center behind each skills queue (DOMAIN.md: six agency centers merged behind 1357).
 * A consultation's agency is that of the queue its call came through; one without a queued call
 * has none ('-'). Queues that no single agency owns (workforce, general) read as 1357 itself.
 */
export const AGENCY_OF_QUEUE: Record<QueueId, string> = {
  fund: 'sbc',
  export: 'sbc',
  merchant: 'semas',
  startup: 'kised',
  rnd: 'tipa',
  hr: 'center1357',
  general: 'center1357',
};
export const AGENCIES: Record<string, { ko: string; en: string }> = {
  sbc: { ko: '중진공', en: 'SBC' },
  semas: { ko: '소진공', en: 'SEMAS' },
  kised: { ko: '창진원', en: 'KISED' },
  tipa: { ko: '기정원', en: 'TIPA' },
  center1357: { ko: '1357 공통', en: '1357 (shared)' },
};

/** The longest period one analysis may cover: a year of consultations is a few million rows. */
export const ANALYSIS_MAX_DAYS = 366;
/** Repeat window bounds of first-contact resolution, days. */
export const FCR_MAX_WINDOW_DAYS = 90;
export const FCR_DEFAULT_WINDOW_DAYS = 7;

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

const period = {
  from: calendarDay('시작일은 YYYY-MM-DD 형식입니다'),
  to: calendarDay('종료일은 YYYY-MM-DD 형식입니다'),
};
function boundedPeriod(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  const days = dayNumber(q.to) - dayNumber(q.from) + 1;
  if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: '종료일이 시작일보다 앞섭니다' });
  else if (days > ANALYSIS_MAX_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `최대 ${ANALYSIS_MAX_DAYS}일까지 조회할 수 있습니다` });
}

const dimension = (field: string) =>
  z.enum(ANALYSIS_DIMENSIONS, { error: `${field}: ${ANALYSIS_DIMENSIONS.join(', ')} 중 하나입니다` });

/** GET /api/reports/consultations — counts by `rows` × `cols`. */
export const ConsultationPivotQuery = z
  .object({ ...period, rows: dimension('rows').default('category'), cols: dimension('cols').default('month') })
  .superRefine((q, ctx) => {
    boundedPeriod(q, ctx);
    if (q.rows === q.cols)
      ctx.addIssue({ code: 'custom', path: ['cols'], message: '행과 열에 같은 기준을 고를 수 없습니다' });
  });
export type ConsultationPivotQuery = z.infer<typeof ConsultationPivotQuery>;

/** A pivot: counts[i][j] = consultations with rowKeys[i] and colKeys[j]; '-' = not known (no company, no queue). */
export const ConsultationPivot = z.object({
  from: z.string(),
  to: z.string(),
  rows: AnalysisDimension,
  cols: AnalysisDimension,
  rowKeys: z.array(z.string()),
  colKeys: z.array(z.string()),
  counts: z.array(z.array(z.number().int())),
  rowTotals: z.array(z.number().int()),
  colTotals: z.array(z.number().int()),
  total: z.number().int(),
});
export type ConsultationPivot = z.infer<typeof ConsultationPivot>;

export const FCR_GROUPINGS = ['queue', 'category', 'counselor'] as const;
export const FcrGrouping = z.enum(FCR_GROUPINGS);
export type FcrGrouping = z.infer<typeof FcrGrouping>;

/** GET /api/reports/fcr */
export const FcrReportQuery = z
  .object({
    ...period,
    by: FcrGrouping.default('queue'),
    windowDays: z.coerce.number().int().min(1).max(FCR_MAX_WINDOW_DAYS).default(FCR_DEFAULT_WINDOW_DAYS),
  })
  .superRefine(boundedPeriod);
export type FcrReportQuery = z.infer<typeof FcrReportQuery>;

export const FcrRow = z.object({
  /** Queue id, category code or counselor user id; '-' = no queue (a consultation without a queued call). */
  key: z.string(),
  /** Consultations in the period whose company (or caller number) is known. */
  contacts: z.number().int(),
  /** Of those, followed by another about the same category from the same company within the window. */
  repeated: z.number().int(),
  resolved: z.number().int(),
  /** resolved ÷ contacts with formula fcr.v1; null when there were no contacts. */
  rate: KpiFigure,
});
export type FcrRow = z.infer<typeof FcrRow>;

export const FcrReport = z.object({
  from: z.string(),
  to: z.string(),
  by: FcrGrouping,
  windowDays: z.number().int(),
  /** Counselor display names by user id (by=counselor); {} otherwise. */
  names: z.record(z.string(), z.string()),
  rows: z.array(FcrRow),
  total: FcrRow,
  /** Consultations with neither a company nor a caller number: they cannot be followed, so they are left out. */
  unidentified: z.number().int(),
});
export type FcrReport = z.infer<typeof FcrReport>;
