import {
  decodeCsvBytes,
  IMPORT_COLUMN_LABELS,
  IMPORT_COLUMNS,
  IMPORT_EXAMPLES,
  importColumnOf,
  type CsvEncoding,
  type ImportKind,
  type ImportReport,
} from '@cc1357/contracts';
import { stringify } from 'csv-stringify/browser/esm/sync';

/**
 * CSV imports as the admin sees them: which columns a file needs (with their Korean names), a
 * quick look at the file before it is sent (encoding, rows, missing columns), the report's
 * refused rows grouped by reason, and two files to download: a template and the refused rows.
 */

export { IMPORT_COLUMNS };

export type FileCheck =
  { ok: true; encoding: CsvEncoding; rows: number; missing: string[] } | { ok: false; reason: string };

/** "사업자등록번호(bizRegNo)": how the screen names a column. */
export const columnName = (column: string): string => `${IMPORT_COLUMN_LABELS[column] ?? column}(${column})`;

/**
 * The file's encoding (the same strict decoding crm-api does: UTF-8, UTF-8 with BOM or CP949),
 * header columns missing and the data-row count (quoted newlines are rare in these files; the
 * server has the last word).
 */
export function checkCsv(kind: ImportKind, bytes: Uint8Array): FileCheck {
  const decoded = decodeCsvBytes(bytes);
  if (!decoded.ok) return decoded;
  const lines = decoded.text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => importColumnOf(h.trim().replace(/^"|"$/g, '')));
  return {
    ok: true,
    encoding: decoded.encoding,
    rows: Math.max(0, lines.length - 1),
    missing: IMPORT_COLUMNS[kind].filter((c) => !header.includes(c)),
  };
}

/** The most common refusal reasons first, with how many rows each. */
export function reasonCounts(report: ImportReport): Array<{ reason: string; rows: number }> {
  const counts = new Map<string, number>();
  for (const r of report.rejected)
    for (const reason of new Set(r.reasons)) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts]
    .map(([reason, rows]) => ({ reason, rows }))
    .sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason));
}

/** UTF-8 with a BOM: what Excel on a Korean Windows opens as Korean without asking. */
const BOM = '\uFEFF';

/** A template to fill in: the header and one example row that imports cleanly. */
export function templateCsv(kind: ImportKind): string {
  return BOM + stringify([[...IMPORT_COLUMNS[kind]], [...IMPORT_EXAMPLES[kind]]], { record_delimiter: 'windows' });
}

/**
 * The refused rows as a file to fix and upload again: the same columns, then the line it had
 * and why it was refused (the extra columns are ignored by the import).
 */
export function rejectedRowsCsv(kind: ImportKind, report: ImportReport): string {
  const columns = [...IMPORT_COLUMNS[kind]];
  const rows = report.rejected.map((r) => [
    ...columns.map((c) => r.values?.[c] ?? ''),
    String(r.row),
    r.reasons.join(' / '),
  ]);
  return BOM + stringify([[...columns, '원래 행', '거부 사유'], ...rows], { record_delimiter: 'windows' });
}
