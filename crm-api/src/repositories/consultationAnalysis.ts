import type { AnalysisDimension, FcrGrouping } from '@cc1357/contracts';
import type { Queryable } from '../db/pool';
import type { PivotCell } from '../domain/consultationAnalysis';

/**
 * The consultation analysis's SQL (issue 16). PostgreSQL groups and counts; nothing per
 * consultation crosses the wire. A consultation's queue is its call record's; company
 * attributes come from companies; '-' stands for what is not known.
 */

/** A fixed expression per dimension: the dimension names come from a zod enum, never from text. */
const DIMENSION_SQL: Record<Exclude<AnalysisDimension, 'agency'>, string> = {
  queue: `coalesce(cr.queue, '-')`,
  category: `c.category`,
  subCategory: `coalesce(nullif(c.sub_category, ''), '-')`,
  region: `coalesce(co.region, '-')`,
  size: `coalesce(co.size_class, '-')`,
  industry: `coalesce(substr(co.ksic_code, 1, 1), '-')`,
  month: `to_char(c.created_at AT TIME ZONE 'Asia/Seoul', 'YYYY-MM')`,
};

/** Consultations in [start, end) counted by two dimensions (range scan of consultations_created_idx). */
export async function pivotCells(
  db: Queryable,
  start: Date,
  end: Date,
  rows: Exclude<AnalysisDimension, 'agency'>,
  cols: Exclude<AnalysisDimension, 'agency'>,
): Promise<PivotCell[]> {
  const { rows: cells } = await db.query<PivotCell>(
    `SELECT ${DIMENSION_SQL[rows]} AS row, ${DIMENSION_SQL[cols]} AS col, count(*)::int AS count
       FROM consultations c
       LEFT JOIN companies co ON co.id = c.company_id
       LEFT JOIN call_records cr ON cr.call_id = c.call_id
      WHERE c.created_at >= $1 AND c.created_at < $2
      GROUP BY 1, 2`,
    [start, end],
  );
  return cells;
}

const FCR_KEY_SQL: Record<FcrGrouping, string> = {
  queue: `coalesce(cr.queue, '-')`,
  category: `c.category`,
  counselor: `c.counselor_id::text`,
};

export interface FcrGroupCounts {
  key: string;
  contacts: number;
  repeated: number;
  unidentified: number;
}

/**
 * First-contact resolution (fcr.v1) counted in PostgreSQL: each consultation's next one from the
 * same caller (company, else caller number) about the same category, by a window function over
 * the period plus the repeat window after it (a repeat just past the period still counts);
 * repeated = the next one came less than `windowDays` days later. Same rule as domain `repeatsOf`.
 */
export async function fcrCounts(
  db: Queryable,
  start: Date,
  end: Date,
  by: FcrGrouping,
  windowDays: number,
): Promise<FcrGroupCounts[]> {
  const { rows } = await db.query<FcrGroupCounts>(
    `WITH c AS (
       SELECT c.id, c.created_at, c.category, ${FCR_KEY_SQL[by]} AS key, c.company_id,
              CASE WHEN c.company_id IS NULL THEN c.caller_number END AS number
         FROM consultations c
         LEFT JOIN call_records cr ON cr.call_id = c.call_id
        WHERE c.created_at >= $1 AND c.created_at < $2::timestamptz + make_interval(days => $3)
     ), n AS (
       -- The caller is the company, else the number (number is null whenever there is a company).
       -- Category first: keyed by company first, the planner walks consultations_company_created_idx
       -- (random heap reads) — 1.5 M rows a year took 7–8 s that way, 3.2–4.5 s by seq scan and sort.
       SELECT key, company_id IS NOT NULL OR number IS NOT NULL AS known, created_at,
              lead(created_at) OVER (PARTITION BY category, company_id, number ORDER BY created_at, id) AS next_at
         FROM c
     )
     SELECT key,
            count(*) FILTER (WHERE known)::int AS contacts,
            count(*) FILTER (WHERE known AND next_at < created_at + make_interval(days => $3))::int AS repeated,
            count(*) FILTER (WHERE NOT known)::int AS unidentified
       FROM n
      WHERE created_at < $2
      GROUP BY key`,
    [start, end, windowDays],
  );
  return rows;
}

/** Display names of counselors by user id, active or not (a report covers the past). */
export async function counselorNames(db: Queryable, userIds: readonly string[]): Promise<Record<string, string>> {
  if (userIds.length === 0) return {};
  const { rows } = await db.query<{ id: string; displayName: string }>(
    `SELECT id::text AS id, display_name AS "displayName" FROM users WHERE id = ANY($1::bigint[])`,
    [userIds],
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.displayName]));
}
