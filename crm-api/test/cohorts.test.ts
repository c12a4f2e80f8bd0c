import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPool } from '../src/db/pool';
import { refreshCohorts } from '../src/repositories/cohorts';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { makeCompanyWith } from './support/server';

/** Cohorts are keyed by the center's day (Asia/Seoul), the day pops look them up with. */
describe('refreshCohorts', () => {
  let database: TestDatabase;
  let db: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPool(database.url, 2);
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  it('bands company age by the Seoul date, also between 00:00 and 09:00 KST', async () => {
    // Founded three years before the Seoul day 2025-03-15 (but not before the UTC day 03-14).
    const id = await makeCompanyWith(db, 1, { founded: '2022-03-15' });
    const asOf = new Date('2025-03-14T20:00:00Z'); // 2025-03-15 05:00 KST
    const client = await db.connect();
    try {
      await refreshCohorts(client, asOf);
    } finally {
      client.release();
    }
    const { rows } = await db.query<{ cohort: string }>(
      `SELECT company_cohort(ksic_code, size_class, region, founded_on, '2025-03-15') AS cohort FROM companies WHERE id = $1`,
      [id],
    );
    expect(rows[0]!.cohort).toMatch(/\|3-7$/);
    const stats = await db.query<{ cohort: string }>('SELECT cohort FROM cohort_stats ORDER BY cohort');
    // The narrow cohort, and the two wider groups recommendations fall back to (domain/similar.ts).
    expect(stats.rows.map((r) => r.cohort)).toEqual([rows[0]!.cohort, 'sector:C', 'sector:C|소기업']);
  });
});
