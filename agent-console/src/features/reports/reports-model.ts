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
  WRAP_UP_CODES,
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

/** One table of an export: a sheet of its own in Excel, a titled block in the CSV. */
export interface ExportSection {
  title: string;
  rows: SheetCell[][];
}

/** The figures header: each measure with its formula id, so a file read later still says how it was computed. */
function figuresHeader(report: KpiReport, texts: SheetTexts): SheetCell[] {
  return [
    texts.period,
    texts.key,
    ...columnsFor(report.by).map((c) => `${texts.column(c)} [${report.total.figures[c].formula}]`),
  ];
}

function figuresLine(report: KpiReport, row: KpiRow, key: string): SheetCell[] {
  return [row.label, key, ...columnsFor(report.by).map((c) => exportValue(c, row.figures[c].value))];
}

/** The rows of the figures table: a header, the interval rows, then the period totals per key and overall. */
export function sheetOf(report: KpiReport, texts: SheetTexts, language: string): SheetCell[][] {
  const keyOf = (r: KpiRow) => keyLabel(report, r.key, language) ?? texts.noKey;
  return [
    figuresHeader(report, texts),
    ...report.rows.map((r) => figuresLine(report, r, keyOf(r))),
    ...report.totals.map((r) => figuresLine(report, r, keyOf(r))),
    figuresLine(report, report.total, texts.total),
  ];
}

/**
 * Every queue (or counselor) together per interval — the chart's series (`byInterval`), with
 * every figure the table has, not only the four the chart draws.
 */
export function intervalSheetOf(report: KpiReport, texts: SheetTexts): SheetCell[][] {
  return [figuresHeader(report, texts), ...report.byInterval.map((r) => figuresLine(report, r, texts.total))];
}

/** A wrap-up code column: a catalogue code, or `none` (the wrap-up ended without one). */
export type WrapUpCodeKey = (typeof WRAP_UP_CODES)[number] | 'none';
export const WRAP_UP_CODE_KEYS: readonly WrapUpCodeKey[] = [...WRAP_UP_CODES, 'none'];

/** Handlings of the row whose wrap-up ended, with a code or without. */
export function wrappedUp(row: KpiRow): number {
  return Object.values(row.wrapUpCodes ?? {}).reduce<number>((a, n) => a + (n ?? 0), 0);
}

/** The rows the wrap-up breakdown lists, screen and files alike: each key that had a wrap-up, then the total. */
export function wrapUpRowsOf(report: KpiReport): KpiRow[] {
  return [...report.totals.filter((r) => wrappedUp(r) > 0), report.total];
}

export interface WrapUpSheetTexts {
  key: string;
  code: string;
  label: string;
  count: string;
  share: string;
  /** The label of the row that sums a key's codes. */
  all: string;
  total: string;
  noKey: string;
  codeLabel: (code: WrapUpCodeKey) => string;
}

/**
 * The 후처리 코드 table as rows: per key (as the screen lists them) one row per code — its id,
 * its label in the screen's language, the count and its share of the key's wrap-ups (a percent
 * number with one decimal, like every exported ratio) — and a row with the key's sum. Null when
 * the report has no wrap-up (the screen shows no table either).
 */
export function wrapUpSheetOf(report: KpiReport, texts: WrapUpSheetTexts, language: string): SheetCell[][] | null {
  if (wrappedUp(report.total) === 0) return null;
  const keyOf = (r: KpiRow) => (r === report.total ? texts.total : (keyLabel(report, r.key, language) ?? texts.noKey));
  return [
    [texts.key, texts.code, texts.label, texts.count, texts.share],
    ...wrapUpRowsOf(report).flatMap((r) => {
      const all = wrappedUp(r);
      return [
        ...WRAP_UP_CODE_KEYS.map((code): SheetCell[] => {
          const n = r.wrapUpCodes?.[code] ?? 0;
          return [keyOf(r), code, texts.codeLabel(code), n, Math.round((n / all) * 1000) / 10];
        }),
        [keyOf(r), null, texts.all, all, 100],
      ];
    }),
  ];
}

/** CSV for Korean Excel: UTF-8 with a byte-order mark (without it Excel reads the bytes as CP949), CRLF lines. */
export function csvOf(sheet: SheetCell[][]): string {
  return `\uFEFF${stringify(
    sheet.map((r) => r.map((c) => (c === null ? '' : c))),
    { record_delimiter: '\r\n' },
  )}`;
}

/**
 * Several tables in one CSV: the first section's table starts the file as it is; each further
 * one follows an empty line and a line with its title. Rows are padded to one width so strict
 * CSV readers take the whole file.
 */
export function sectionsCsvOf(sections: ExportSection[]): string {
  const lines: SheetCell[][] = sections.flatMap((s, i) => (i === 0 ? s.rows : [[], [s.title], ...s.rows]));
  const width = Math.max(1, ...lines.map((r) => r.length));
  return csvOf(lines.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null)));
}

export function fileNameOf(report: KpiReport, extension: 'csv' | 'xlsx'): string {
  return `kpi_${report.by}_${report.interval}_${report.from}_${report.to}.${extension}`;
}
