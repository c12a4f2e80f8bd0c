import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../src/db/pool';
import { createTestDatabase, type TestDatabase } from '../src/testing';

/** The two pools crm-api runs with (docs/decisions/0005): only the read-audit one commits asynchronously. */
describe('createPool', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  const setting = async (asyncCommit: boolean) => {
    const pool = createPool(database.url, 2, { asyncCommit });
    try {
      // Two sessions: the setting belongs to every connection of the pool, not only the first.
      const [a, b] = await Promise.all(
        [0, 1].map(() =>
          pool.query<{ v: string }>(`SELECT current_setting('synchronous_commit') AS v, pg_sleep(0.05)`),
        ),
      );
      return [a!.rows[0]!.v, b!.rows[0]!.v];
    } finally {
      await pool.end();
    }
  };

  it('commits synchronously by default', async () => {
    expect(await setting(false)).toEqual(['on', 'on']);
  });

  it('runs every session without JIT compilation', async () => {
    for (const asyncCommit of [false, true]) {
      const pool = createPool(database.url, 1, { asyncCommit });
      try {
        expect((await pool.query<{ v: string }>(`SELECT current_setting('jit') AS v`)).rows[0]!.v).toBe('off');
      } finally {
        await pool.end();
      }
    }
  });

  it('turns synchronous_commit off on every session of a read-audit pool', async () => {
    expect(await setting(true)).toEqual(['off', 'off']);
  });

  it('still makes an asynchronously committed row visible to other sessions at once', async () => {
    const pool = createPool(database.url, 1, { asyncCommit: true });
    const other = createPool(database.url, 1);
    try {
      await pool.query(`INSERT INTO audit_log (at, actor_id, actor_name, actor_role, action, subject_type, subject_id, details)
                        VALUES (now(), 'pool-test', 'pool-test', 'service', 'pool.test', 'caller', NULL, '{}')`);
      const { rows } = await other.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM audit_log WHERE actor_id = 'pool-test'`,
      );
      expect(rows[0]!.n).toBe('1');
    } finally {
      await Promise.all([pool.end(), other.end()]);
    }
  });

  it("stops a statement that runs past the pool's statement timeout, on every session, and keeps the pool usable", async () => {
    const pool = createPool(database.url, 2, { statementTimeoutMs: 200 });
    try {
      const slow = () => pool.query('SELECT pg_sleep(30)');
      const results = await Promise.allSettled([slow(), slow()]);
      for (const r of results) expect(r).toMatchObject({ status: 'rejected', reason: { code: '57014' } });
      expect((await pool.query<{ v: string }>(`SELECT current_setting('statement_timeout') AS v`)).rows[0]!.v).toBe(
        '200ms',
      );
    } finally {
      await pool.end();
    }
  });

  it('sets no statement timeout unless asked', async () => {
    const pool = createPool(database.url, 1);
    try {
      expect((await pool.query<{ v: string }>(`SELECT current_setting('statement_timeout') AS v`)).rows[0]!.v).toBe(
        '0',
      );
    } finally {
      await pool.end();
    }
  });
});
