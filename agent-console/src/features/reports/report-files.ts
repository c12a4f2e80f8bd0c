import { kpiFormulaById, type KpiReport } from '@cc1357/contracts';
import { csvOf, formulaIdsOf, type SheetCell } from './reports-model';

/**
 * The two export files. Excel is written by write-excel-file (a small, maintained xlsx writer
 * whose one dependency is fflate), loaded only when someone exports: it stays out of the
 * console's main bundle and even out of the reports screen's chunk until used.
 */

export function csvBlobOf(sheet: SheetCell[][]): Blob {
  return new Blob([csvOf(sheet)], { type: 'text/csv;charset=utf-8' });
}

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

export async function xlsxBlobOf(
  sheet: SheetCell[][],
  formulas: string[][],
  names: { data: string; formulas: string },
): Promise<Blob> {
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const cells = (rows: SheetCell[][], boldFirst: boolean) =>
    rows.map((r, i) =>
      r.map((value) =>
        value === null
          ? null
          : typeof value === 'number'
            ? { value, type: Number }
            : { value, type: String, ...(boldFirst && i === 0 ? { fontWeight: 'bold' as const } : {}) },
      ),
    );
  return writeXlsxFile([
    { data: cells(sheet, true), sheet: names.data, stickyRowsCount: 1 },
    { data: cells(formulas, true), sheet: names.formulas },
  ]).toBlob();
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
