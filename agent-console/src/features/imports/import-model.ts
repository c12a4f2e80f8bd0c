import { IMPORT_COLUMNS, type ImportKind, type ImportReport } from '@cc1357/contracts';

/**
 * CSV imports as the admin sees them: which columns a file needs, a quick look at the file
 * before it is sent (rows, missing columns), and the report's refused rows grouped by reason.
 */

export { IMPORT_COLUMNS };

export interface FileCheck {
  rows: number;
  missing: string[];
}

/** Header columns missing and the data-row count (quoted newlines are rare in these files; the server has the last word). */
export function checkCsv(kind: ImportKind, text: string): FileCheck {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  return { rows: Math.max(0, lines.length - 1), missing: IMPORT_COLUMNS[kind].filter((c) => !header.includes(c)) };
}

/** The most common refusal reasons first, with how many rows each. */
export function reasonCounts(report: ImportReport): Array<{ reason: string; rows: number }> {
  const counts = new Map<string, number>();
  for (const r of report.rejected) for (const reason of new Set(r.reasons)) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  return [...counts].map(([reason, rows]) => ({ reason, rows })).sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason));
}
