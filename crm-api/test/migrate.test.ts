import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../src/db/migrate';
import { createPool } from '../src/db/pool';
import { createTestDatabase, type TestDatabase } from '../src/testing';

describe('migrations', () => {
  let database: TestDatabase;
  let db: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    db = createPool(database.url, 2);
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  it('apply on an empty database, concurrently from two processes, without racing', async () => {
    const files = await readMigrations();
    expect(files.map((f) => f.version)).toEqual(files.map((f) => f.version).sort());
    // Two "processes" starting at once: the advisory lock makes one wait, the other applies.
    const [a, b] = await Promise.all([migrate(database.url), migrate(database.url)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(files.map((f) => f.name));
    const { rows } = await db.query('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(files.map((f) => f.version));
  });

  it('are idempotent: a second run applies nothing', async () => {
    const again = await migrate(database.url);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied.length).toBe((await readMigrations()).length);
  });

  it('refuse an applied migration whose text changed', async () => {
    await db.query(`UPDATE schema_migrations SET checksum = 'edited' WHERE version = '001'`);
    await expect(migrate(database.url)).rejects.toThrow(/001_users\.sql was changed/);
    const { rows } = await db.query<{ checksum: string }>(
      `SELECT checksum FROM schema_migrations WHERE version = '001'`,
    );
    const original = (await readMigrations())[0]!.checksum;
    await db.query(`UPDATE schema_migrations SET checksum = $1 WHERE version = '001'`, [original]);
    expect(rows[0]!.checksum).toBe('edited');
  });

  it('call_events is append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    await db.query(`INSERT INTO call_events (id, call_id, type, at) VALUES ('e1', 'c1', 'call.arrived', now())`);
    await expect(db.query(`UPDATE call_events SET type = 'call.ended' WHERE id = 'e1'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM call_events WHERE id = 'e1'`)).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE call_events')).rejects.toThrow(/append-only/);
    const { rows } = await db.query(`SELECT type FROM call_events WHERE id = 'e1'`);
    expect(rows).toEqual([{ type: 'call.arrived' }]);
  });

  it('the database refuses a 사업자등록번호 with a bad checksum', async () => {
    const insert = (n: string) =>
      db.query(
        `INSERT INTO companies (biz_reg_no, name, representative, region, ksic_code, ksic_label, size_class, employees, founded_on)
         VALUES ($1, '검증기업', '김대표', '경기도', 'C10', '식료품 제조업', '소상공인', 3, '2020-01-01')`,
        [n],
      );
    await expect(insert('2208162518')).rejects.toThrow(/biz_reg_no/);
    await expect(insert('2208162517')).resolves.toBeDefined();
  });
});
