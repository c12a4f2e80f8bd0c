import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POP_RELATIONS, POP_RELATIONS_NOT_WARMED, prewarmPopReads } from '../src/db/prewarm';
import { POP_STATEMENTS } from '../src/repositories/pop';
import { startCrmApi } from '../src/server';
import { createTestDatabase, type TestDatabase } from '../src/testing';

/** Every relation an EXPLAIN (FORMAT JSON) plan reads: tables and the indexes scanned. */
function relationsOf(plan: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(plan)) for (const p of plan) relationsOf(p, into);
  else if (plan && typeof plan === 'object') {
    const node = plan as Record<string, unknown>;
    if (typeof node['Relation Name'] === 'string' && node['Node Type'] !== 'ModifyTable' && !node['Index Name'])
      into.add(node['Relation Name']);
    if (typeof node['Index Name'] === 'string') {
      into.add(node['Index Name']);
      // An index scan (not index-only) reads the table's pages too.
      if (node['Node Type'] !== 'Index Only Scan' && typeof node['Relation Name'] === 'string')
        into.add(node['Relation Name']);
    }
    for (const v of Object.values(node)) if (v && typeof v === 'object') relationsOf(v, into);
  }
  return into;
}

describe('warming the screen pop’s relations (real PostgreSQL)', () => {
  let database: TestDatabase;
  let db: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  it('lists every relation the pop’s statements read, as their generic plans read them at scale', async () => {
    const client = await db.connect();
    try {
      // The pop runs with generic plans (its pool's plan_cache_mode); on the test's small tables
      // the planner would scan them whole, which at national scale it never does.
      await client.query(`SET plan_cache_mode = force_generic_plan; SET enable_seqscan = off`);
      await client.query(`PREPARE pop_main AS ${POP_STATEMENTS.popMain}`);
      await client.query(`PREPARE pop_history AS ${POP_STATEMENTS.popHistory}`);
      const read = new Set<string>();
      for (const [statement, args] of [
        ['pop_main', `'0212345678', '1234567890', 'call-1', now(), 'u', 'u', 'service'`],
        ['pop_history', `'0212345678', '1234567890', current_date`],
      ] as const) {
        const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(
          `EXPLAIN (FORMAT JSON) EXECUTE ${statement}(${args})`,
        );
        relationsOf(rows[0]!['QUERY PLAN'], read);
      }
      read.delete('audit_log'); // written, not read
      const unlisted = [...read].filter(
        (r) => !(POP_RELATIONS as readonly string[]).includes(r) && !(r in POP_RELATIONS_NOT_WARMED),
      );
      expect(unlisted).toEqual([]);
      expect(read.size).toBeGreaterThan(10);
      // And nothing listed is gone (a migration renaming an index would leave it cold).
      const { rows } = await client.query<{ name: string }>(
        `SELECT name FROM unnest($1::text[]) AS name WHERE to_regclass(name) IS NULL`,
        [POP_RELATIONS],
      );
      expect(rows).toEqual([]);
    } finally {
      await client.query('DEALLOCATE ALL; RESET ALL').catch(() => undefined);
      client.release();
    }
  });

  it('reads them all, and a second process starting meanwhile leaves it to the first', async () => {
    await db.query(`INSERT INTO cohort_stats (cohort, companies, recipients, p50_total, p90_total, refreshed_at)
                    SELECT 'c' || n, 1, 1, 1, 1, now() FROM generate_series(1, 20000) AS n`);
    // The first takes the lock before it reads; hold it from here to see the second step aside.
    const holder = await db.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(13570002)');
      expect(await prewarmPopReads(database.url).done).toEqual({
        state: 'skipped',
        reason: 'another crm-api process is warming them',
      });
      await holder.query('SELECT pg_advisory_unlock(13570002)');
    } finally {
      holder.release();
    }
    const result = await prewarmPopReads(database.url).done;
    expect(result).toMatchObject({ state: 'done', relations: POP_RELATIONS.length });
    expect(result.state === 'done' && result.megabytes).toBeGreaterThan(0);
  });

  it('runs in the background of a crm-api started with it, which says when it is done', async () => {
    // Resolves with the line crm-api logs when the warming ends (the test's own timeout bounds it).
    let finished!: (line: { state?: string }) => void;
    const ended = new Promise<{ state?: string }>((resolve) => (finished = resolve));
    const logger = pino(
      { level: 'info' },
      {
        write: (text: string) => {
          const line = JSON.parse(text) as { msg: string; state?: string };
          if (line.msg.startsWith('screen pop relations')) finished(line);
        },
      },
    );
    const api = await startCrmApi({
      databaseUrl: database.url,
      authSecret: 'prewarm-test-secret-0123',
      popPrewarm: true,
      logger,
      staleCallCheckMs: 0,
    });
    try {
      expect(await ended).toMatchObject({ msg: 'screen pop relations warmed', state: 'done' });
    } finally {
      await api.close();
    }
  });

  it('stops between reads when told to', async () => {
    const run = prewarmPopReads(database.url);
    run.stop();
    expect(await run.done).toMatchObject({ state: 'stopped' });
  });
});
