import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { createPool, type Queryable } from '../src/db/pool';
import { createCatalogueCache } from '../src/services/catalogue';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { makePrograms } from './support/server';

/** The day's catalogue cache over a real database, through a pool that counts its queries. */
describe('catalogue cache', () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let queries = 0;
  let failNext = false;
  const db: Queryable = {
    query: ((...args: Parameters<pg.Pool['query']>) => {
      queries++;
      if (failNext) {
        failNext = false;
        return Promise.reject(new Error('connection lost'));
      }
      return (pool.query as (...a: unknown[]) => unknown)(...args);
    }) as pg.Pool['query'],
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = createPool(database.url, 2);
    await makePrograms(pool, [{ code: 'A', name: '정책자금', opensOn: '2025-03-01', closesOn: '2025-03-31' }]);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('reads a day once per TTL, shares concurrent misses, and sees edits after the TTL', async () => {
    let now = 0;
    const cache = createCatalogueCache(1000, () => now);
    queries = 0;
    const [a, b] = await Promise.all([cache.notClosedBy(db, '2025-03-14'), cache.notClosedBy(db, '2025-03-14')]);
    expect(a.map((p) => p.code)).toEqual(['A']);
    expect(b).toBe(a);
    expect(queries).toBe(1);

    await makePrograms(pool, [{ code: 'B', name: '수출바우처', opensOn: '2025-03-10', closesOn: '2025-04-30' }]);
    now = 999;
    expect((await cache.notClosedBy(db, '2025-03-14')).map((p) => p.code)).toEqual(['A']);
    now = 1000;
    expect((await cache.notClosedBy(db, '2025-03-14')).map((p) => p.code)).toEqual(['A', 'B']);
    // Another day is another catalogue (A has closed by April).
    expect((await cache.notClosedBy(db, '2025-04-01')).map((p) => p.code)).toEqual(['B']);
    expect(queries).toBe(3);
  });

  it('does not keep a failed read', async () => {
    const cache = createCatalogueCache(60_000, () => 0);
    queries = 0;
    failNext = true;
    await expect(cache.notClosedBy(db, '2025-03-14')).rejects.toThrow('connection lost');
    expect((await cache.notClosedBy(db, '2025-03-14')).length).toBeGreaterThan(0);
    expect(queries).toBe(2);
  });
});
