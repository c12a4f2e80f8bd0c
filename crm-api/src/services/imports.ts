import {
  decodeCsvBytes,
  IMPORT_COLUMN_LABELS,
  IMPORT_COLUMNS,
  importColumnOf,
  type ImportReport,
} from '@cc1357/contracts';
import { CsvError, parse } from 'csv-parse/sync';
import { decodeCp949 } from '../domain/cp949';
import { inTransaction } from '../db/pool';
import { validateCompanyRow, validateSupportRow, type RowResult, type SupportImportRow } from '../domain/importRows';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import { companyIdsByBizRegNo, upsertImportedCompanies, upsertImportedSupport } from '../repositories/imports';
import type { Actor, ServiceContext } from './context';

/** Rows per transaction: a bad batch never leaves half of itself behind, a big file never holds one huge lock. */
export const IMPORT_BATCH = 1000;

interface CsvRow {
  line: number;
  raw: Record<string, string>;
}

/** The body's text: UTF-8 (with or without BOM) or CP949, else a 400 saying how to save the file. */
function textOf(body: unknown): string {
  if (typeof body === 'string') return body.replace(/^\uFEFF/, '');
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new AppError('BAD_REQUEST', 'CSV 본문이 비어 있습니다 (Content-Type: text/csv)');
  const decoded = decodeCsvBytes(body, decodeCp949);
  if (!decoded.ok)
    throw new AppError('BAD_REQUEST', decoded.reason, [
      { path: 'body', message: 'UTF-8 또는 CP949(EUC-KR) CSV가 아닙니다' },
    ]);
  return decoded.text;
}

/** Parses the body; malformed CSV (bad quoting, ragged rows, missing columns) is a 400 naming the line. */
function readCsv(body: unknown, required: readonly string[]): CsvRow[] {
  const text = textOf(body);
  if (text.trim() === '') throw new AppError('BAD_REQUEST', 'CSV 본문이 비어 있습니다 (Content-Type: text/csv)');
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    // Korean header names (사업자등록번호, 상호, …) are accepted as well as the field names.
    records = parse(text, {
      columns: (header: string[]) => header.map(importColumnOf),
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      throw new AppError('BAD_REQUEST', `CSV 형식 오류${line ? ` (${line}행)` : ''}: ${err.message}`, [
        { path: `line ${line ?? '?'}`, message: err.code },
      ]);
    }
    throw err;
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = required.filter((c) => !header.includes(c));
  if (records.length && missing.length) {
    const named = missing.map((m) => `${IMPORT_COLUMN_LABELS[m] ?? m}(${m})`);
    throw new AppError(
      'BAD_REQUEST',
      `CSV 머리글에 열이 없습니다: ${named.join(', ')}`,
      missing.map((_m, i) => ({ path: 'line 1', message: `${named[i]} 열이 없습니다` })),
    );
  }
  return records.map((r) => ({ line: r.info.lines, raw: r.record }));
}

function batches<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IMPORT_BATCH) out.push(items.slice(i, i + IMPORT_BATCH));
  return out;
}

interface Valid<T> {
  line: number;
  value: T;
  raw: Record<string, string>;
}

/** Validates every row; the second occurrence of a natural key in one file is refused. */
function triage<T>(
  rows: CsvRow[],
  validate: (raw: Record<string, string>) => RowResult<T>,
  keyOf: (v: T) => string,
  report: ImportReport,
): Valid<T>[] {
  const seen = new Map<string, number>();
  const valid: Valid<T>[] = [];
  for (const row of rows) {
    const r = validate(row.raw);
    if (!r.ok) {
      report.rejected.push({ row: row.line, reasons: r.reasons, values: row.raw });
      continue;
    }
    const key = keyOf(r.value);
    const first = seen.get(key);
    if (first !== undefined) {
      report.rejected.push({ row: row.line, reasons: [`같은 키가 ${first}행에 이미 있습니다`], values: row.raw });
      continue;
    }
    seen.set(key, row.line);
    valid.push({ line: row.line, value: r.value, raw: row.raw });
  }
  return valid;
}

const emptyReport = (total: number): ImportReport => ({
  total,
  accepted: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  rejected: [],
});

function tally(report: ImportReport, batchSize: number, rows: { inserted: boolean }[]): void {
  const inserted = rows.filter((r) => r.inserted).length;
  report.inserted += inserted;
  report.updated += rows.length - inserted;
  report.accepted += rows.length;
  report.unchanged += batchSize - rows.length;
}

async function audited(ctx: ServiceContext, actor: Actor, kind: string, report: ImportReport): Promise<ImportReport> {
  report.rejected.sort((a, b) => a.row - b.row);
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: `import.${kind}`,
    subjectType: kind,
    subjectId: null,
    details: {
      total: report.total,
      accepted: report.accepted,
      unchanged: report.unchanged,
      rejected: report.rejected.length,
    },
    at: ctx.now(),
  });
  return report;
}

/** Companies upserted on 사업자등록번호; a row identical to the stored one changes nothing. */
export async function importCompanies(ctx: ServiceContext, actor: Actor, body: unknown): Promise<ImportReport> {
  const rows = readCsv(body, IMPORT_COLUMNS.companies);
  const report = emptyReport(rows.length);
  const valid = triage(rows, validateCompanyRow, (v) => v.bizRegNo, report);
  for (const batch of batches(valid)) {
    const written = await inTransaction(ctx.db, (tx) =>
      upsertImportedCompanies(
        tx,
        batch.map((b) => b.value),
      ),
    );
    tally(report, batch.length, written);
  }
  return audited(ctx, actor, 'companies', report);
}

/** Support history upserted on (사업자등록번호, program, year); unknown companies are refused rows. */
export async function importSupportHistory(ctx: ServiceContext, actor: Actor, body: unknown): Promise<ImportReport> {
  const rows = readCsv(body, IMPORT_COLUMNS['support-history']);
  const report = emptyReport(rows.length);
  const valid = triage(rows, validateSupportRow, (v) => `${v.bizRegNo}|${v.program}|${v.year}`, report);
  for (const batch of batches(valid)) {
    const written = await inTransaction(ctx.db, async (tx) => {
      const companyOf = await companyIdsByBizRegNo(
        tx,
        batch.map((b) => b.value.bizRegNo),
      );
      const known: (SupportImportRow & { company_id: string })[] = [];
      for (const b of batch) {
        const companyId = companyOf.get(b.value.bizRegNo);
        if (companyId !== undefined) known.push({ ...b.value, company_id: companyId });
        else
          report.rejected.push({
            row: b.line,
            reasons: ['등록되지 않은 사업자등록번호입니다 (기업을 먼저 가져오세요)'],
            values: b.raw,
          });
      }
      const out = await upsertImportedSupport(tx, known);
      return { out, size: known.length };
    });
    tally(report, written.size, written.out);
  }
  return audited(ctx, actor, 'supportHistory', report);
}
