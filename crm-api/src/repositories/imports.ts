import type { Queryable } from '../db/pool';
import type { CompanyImportRow, SupportImportRow } from '../domain/importRows';

/** One written row of an import batch: whether it was new (else an existing row changed). */
export interface ImportWrite {
  inserted: boolean;
}

/**
 * Upserts companies on 사업자등록번호 in one statement. A row identical to the stored one is not
 * written and not returned, so the caller counts it as unchanged.
 */
export async function upsertImportedCompanies(
  db: Queryable,
  rows: readonly CompanyImportRow[],
): Promise<ImportWrite[]> {
  const { rows: out } = await db.query<ImportWrite>(
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
    [JSON.stringify(rows)],
  );
  return out;
}

/** The company id of each 사업자등록번호 that is registered (unknown numbers are absent). */
export async function companyIdsByBizRegNo(db: Queryable, bizRegNos: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await db.query<{ biz_reg_no: string; id: string }>(
    `SELECT biz_reg_no, id::text AS id FROM companies WHERE biz_reg_no = ANY($1::text[])`,
    [bizRegNos],
  );
  return new Map(rows.map((r) => [r.biz_reg_no, r.id]));
}

/**
 * Upserts support history on (company, program name, year); the program is linked by name or code
 * when the catalogue has it. Unchanged rows are not written and not returned.
 */
export async function upsertImportedSupport(
  db: Queryable,
  rows: readonly (SupportImportRow & { company_id: string })[],
): Promise<ImportWrite[]> {
  const { rows: out } = await db.query<ImportWrite>(
    `INSERT INTO support_history (company_id, program_id, program_name, agency, year, amount, status)
     SELECT x.company_id, p.id, x.program, x.agency, x.year, x.amount, x.status
       FROM jsonb_to_recordset($1::jsonb) AS x(company_id bigint, program text, agency text, year int, amount bigint, status text)
       LEFT JOIN LATERAL (SELECT id FROM programs WHERE name = x.program OR code = x.program ORDER BY (code = x.program) DESC LIMIT 1) p ON true
     ON CONFLICT (company_id, program_name, year) DO UPDATE SET program_id = EXCLUDED.program_id, agency = EXCLUDED.agency,
       amount = EXCLUDED.amount, status = EXCLUDED.status, updated_at = now()
     WHERE (support_history.program_id, support_history.agency, support_history.amount, support_history.status)
           IS DISTINCT FROM (EXCLUDED.program_id, EXCLUDED.agency, EXCLUDED.amount, EXCLUDED.status)
     RETURNING (xmax = 0) AS inserted`,
    [JSON.stringify(rows)],
  );
  return out;
}
