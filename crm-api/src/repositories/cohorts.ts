import type pg from 'pg';
import { seoulDate } from '../domain/seoulDay';

/** Support counted as "received": selected, paid or completed, in the last five years. */
export const RECEIVED_STATUSES = ['selected', 'paid', 'completed'] as const;
export const COHORT_WINDOW_YEARS = 5;

export interface CohortRefreshResult {
  cohorts: number;
  uptakeRows: number;
}

/**
 * Recomputes cohort_stats and cohort_program_uptake from companies and support_history, as of
 * `asOf` (its date decides each company's age band). One transaction: readers see the old
 * figures until the new ones are complete. Heavy at national scale (minutes), so it runs as a
 * job, never on a request.
 */
export async function refreshCohorts(db: pg.ClientBase, asOf: Date): Promise<CohortRefreshResult> {
  // The center's day (Asia/Seoul), the same day pops look cohorts up with; the UTC date differs
  // from 00:00 to 09:00 KST, and the seeds' anchor (Seoul midnight) is always the day before in UTC.
  const day = seoulDate(asOf);
  const fromYear = Number(day.slice(0, 4)) - COHORT_WINDOW_YEARS + 1;
  await db.query('BEGIN');
  try {
    // Two refreshes at once would only duplicate work; the second waits for the first.
    await db.query('SELECT pg_advisory_xact_lock(13570006)');
    await db.query(`SET LOCAL work_mem = '256MB'`);
    // Each company counts in its narrow cohort and in the two wider groups recommendations fall
    // back to when the narrow one is too small to compare with (domain/similar.ts spells the keys).
    await db.query(
      `CREATE TEMP TABLE company_cohort_tmp ON COMMIT DROP AS
         SELECT id, company_cohort(ksic_code, size_class, region, founded_on, $1::date) AS cohort FROM companies
         UNION ALL SELECT id, 'sector:' || substr(ksic_code, 1, 1) || '|' || size_class FROM companies
         UNION ALL SELECT id, 'sector:' || substr(ksic_code, 1, 1) FROM companies`,
      [day],
    );
    await db.query(
      `CREATE TEMP TABLE company_total_tmp ON COMMIT DROP AS
         SELECT company_id, sum(amount)::bigint AS total FROM support_history
          WHERE status = ANY($1::text[]) AND year >= $2 GROUP BY company_id`,
      [RECEIVED_STATUSES, fromYear],
    );
    await db.query('DELETE FROM cohort_stats');
    const stats = await db.query(
      `INSERT INTO cohort_stats (cohort, companies, recipients, p50_total, p90_total, refreshed_at)
       SELECT c.cohort, count(*)::int, count(t.company_id)::int,
              COALESCE(percentile_disc(0.5) WITHIN GROUP (ORDER BY t.total) FILTER (WHERE t.total IS NOT NULL), 0),
              COALESCE(percentile_disc(0.9) WITHIN GROUP (ORDER BY t.total) FILTER (WHERE t.total IS NOT NULL), 0),
              $1
         FROM company_cohort_tmp c LEFT JOIN company_total_tmp t ON t.company_id = c.id
        GROUP BY c.cohort`,
      [asOf],
    );
    await db.query('DELETE FROM cohort_program_uptake');
    const uptake = await db.query(
      `INSERT INTO cohort_program_uptake (cohort, program_id, recipients)
       SELECT c.cohort, s.program_id, count(DISTINCT s.company_id)::int
         FROM support_history s JOIN company_cohort_tmp c ON c.id = s.company_id
        WHERE s.program_id IS NOT NULL AND s.status = ANY($1::text[]) AND s.year >= $2
        GROUP BY 1, 2`,
      [RECEIVED_STATUSES, fromYear],
    );
    await db.query('COMMIT');
    return { cohorts: stats.rowCount ?? 0, uptakeRows: uptake.rowCount ?? 0 };
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
