import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedScale, type ScaleResult } from '../src/seed/scale';
import { companiesByName } from '../src/repositories/search';
import { createPool } from '../src/db/pool';
import { createTestDatabase, type TestDatabase } from '../src/testing';

/**
 * The national-scale seeder at a small size (the bench runs it at 200 k and 8.04 M): rows at
 * the asked counts, every detached index and constraint back, company_names exact, searchable.
 */
describe('seedScale', () => {
  let database: TestDatabase;
  let db: pg.Pool;
  let result: ScaleResult;
  let indexesBefore: string[];
  const lines: string[] = [];

  const indexes = async () =>
    (
      await db.query<{ d: string }>(
        `SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`,
      )
    ).rows.map((r) => r.d);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPool(database.url, 2);
    indexesBefore = await indexes();
    result = await seedScale({
      databaseUrl: database.url,
      companies: 3000,
      consultations: 7000,
      support: 11000,
      chunk: 1000,
      log: (l) => lines.push(l),
    });
  }, 120_000);
  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  it('loads the asked counts in chunks and reports its timings', async () => {
    const { rows } = await db.query<{ c: number; k: number; s: number; ct: number }>(
      `SELECT (SELECT count(*)::int FROM companies) AS c, (SELECT count(*)::int FROM consultations) AS k,
              (SELECT count(*)::int FROM support_history) AS s, (SELECT count(*)::int FROM contacts) AS ct`,
    );
    expect(rows[0]).toEqual({ c: 3000, k: 7000, s: 11000, ct: 3000 });
    expect(result).toMatchObject({ companies: 3000, consultations: 7000, support: 11000 });
    expect(lines.filter((l) => l.startsWith('companies: '))).toHaveLength(3);
    expect(result.totalSeconds).toBeGreaterThan(0);
  });

  it('puts back every index it dropped for the load', async () => {
    expect(await indexes()).toEqual(indexesBefore);
  });

  it('fills company_names with the exact count of companies behind each name', async () => {
    const { rows } = await db.query<{ missing: number; wrong: number; total: number }>(
      `SELECT count(*) FILTER (WHERE n.search_name IS NULL)::int AS missing,
              count(*) FILTER (WHERE n.companies <> g.k)::int AS wrong, sum(g.k)::int AS total
         FROM (SELECT search_name, count(*)::int AS k FROM companies GROUP BY search_name) g
         LEFT JOIN company_names n ON n.search_name = g.search_name`,
    );
    expect(rows[0]).toEqual({ missing: 0, wrong: 0, total: 3000 });
  });

  it('finds a seeded company by its name, a fragment and a typo', async () => {
    const { rows } = await db.query<{ id: string; search_name: string }>(
      `SELECT id::text, search_name FROM companies WHERE length(search_name) >= 7 ORDER BY id LIMIT 1`,
    );
    const { id, search_name: name } = rows[0]!;
    expect((await companiesByName(db, name, {}, 50)).map((h) => h.id)).toContain(id);
    const chars = [...name];
    const typo = [...chars.slice(0, -2), '읏', chars[chars.length - 1]].join('');
    const fuzzy = await companiesByName(db, typo, {}, 50);
    expect(fuzzy.filter((h) => h.match === 'fuzzy').map((h) => h.id)).toContain(id);
  });
});
