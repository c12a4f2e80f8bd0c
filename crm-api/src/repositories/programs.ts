import { named } from '../db/pool';
import type { ProgramDto } from '@cc1357/contracts';
import type { Queryable } from '../db/pool';
import type { SeedProgram } from '../seed/programs';

export const PROGRAM_COLUMNS = `p.id::text AS id, p.code, p.name, p.agency, p.level, p.category, p.description, p.url,
  p.eligible_regions AS "eligibleRegions", p.eligible_sizes AS "eligibleSizes", p.eligible_ksic AS "eligibleKsic",
  p.min_age_years AS "minAgeYears", p.max_age_years AS "maxAgeYears", p.max_amount::float8 AS "maxAmount",
  to_char(p.announced_on, 'YYYY-MM-DD') AS "announcedOn", to_char(p.opens_on, 'YYYY-MM-DD') AS "opensOn",
  to_char(p.closes_on, 'YYYY-MM-DD') AS "closesOn"`;

/** Upserts the catalogue on `code`; returns code → id. */
export async function upsertPrograms(db: Queryable, programs: readonly SeedProgram[]): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; code: string }>(
    `INSERT INTO programs (code, name, agency, level, category, description, url, eligible_regions, eligible_sizes, eligible_ksic,
                           min_age_years, max_age_years, max_amount, announced_on, opens_on, closes_on)
     SELECT x.code, x.name, x.agency, x.level, x.category, x.description, x.url,
            ARRAY(SELECT jsonb_array_elements_text(x."eligibleRegions")), ARRAY(SELECT jsonb_array_elements_text(x."eligibleSizes")),
            ARRAY(SELECT jsonb_array_elements_text(x."eligibleKsic")),
            x."minAgeYears", x."maxAgeYears", x."maxAmount", x."announcedOn", x."opensOn", x."closesOn"
       FROM jsonb_to_recordset($1::jsonb) AS x(code text, name text, agency text, level text, category text, description text,
            url text, "eligibleRegions" jsonb, "eligibleSizes" jsonb, "eligibleKsic" jsonb, "minAgeYears" int, "maxAgeYears" int,
            "maxAmount" bigint, "announcedOn" date, "opensOn" date, "closesOn" date)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, agency = EXCLUDED.agency, level = EXCLUDED.level,
       category = EXCLUDED.category, description = EXCLUDED.description, url = EXCLUDED.url,
       eligible_regions = EXCLUDED.eligible_regions, eligible_sizes = EXCLUDED.eligible_sizes, eligible_ksic = EXCLUDED.eligible_ksic,
       min_age_years = EXCLUDED.min_age_years, max_age_years = EXCLUDED.max_age_years, max_amount = EXCLUDED.max_amount,
       announced_on = EXCLUDED.announced_on, opens_on = EXCLUDED.opens_on, closes_on = EXCLUDED.closes_on, updated_at = now()
     RETURNING id::text AS id, code`,
    [JSON.stringify(programs)],
  );
  // jsonb null → ARRAY(SELECT …) of nothing = '{}': store "no restriction" as NULL.
  await db.query(`UPDATE programs SET eligible_regions = NULLIF(eligible_regions, '{}'), eligible_sizes = NULLIF(eligible_sizes, '{}'),
                    eligible_ksic = NULLIF(eligible_ksic, '{}')
                  WHERE eligible_regions = '{}' OR eligible_sizes = '{}' OR eligible_ksic = '{}'`);
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Programs whose window overlaps [from, to) or that are open at `from`; ordered by opening day. */
export async function programsOpeningBetween(db: Queryable, from: string, to: string): Promise<ProgramDto[]> {
  const { rows } = await db.query<ProgramDto>(
    `SELECT ${PROGRAM_COLUMNS} FROM programs p WHERE p.opens_on >= $1 AND p.opens_on < $2 ORDER BY p.opens_on, p.name`,
    [from, to],
  );
  return rows;
}

/** Programs still to close on or after `day` (open now or later), the recommendation candidates. */
export async function programsNotClosedBy(db: Queryable, day: string): Promise<ProgramDto[]> {
  const { rows } = await db.query<ProgramDto>(
    named(
      'programsNotClosedBy',
      `SELECT ${PROGRAM_COLUMNS} FROM programs p WHERE p.closes_on >= $1 ORDER BY p.opens_on, p.id`,
      [day],
    ),
  );
  return rows;
}

export async function programsByIds(db: Queryable, ids: readonly string[]): Promise<ProgramDto[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<ProgramDto>(
    `SELECT ${PROGRAM_COLUMNS} FROM programs p WHERE p.id = ANY($1::bigint[]) ORDER BY p.opens_on, p.id`,
    [ids],
  );
  return rows;
}

export interface ProgramFilter {
  category?: string | undefined;
  level?: string | undefined;
  openOn?: string | undefined;
}

export async function listPrograms(db: Queryable, f: ProgramFilter): Promise<ProgramDto[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.category) where.push(`p.category = $${params.push(f.category)}`);
  if (f.level) where.push(`p.level = $${params.push(f.level)}`);
  if (f.openOn) where.push(`$${params.push(f.openOn)}::date BETWEEN p.opens_on AND p.closes_on`);
  const { rows } = await db.query<ProgramDto>(
    `SELECT ${PROGRAM_COLUMNS} FROM programs p ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.opens_on, p.name`,
    params,
  );
  return rows;
}
