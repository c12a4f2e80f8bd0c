import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS_DIR, readMigrations } from '../src/db/migrate';
import { createPool } from '../src/db/pool';
import { kpiTotalsDelta } from '../src/domain/kpiContributions';
import type { CallReportFacts } from '../src/domain/kpiReport';
import { eventsOfCalls, insertCallEvents } from '../src/repositories/callEvents';
import { decodeReportFacts, queueCallsWithoutReportFacts, replaceReportFacts } from '../src/repositories/reportFacts';
import { backfillReportFacts, rebuildReportFacts, reportFactsOfCalls } from '../src/services/reportFacts';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { randomReportEvents } from './support/reportEvents';

/**
 * 027_call_report_facts lists the calls stored before it; crm-api's start derives their facts
 * (backfillReportFacts) as the ingest would. 028_kpi_totals lists every call again (the facts
 * stored so far were never added to the totals): the same backfill derives their facts and adds
 * their KPI totals.
 */
describe('migrations 027 and 028: report facts and KPI totals backfilled from call_events', () => {
  let database: TestDatabase;
  let db: pg.Pool;
  let before: string;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    db = createPool(database.url, 3);
    before = await mkdtemp(join(tmpdir(), 'crm-migrations-'));
    for (const m of await readMigrations()) {
      if (m.version < '027') await cp(join(MIGRATIONS_DIR, m.name), join(before, m.name));
    }
    await migrate(database.url, before);
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
    await rm(before, { recursive: true, force: true });
  });

  const storedFacts = async () => {
    const { rows } = await db.query<{ callId: string; facts: Parameters<typeof decodeReportFacts>[1] }>(
      `SELECT call_id AS "callId", facts FROM call_report_facts ORDER BY call_id`,
    );
    return rows.map((r) => decodeReportFacts(r.callId, r.facts));
  };

  const pending = async () => Number((await db.query('SELECT count(*) FROM call_report_facts_pending')).rows[0].count);
  /** kpi_totals' rows that count something, as kpiTotalsDelta gives them (a few columns). */
  const storedTotals = async () => {
    const { rows } = await db.query<{ id: string; touches: string; offered: string; busyMs: string }>(
      `SELECT span || '|' || (extract(epoch FROM start_at) * 1000)::bigint || '|' || grouping || '|' || key AS id,
              touches, offered, busy_ms AS "busyMs"
         FROM kpi_totals WHERE touches <> 0 ORDER BY 1`,
    );
    return rows.map((r) => ({
      id: r.id,
      touches: Number(r.touches),
      offered: Number(r.offered),
      busyMs: Number(r.busyMs),
    }));
  };
  const totalsOf = (facts: readonly CallReportFacts[]) =>
    kpiTotalsDelta([], facts)
      .map((r) => ({
        id: `${r.span}|${r.start}|${r.grouping}|${r.key}`,
        touches: r.totals.touches,
        offered: r.totals.offered,
        busyMs: r.totals.busyMs,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  it('gives every stored call the facts its ingest derives, and their KPI totals', async () => {
    const events = randomReportEvents(27, 300, new Date('2025-03-10T00:00:00+09:00'), 3);
    for (let i = 0; i < events.length; i += 500) await insertCallEvents(db, events.slice(i, i + 500));
    const callIds = [...new Set(events.map((e) => e.callId))].sort();

    await cp(join(MIGRATIONS_DIR, '027_call_report_facts.sql'), join(before, '027_call_report_facts.sql'));
    expect((await migrate(database.url, before)).applied).toEqual(['027_call_report_facts.sql']);
    expect(await pending()).toBe(300);
    // As a crm-api of migration 027 left it: every call's facts, no totals.
    await replaceReportFacts(db, reportFactsOfCalls(callIds, await eventsOfCalls(db, callIds)));
    await db.query('DELETE FROM call_report_facts_pending');
    const facts027 = await storedFacts();

    await cp(join(MIGRATIONS_DIR, '028_kpi_totals.sql'), join(before, '028_kpi_totals.sql'));
    expect((await migrate(database.url, before)).applied).toEqual(['028_kpi_totals.sql']);
    expect(await pending()).toBe(300);
    expect(await storedFacts()).toEqual([]);

    // Two backfills at once (two crm-api instances starting) share the calls between them.
    const counts = await Promise.all([backfillReportFacts(db, { batch: 40 }), backfillReportFacts(db, { batch: 40 })]);
    expect(counts[0] + counts[1]).toBe(300);
    expect(await pending()).toBe(0);
    const backfilled = await storedFacts();
    expect(backfilled.map((f) => f.callId)).toEqual(callIds);
    expect(backfilled).toEqual(facts027);
    const totals = await storedTotals();
    expect(totals.length).toBeGreaterThan(100);
    expect(totals).toEqual(totalsOf(backfilled));

    // The same facts and totals as a rebuild from all the events under the ingest's code path.
    await db.query('TRUNCATE call_report_facts, kpi_totals');
    const client = await db.connect();
    try {
      await rebuildReportFacts(client, callIds);
    } finally {
      client.release();
    }
    expect(await storedFacts()).toEqual(backfilled);
    expect(await storedTotals()).toEqual(totals);
    expect(backfilled.some((f) => f.handlings.length > 0)).toBe(true);

    // Nothing left: a start costs one empty query. Events written around the ingest are listed again.
    expect(await backfillReportFacts(db)).toBe(0);
    await db.query(`DELETE FROM call_report_facts WHERE call_id IN ('k1', 'k2')`);
    expect(await queueCallsWithoutReportFacts(db)).toBe(2);
    const done: number[] = [];
    expect(await backfillReportFacts(db, { log: (n) => done.push(n) })).toBe(2);
    expect(done).toEqual([2]);
    expect(await storedFacts()).toEqual(backfilled);
  });
});
