import type { CallEventV1 } from '@cc1357/contracts';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/db/pool';
import { combined, writeTogether, type WritePart } from '../src/db/writeTogether';
import { insertCallEvents, lockCalls, lockCallsAndInsertEvents } from '../src/repositories/callEvents';
import { createTestDatabase, type TestDatabase } from '../src/testing';

const insertInto = (table: string, name: string, value: number): WritePart => ({
  name,
  sql: `INSERT INTO ${table} (n) SELECT unnest($1::int[])`,
  params: [[value]],
});

describe('combined: parts as the CTEs of one statement', () => {
  it('numbers each part’s placeholders after the parts before it, and names the text', () => {
    const { name, sql, params } = combined([
      { name: 'deleteFromT', sql: 'DELETE FROM t WHERE n = $1 OR n = $2', params: [1, 2] },
      { name: 'insertIntoU', sql: 'INSERT INTO u (n) VALUES ($1)', params: [3] },
    ]);
    expect(name).toBe('deleteFromT+insertIntoU');
    expect(sql).toBe(
      'WITH w0 AS (DELETE FROM t WHERE n = $1 OR n = $2),\nw1 AS (INSERT INTO u (n) VALUES ($3))\nSELECT 1',
    );
    expect(params).toEqual([1, 2, 3]);
  });

  it('refuses a name that comes back with another text', () => {
    combined([
      { name: 'sameName', sql: 'DELETE FROM t', params: [] },
      { name: 'other', sql: 'DELETE FROM u', params: [] },
    ]);
    expect(() =>
      combined([
        { name: 'sameName', sql: 'DELETE FROM v', params: [] },
        { name: 'other', sql: 'DELETE FROM u', params: [] },
      ]),
    ).toThrow('write parts sameName+other came with another SQL text than before');
  });

  it('refuses a part that uses a placeholder it has no parameter for', () => {
    expect(() => combined([{ name: 'bad', sql: 'DELETE FROM t WHERE n = $2', params: [1] }])).toThrow(
      'write part bad uses $2 but has 1 parameters',
    );
  });

  it('keeps a long name within PostgreSQL’s 63 bytes, different texts apart', () => {
    const parts = (last: string) =>
      ['aFirstPartWithALongName', 'aSecondPartWithALongName', 'aThirdPartWithALongName', last].map((name) => ({
        name,
        sql: 'DELETE FROM t',
        params: [],
      }));
    const one = combined(parts('oneLastPart')).name;
    const two = combined(parts('anotherLastPart')).name;
    expect(one.length).toBeLessThanOrEqual(63);
    expect(two.length).toBeLessThanOrEqual(63);
    expect(one).not.toBe(two);
    expect(combined(parts('oneLastPart')).name).toBe(one);
  });
});

describe('writeTogether and lockCallsAndInsertEvents (real PostgreSQL)', () => {
  let database: TestDatabase;
  let db: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Pool({ connectionString: database.url, max: 4 });
    await db.query('CREATE TABLE wt_a (n int PRIMARY KEY); CREATE TABLE wt_b (n int PRIMARY KEY)');
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  it('writes every part in one statement: all of them or, when one fails, none', async () => {
    await writeTogether(db, [insertInto('wt_a', 'a', 1), insertInto('wt_b', 'b', 1)]);
    const rows = async () =>
      (await db.query<{ t: string }>(`SELECT 'a' AS t FROM wt_a UNION ALL SELECT 'b' FROM wt_b`)).rows;
    expect(await rows()).toEqual([{ t: 'a' }, { t: 'b' }]);
    // b's duplicate key fails the statement, so a's new row is not kept either (no transaction around it).
    await expect(writeTogether(db, [insertInto('wt_a', 'a', 2), insertInto('wt_b', 'b', 1)])).rejects.toThrow(
      /duplicate key/,
    );
    expect(await rows()).toEqual([{ t: 'a' }, { t: 'b' }]);
  });

  it('takes the calls’ locks before it inserts their events', async () => {
    const event: CallEventV1 = {
      id: 'lock-first-1',
      callId: 'lock-first',
      type: 'call.arrived',
      at: '2026-01-01T00:00:00Z',
      data: {},
    };
    const holder = await db.connect();
    const other = await db.connect();
    try {
      // Another ingest holds the call's lock.
      await holder.query('BEGIN');
      await lockCalls(holder, ['lock-first']);
      const waiting = inTransaction(db, (tx) => lockCallsAndInsertEvents(tx, ['lock-first'], [event]), 'BEGIN');
      // Wait until a backend is queued on an advisory lock (that is the statement above).
      for (;;) {
        const { rows } = await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        );
        if (Number(rows[0]!.n) > 0) break;
        await new Promise((r) => setImmediate(r));
      }
      // Had the waiting statement inserted the event before asking for the lock, this insert of
      // the same id would wait for its transaction, which waits for the holder: it would not
      // return (statement_timeout turns that into a failure). It returns: the id was free.
      await other.query(`SET statement_timeout = '20s'`);
      expect(await insertCallEvents(other, [event])).toEqual(['lock-first-1']);
      await holder.query('COMMIT');
      // The waiting ingest then finds the event stored: a duplicate, not a new row.
      expect(await waiting).toEqual([]);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      holder.release();
      other.release();
    }
  });
});
