import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS_DIR, readMigrations } from '../src/db/migrate';
import { createPool } from '../src/db/pool';
import { writeTogether } from '../src/db/writeTogether';
import { eventsOfCalls, insertCallEvents } from '../src/repositories/callEvents';
import { decodeReportFacts, queueCallsWithoutReportFacts, reportFactWrites } from '../src/repositories/reportFacts';
import { backfillReportFacts, rebuildReportFacts, reportFactsOfCalls } from '../src/services/reportFacts';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { kpiTotalsOfFacts, storedKpiTotals } from './support/kpiTotals';
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
  it('gives every stored call the facts its ingest derives, and their KPI totals', async () => {
    const events = randomReportEvents(27, 300, new Date('2025-03-10T00:00:00+09:00'), 3);
    for (let i = 0; i < events.length; i += 500) await insertCallEvents(db, events.slice(i, i + 500));
    const callIds = [...new Set(events.map((e) => e.callId))].sort();

    await cp(join(MIGRATIONS_DIR, '027_call_report_facts.sql'), join(before, '027_call_report_facts.sql'));
    expect((await migrate(database.url, before)).applied).toEqual(['027_call_report_facts.sql']);
    expect(await pending()).toBe(300);
    // As a crm-api of migration 027 left it: every call's facts, no totals.
    await writeTogether(db, reportFactWrites(reportFactsOfCalls(callIds, await eventsOfCalls(db, callIds))));
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
    const totals = await storedKpiTotals(db);
    expect(totals.length).toBeGreaterThan(100);
    expect(totals).toEqual(kpiTotalsOfFacts(backfilled));

    // The same facts and totals as a rebuild from all the events under the ingest's code path.
    await db.query('TRUNCATE call_report_facts, kpi_totals');
    const client = await db.connect();
    try {
      await rebuildReportFacts(client, callIds);
    } finally {
      client.release();
    }
    expect(await storedFacts()).toEqual(backfilled);
    expect(await storedKpiTotals(db)).toEqual(totals);
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
