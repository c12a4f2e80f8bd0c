import {
  kpiFormulaById,
  type KpiFigureName,
  type KpiFormula,
  type KpiGrouping,
  type KpiInterval,
  type KpiReport,
  type CrmRoutes,
  type KpiRow,
  type QueueId,
  QUEUE_IDS,
} from '@cc1357/contracts';
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { z } from 'zod';
import { queueLabel } from '../../i18n/labels';
import { formatPercent, formatSeconds, kstDate } from '../../lib/format';

/**
 * The 보고서 screen's logic, without React: the form and its query, the columns per grouping,
 * how a figure reads, and the sheet both exports are made from. The figures and their formula
 * ids come from crm-api as they are; nothing here recomputes a KPI.
 */

export interface ReportForm {
  from: string;
  to: string;
  interval: KpiInterval;
  by: KpiGrouping;
  serviceLevelSeconds: string;
  shortAbandonSeconds: string;
}

export function defaultReportForm(nowMs: number): ReportForm {
  const today = kstDate(nowMs);
  return { from: today, to: today, interval: '60m', by: 'queue', serviceLevelSeconds: '20', shortAbandonSeconds: '5' };
}

/** The query as the route takes it; crm-api validates (a bad range comes back as a 400 naming the field). */
export function reportQueryOf(form: ReportForm): KpiReportQueryInput {
  return {
    from: form.from,
    to: form.to,
    interval: form.interval,
    by: form.by,
    serviceLevelSeconds: form.serviceLevelSeconds.trim() || undefined,
    shortAbandonSeconds: form.shortAbandonSeconds.trim() || undefined,
  };
}
export type KpiReportQueryInput = z.input<CrmRoutes['kpiReport']['query']>;

/** What a figure is, for formatting. */
const KIND: Record<KpiFigureName, 'count' | 'ratio' | 'seconds'> = {
  offered: 'count',
  answered: 'count',
  abandoned: 'count',
  shortAbandons: 'count',
  serviceLevel: 'ratio',
  asaSeconds: 'seconds',
  ahtSeconds: 'seconds',
  abandonRate: 'ratio',
  occupancy: 'ratio',
  transfers: 'count',
  callbacks: 'count',
  fallback: 'count',
  outbound: 'count',
  outboundAnswered: 'count',
};

/** Per queue every measure but occupancy; per agent no abandons (they belong to no agent), but occupancy. */
export function columnsFor(by: KpiGrouping): KpiFigureName[] {
  return by === 'queue'
    ? [
        'offered',
        'answered',
        'abandoned',
        'shortAbandons',
        'serviceLevel',
        'asaSeconds',
        'ahtSeconds',
        'abandonRate',
        'transfers',
        'callbacks',
        'fallback',
        'outbound',
        'outboundAnswered',
      ]
    : [
        'offered',
        'answered',
        'serviceLevel',
        'asaSeconds',
        'ahtSeconds',
        'occupancy',
        'transfers',
        'callbacks',
        'fallback',
        'outbound',
        'outboundAnswered',
      ];
}

/** A figure as the table shows it ('–' when there was nothing to compute from). */
export function formatFigure(name: KpiFigureName, value: number | null, language: string): string {
  if (value === null) return '–';
  switch (KIND[name]) {
    case 'ratio':
      return value === 0 || value === 1 ? formatPercent(value) : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
    case 'seconds':
      return formatSeconds(value, language === 'en' ? ' s' : '초');
    default:
      return value.toLocaleString(language === 'en' ? 'en-US' : 'ko-KR');
  }
}

/** A figure as exported: ratios as percent numbers with one decimal, the rest as they are; null stays empty. */
export function exportValue(name: KpiFigureName, value: number | null): number | null {
  if (value === null) return null;
  return KIND[name] === 'ratio' ? Math.round(value * 1000) / 10 : value;
}

/** The queue's name, the counselor's name with the agent id, or null for facts without a queue or agent. */
export function keyLabel(report: Pick<KpiReport, 'by' | 'names'>, key: string, language: string): string | null {
  if (key === '-') return null;
  if (report.by === 'queue' && (QUEUE_IDS as readonly string[]).includes(key))
    return queueLabel(key as QueueId, language);
  const name = report.by === 'agent' ? report.names[key] : undefined;
  return name ? `${name} (${key})` : key;
}

/** The formula a column was computed with in this report (from the total row's ids), or null. */
export function formulaOfColumn(report: KpiReport, name: KpiFigureName): KpiFormula | null {
  return kpiFormulaById(report.total.figures[name].formula);
}

/**
 * Every formula id the report carries, once, in column order — a row's own id too when it differs
 * from its column's (occupancy is `occupancy.v2` where the agent's state history covers the row and
 * `occ.v1` where it does not).
 */
export function formulaIdsOf(report: KpiReport): string[] {
  const rows = [report.total, ...report.totals, ...report.rows];
  const ids = columnsFor(report.by).flatMap((c) => rows.map((r) => r.figures[c].formula));
  return [...new Set(ids)];
}

export interface SheetTexts {
  period: string;
  key: string;
  total: string;
  noKey: string;
  column: (name: KpiFigureName) => string;
}

export type SheetCell = string | number | null;

/**
 * The rows both exports write: a header (each measure with its formula id, so a file read
 * later still says how it was computed), the interval rows, then the period totals per key and
 * overall.
 */
export function sheetOf(report: KpiReport, texts: SheetTexts, language: string): SheetCell[][] {
  const columns = columnsFor(report.by);
  const header: SheetCell[] = [
    texts.period,
    texts.key,
    ...columns.map((c) => `${texts.column(c)} [${report.total.figures[c].formula}]`),
  ];
  const line = (row: KpiRow, key: string): SheetCell[] => [
    row.label,
    key,
    ...columns.map((c) => exportValue(c, row.figures[c].value)),
  ];
  return [
    header,
    ...report.rows.map((r) => line(r, keyLabel(report, r.key, language) ?? texts.noKey)),
    ...report.totals.map((r) => line(r, keyLabel(report, r.key, language) ?? texts.noKey)),
    line(report.total, texts.total),
  ];
}

/** CSV for Korean Excel: UTF-8 with a byte-order mark (without it Excel reads the bytes as CP949), CRLF lines. */
export function csvOf(sheet: SheetCell[][]): string {
  return `\uFEFF${stringify(
    sheet.map((r) => r.map((c) => (c === null ? '' : c))),
    { record_delimiter: '\r\n' },
  )}`;
}

export function fileNameOf(report: KpiReport, extension: 'csv' | 'xlsx'): string {
  return `kpi_${report.by}_${report.interval}_${report.from}_${report.to}.${extension}`;
}
