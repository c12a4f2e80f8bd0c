import { kpiFormulaById, wrapUpCodeLabel, type KpiReport, type RelayDayStats } from '@cc1357/contracts';
import type { TFunction } from 'i18next';
import {
  csvOf,
  sectionsCsvOf,
  formulaIdsOf,
  intervalSheetOf,
  sheetOf,
  wrapUpSheetOf,
  type ExportSection,
  type SheetCell,
  type SheetTexts,
} from './reports-model';

/**
 * The two export files, made from the same sections: everything the 보고서 screen shows —
 * the figures table, the chart's per-interval series, the wrap-up codes, the relay rate and the
 * formulas. Excel is written by write-excel-file (a small, maintained xlsx writer whose one
 * dependency is fflate), loaded only when someone exports: it stays out of the console's main
 * bundle and even out of the reports screen's chunk until used.
 */

/** Rows of the formulas sheet: id, the text in the screen's language, the expression. */
export function formulaSheetOf(report: KpiReport, language: string, header: [string, string, string]): string[][] {
  return [
    header,
    ...formulaIdsOf(report).map((id) => {
      const f = kpiFormulaById(id);
      return [id, f ? (language === 'en' ? f.en : f.ko) : '', f?.expression ?? ''];
    }),
  ];
}

/** The relay rate panel as a table: the period, the four counts and the rate (percent, one decimal; empty when none was answered). */
export function relaySheetOf(stats: RelayDayStats, t: TFunction): SheetCell[][] {
  return [
    [
      t('reports.period'),
      t('relays.rateRelays'),
      t('relays.rateAnswered'),
      t('relays.rateCarried'),
      t('relays.rateCallbacks'),
      t('reports.relayRatePercent'),
    ],
    [
      stats.to ? `${stats.date} ~ ${stats.to}` : stats.date,
      stats.relays,
      stats.answered,
      stats.contextCarried,
      stats.callbacks,
      stats.contextRate === null ? null : Math.round(stats.contextRate * 1000) / 10,
    ],
  ];
}

/**
 * The sections both files hold, in the screen's order and language: the figures (first, so the
 * CSV starts with them as it always did), every key per interval, the wrap-up codes (when any
 * wrap-up ended), the relay rate (when it was loaded) and the formulas.
 */
export function exportSectionsOf(
  report: KpiReport,
  relays: RelayDayStats | null,
  t: TFunction,
  language: string,
): ExportSection[] {
  const texts: SheetTexts = {
    period: t('reports.period'),
    key: t(report.by === 'agent' ? 'reports.agent' : 'reports.queue'),
    total: t('reports.total'),
    noKey: t('reports.noKey'),
    column: (c) => t(`reports.columns.${c}`),
  };
  const wrapUps = wrapUpSheetOf(
    report,
    {
      key: texts.key,
      code: t('reports.wrapUpCodes.code'),
      label: t('reports.wrapUpCodes.title'),
      count: t('reports.wrapUpCodes.count'),
      share: t('reports.wrapUpCodes.share'),
      all: t('reports.wrapUpCodes.all'),
      total: texts.total,
      noKey: texts.noKey,
      codeLabel: (code) =>
        code === 'none' ? t('reports.wrapUpCodes.none') : wrapUpCodeLabel(code, language === 'en' ? 'en' : 'ko'),
    },
    language,
  );
  return [
    { title: t('reports.title'), rows: sheetOf(report, texts, language) },
    { title: t('reports.byIntervalSheet'), rows: intervalSheetOf(report, texts) },
    ...(wrapUps ? [{ title: t('reports.wrapUpCodes.title'), rows: wrapUps }] : []),
    ...(relays ? [{ title: t('reports.relaySheet'), rows: relaySheetOf(relays, t) }] : []),
    {
      title: t('reports.formulas'),
      rows: formulaSheetOf(report, language, ['ID', t('reports.formulas'), t('reports.expression')]),
    },
  ];
}

const CSV_TYPE = 'text/csv;charset=utf-8';

export function csvBlobOf(sheet: SheetCell[][]): Blob {
  return new Blob([csvOf(sheet)], { type: CSV_TYPE });
}

export function sectionsCsvBlobOf(sections: ExportSection[]): Blob {
  return new Blob([sectionsCsvOf(sections)], { type: CSV_TYPE });
}

/** A title as an Excel sheet name: at most 31 characters, none of `[]:*?/\`. */
export function sheetNameOf(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

/** A data sheet and a formulas sheet (the 상담 분석 screen's workbook). */
export function xlsxBlobOf(
  sheet: SheetCell[][],
  formulas: string[][],
  names: { data: string; formulas: string },
): Promise<Blob> {
  return sectionsXlsxBlobOf([
    { title: names.data, rows: sheet },
    { title: names.formulas, rows: formulas },
  ]);
}

/** One sheet per section, its first row bold; the first sheet's header stays in view while scrolling. */
export async function sectionsXlsxBlobOf(sections: ExportSection[]): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const cells = (rows: SheetCell[][]) =>
    rows.map((r, i) =>
      r.map((value) =>
        value === null
          ? null
          : typeof value === 'number'
            ? { value, type: Number }
            : { value, type: String, ...(i === 0 ? { fontWeight: 'bold' as const } : {}) },
      ),
    );
  return writeXlsxFile(
    sections.map((s, i) => ({
      data: cells(s.rows),
      sheet: sheetNameOf(s.title),
      ...(i === 0 ? { stickyRowsCount: 1 } : {}),
    })),
  ).toBlob();
}

/** Hands a file to the browser's downloads. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the URL is not needed past this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
