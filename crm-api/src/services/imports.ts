import { IMPORT_COLUMNS, type ImportReport } from '@cc1357/contracts';
import { CsvError, parse } from 'csv-parse/sync';
import type pg from 'pg';
import { inTransaction } from '../db/pool';
import { validateCompanyRow, validateSupportRow, type RowResult } from '../domain/importRows';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import type { Actor, ServiceContext } from './context';

/** Rows per transaction: a bad batch never leaves half of itself behind, a big file never holds one huge lock. */
export const IMPORT_BATCH = 1000;


interface CsvRow {
  line: number;
  raw: Record<string, string>;
}

/** Parses the body; malformed CSV (bad quoting, ragged rows, missing columns) is a 400 naming the line. */
function readCsv(body: unknown, required: readonly string[]): CsvRow[] {
  if (typeof body !== 'string' || body.trim() === '') {
    throw new AppError('BAD_REQUEST', 'CSV 본문이 비어 있습니다 (Content-Type: text/csv)');
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(body.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, info: true });
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines;
      throw new AppError('BAD_REQUEST', `CSV 형식 오류${line ? ` (${line}행)` : ''}: ${err.message}`, [{ path: `line ${line ?? '?'}`, message: err.code }]);
    }
    throw err;
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = required.filter((c) => !header.includes(c));
  if (records.length && missing.length) {
    throw new AppError('BAD_REQUEST', `CSV 머리글에 열이 없습니다: ${missing.join(', ')}`, missing.map((m) => ({ path: 'line 1', message: `${m} 열이 없습니다` })));
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
}

/** Validates every row; the second occurrence of a natural key in one file is refused. */
function triage<T>(rows: CsvRow[], validate: (raw: Record<string, string>) => RowResult<T>, keyOf: (v: T) => string, report: ImportReport): Valid<T>[] {
  const seen = new Map<string, number>();
  const valid: Valid<T>[] = [];
  for (const row of rows) {
    const r = validate(row.raw);
    if (!r.ok) {
      report.rejected.push({ row: row.line, reasons: r.reasons });
      continue;
    }
    const key = keyOf(r.value);
    const first = seen.get(key);
    if (first !== undefined) {
      report.rejected.push({ row: row.line, reasons: [`같은 키가 ${first}행에 이미 있습니다`] });
      continue;
    }
    seen.set(key, row.line);
    valid.push({ line: row.line, value: r.value });
  }
  return valid;
}

const emptyReport = (total: number): ImportReport => ({ total, accepted: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [] });

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
    actorId: actor.sub, actorName: actor.username, actorRole: actor.role, action: `import.${kind}`, subjectType: kind, subjectId: null,
    details: { total: report.total, accepted: report.accepted, unchanged: report.unchanged, rejected: report.rejected.length }, at: ctx.now(),
  });
  return report;
}

/** Companies upserted on 사업자등록번호; a row identical to the stored one changes nothing. */
export async function importCompanies(ctx: ServiceContext, actor: Actor, body: unknown): Promise<ImportReport> {
  const rows = readCsv(body, IMPORT_COLUMNS.companies);
  const report = emptyReport(rows.length);
  const valid = triage(rows, validateCompanyRow, (v) => v.bizRegNo, report);
  for (const batch of batches(valid)) {
    const written = await inTransaction(ctx.db, async (tx: pg.PoolClient) => {
      const { rows: out } = await tx.query<{ inserted: boolean }>(
        `INSERT INTO companies (biz_reg_no, name, representative, region, ksic_code, ksic_label, size_class, employees, founded_on)
         SELECT x."bizRegNo", x.name, x.representative, x.region, x."ksicCode", x."ksicLabel", x."sizeClass", x.employees, x."foundedOn"
           FROM jsonb_to_recordset($1::jsonb) AS x("bizRegNo" text, name text, representative text, region text, "ksicCode" text,
                "ksicLabel" text, "sizeClass" text, employees int, "foundedOn" date)
         ON CONFLICT (biz_reg_no) DO UPDATE SET name = EXCLUDED.name, representative = EXCLUDED.representative, region = EXCLUDED.region,
           ksic_code = EXCLUDED.ksic_code, ksic_label = EXCLUDED.ksic_label, size_class = EXCLUDED.size_class,
           employees = EXCLUDED.employees, founded_on = EXCLUDED.founded_on, updated_at = now()
         WHERE (companies.name, companies.representative, companies.region, companies.ksic_code, companies.ksic_label,
                companies.size_class, companies.employees, companies.founded_on)
               IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.representative, EXCLUDED.region, EXCLUDED.ksic_code, EXCLUDED.ksic_label,
                EXCLUDED.size_class, EXCLUDED.employees, EXCLUDED.founded_on)
         RETURNING (xmax = 0) AS inserted`,
        [JSON.stringify(batch.map((b) => b.value))],
      );
      return out;
    });
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
    const written = await inTransaction(ctx.db, async (tx: pg.PoolClient) => {
      const { rows: known } = await tx.query<{ biz_reg_no: string; id: string }>(
        `SELECT biz_reg_no, id::text AS id FROM companies WHERE biz_reg_no = ANY($1::text[])`,
        [batch.map((b) => b.value.bizRegNo)],
      );
      const companyOf = new Map(known.map((k) => [k.biz_reg_no, k.id]));
      const ok = batch.filter((b) => {
        if (companyOf.has(b.value.bizRegNo)) return true;
        report.rejected.push({ row: b.line, reasons: ['등록되지 않은 사업자등록번호입니다 (기업을 먼저 가져오세요)'] });
        return false;
      });
      const { rows: out } = await tx.query<{ inserted: boolean }>(
        `INSERT INTO support_history (company_id, program_id, program_name, agency, year, amount, status)
         SELECT x.company_id, p.id, x.program, x.agency, x.year, x.amount, x.status
           FROM jsonb_to_recordset($1::jsonb) AS x(company_id bigint, program text, agency text, year int, amount bigint, status text)
           LEFT JOIN LATERAL (SELECT id FROM programs WHERE name = x.program OR code = x.program ORDER BY (code = x.program) DESC LIMIT 1) p ON true
         ON CONFLICT (company_id, program_name, year) DO UPDATE SET program_id = EXCLUDED.program_id, agency = EXCLUDED.agency,
           amount = EXCLUDED.amount, status = EXCLUDED.status, updated_at = now()
         WHERE (support_history.program_id, support_history.agency, support_history.amount, support_history.status)
               IS DISTINCT FROM (EXCLUDED.program_id, EXCLUDED.agency, EXCLUDED.amount, EXCLUDED.status)
         RETURNING (xmax = 0) AS inserted`,
        [JSON.stringify(ok.map((b) => ({ ...b.value, company_id: companyOf.get(b.value.bizRegNo) })))],
      );
      return { out, size: ok.length };
    });
    tally(report, written.size, written.out);
  }
  return audited(ctx, actor, 'supportHistory', report);
}
