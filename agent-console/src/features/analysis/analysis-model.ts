import {
  AGENCIES,
  CATEGORY_CODES,
  KSIC_SECTIONS,
  kpiFormulaById,
  QUEUE_IDS,
  type AnalysisDimension,
  type CategoryCode,
  type ConsultationPivot,
  type CrmRoutes,
  type FcrGrouping,
  type FcrReport,
  type FcrRow,
  type QueueId,
} from '@cc1357/contracts';
import type { z } from 'zod';
import { categoryLabel, queueLabel } from '../../i18n/labels';
import { kstDate } from '../../lib/format';
import type { SheetCell } from '../reports/reports-model';

/**
 * The 상담 분석 screen's logic without React: the form and its two queries, how a key reads per
 * dimension, and the sheets the exports are made from. Counts and the FCR rate come from crm-api
 * as they are; nothing here recounts.
 */

export type PivotQueryInput = z.input<CrmRoutes['consultationPivot']['query']>;
export type FcrQueryInput = z.input<CrmRoutes['fcrReport']['query']>;

export interface AnalysisForm {
  from: string;
  to: string;
  rows: AnalysisDimension;
  cols: AnalysisDimension;
  fcrBy: FcrGrouping;
  windowDays: string;
}

/** The month so far (Seoul), consultations by category × month, FCR per queue over 7 days. */
export function defaultAnalysisForm(nowMs: number): AnalysisForm {
  const today = kstDate(nowMs);
  return {
    from: `${today.slice(0, 8)}01`,
    to: today,
    rows: 'category',
    cols: 'month',
    fcrBy: 'queue',
    windowDays: '7',
  };
}

/** The two queries as the routes take them; crm-api validates (a 400 names the field). */
export function queriesOf(form: AnalysisForm): { pivot: PivotQueryInput; fcr: FcrQueryInput } {
  const windowDays = form.windowDays.trim();
  return {
    pivot: { from: form.from, to: form.to, rows: form.rows, cols: form.cols },
    fcr: { from: form.from, to: form.to, by: form.fcrBy, windowDays: windowDays === '' ? undefined : windowDays },
  };
}

export interface KeyTexts {
  unknown: string;
  total: string;
}

/** How a key of a dimension reads: vocabulary labels in the screen's language, '-' as unknown. */
export function keyLabel(
  dimension: AnalysisDimension | FcrGrouping,
  key: string,
  language: string,
  texts: KeyTexts,
  names: Record<string, string> = {},
): string {
  if (key === '-') return texts.unknown;
  if (key === '*') return texts.total;
  const en = language === 'en';
  switch (dimension) {
    case 'agency':
      return AGENCIES[key] ? (en ? AGENCIES[key].en : AGENCIES[key].ko) : key;
    case 'queue':
      return (QUEUE_IDS as readonly string[]).includes(key) ? queueLabel(key as QueueId, language) : key;
    case 'category':
      return (CATEGORY_CODES as readonly string[]).includes(key) ? categoryLabel(key as CategoryCode, language) : key;
    case 'industry':
      return KSIC_SECTIONS[key] ? `${key} ${en ? KSIC_SECTIONS[key].en : KSIC_SECTIONS[key].ko}` : key;
    case 'counselor':
      return names[key] ? `${names[key]} (${key})` : key;
    default:
      return key;
  }
}

/** The pivot as exported: a header of column keys and 합계, each row with its total, then the totals row. */
export function pivotSheetOf(
  pivot: ConsultationPivot,
  texts: KeyTexts & { corner: string },
  language: string,
): SheetCell[][] {
  const label = (d: AnalysisDimension, k: string) => keyLabel(d, k, language, texts);
  return [
    [texts.corner, ...pivot.colKeys.map((k) => label(pivot.cols, k)), texts.total],
    ...pivot.rowKeys.map((k, i) => [label(pivot.rows, k), ...pivot.counts[i]!, pivot.rowTotals[i]!]),
    [texts.total, ...pivot.colTotals, pivot.total],
  ];
}

export interface FcrTexts extends KeyTexts {
  key: string;
  contacts: string;
  repeated: string;
  resolved: string;
  rate: string;
  formula: string;
}

/** FCR as a percent with one decimal (exports) — null stays empty. */
export const ratePercent = (row: FcrRow): number | null =>
  row.rate.value === null ? null : Math.round(row.rate.value * 1000) / 10;

/** The FCR rows as exported; the rate column names its formula id. */
export function fcrSheetOf(report: FcrReport, texts: FcrTexts, language: string): SheetCell[][] {
  const line = (r: FcrRow): SheetCell[] => [
    keyLabel(report.by, r.key, language, texts, report.names),
    r.contacts,
    r.repeated,
    r.resolved,
    ratePercent(r),
  ];
  return [
    [texts.key, texts.contacts, texts.repeated, texts.resolved, `${texts.rate} (%) [${report.total.rate.formula}]`],
    ...report.rows.map(line),
    line(report.total),
  ];
}

/** The formula the FCR was computed with, looked up by its id: header, then id, text, expression. */
export function fcrFormulaRowsOf(report: FcrReport, language: string, header: [string, string, string]): string[][] {
  const id = report.total.rate.formula;
  const f = kpiFormulaById(id);
  return [header, [id, f ? (language === 'en' ? f.en : f.ko) : '', f?.expression ?? '']];
}

export function analysisFileName(
  kind: 'pivot' | 'fcr' | 'all',
  q: { from: string; to: string },
  extension: 'csv' | 'xlsx',
): string {
  return `consultations_${kind}_${q.from}_${q.to}.${extension}`;
}
