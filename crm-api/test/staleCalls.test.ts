import type { CallEventV1 } from '@cc1357/contracts';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaleCallJob } from '../src/jobs/staleCalls';
import { closeStaleCalls } from '../src/services/staleCalls';
import { inTransaction } from '../src/db/pool';
import { eventsOfCalls } from '../src/repositories/callEvents';
import { storeCallEvents } from '../src/services/callEvents';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { decodeReportFacts } from '../src/repositories/reportFacts';
import { reportFactsOfCalls } from '../src/services/reportFacts';
import { kpiTotalsOfFacts, storedKpiTotals } from './support/kpiTotals';

/** The stale call reconciler on a real PostgreSQL: open records closed, closed ones untouched, once. */
const NOW = new Date('2026-12-02T03:00:00.000Z');
const at = (minutesAgo: number) => new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();
const log = pino({ level: 'silent' });

describe('closeStaleCalls (real PostgreSQL)', () => {
  let database: TestDatabase;
  let db: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    const ev = (callId: string, type: CallEventV1['type'], minutesAgo: number, extra: Partial<CallEventV1> = {}) => ({
      id: `${callId}-${type}`,
      callId,
      type,
      at: at(minutesAgo),
      data: {},
      ...extra,
    });
    const events: CallEventV1[] = [
      // talking when Redis lost the call: connected 300 min ago, nothing since
      ev('talked', 'call.arrived', 310),
      ev('talked', 'queue.entered', 305, { queue: 'fund' }),
      ev('talked', 'call.connected', 300, { queue: 'fund', agentId: '1001' }),
      // waiting in the queue, silent for 5 h
      ev('waited', 'call.arrived', 301),
      ev('waited', 'queue.entered', 300, { queue: 'fund' }),
      // in progress and recent: must stay open
      ev('recent', 'call.arrived', 3),
      ev('recent', 'queue.entered', 2, { queue: 'fund' }),
      // ended normally long ago: untouched
      ev('done', 'call.arrived', 400),
      ev('done', 'call.ended', 399),
    ];
    // Stored as the ingest stores them: events, records, legs, report facts and KPI totals.
    const ids = ['talked', 'waited', 'recent', 'done'];
    await inTransaction(db, (tx) => storeCallEvents(tx, ids, events));
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
  });

  const record = async (callId: string) =>
    (
      await db.query<{ outcome: string; ended_at: Date | null }>(
        'SELECT outcome, ended_at FROM call_records WHERE call_id = $1',
        [callId],
      )
    ).rows[0];

  it('closes only the records silent for longer than any call, at their last event, marked reconciled', async () => {
    const closed = await closeStaleCalls({ db, log }, { now: NOW, staleAfterMs: 4 * 3600_000 });
    expect(closed.map((c) => [c.callId, c.reason]).sort()).toEqual([
      ['talked', 'stale'],
      ['waited', 'stale'],
    ]);
    expect(await record('talked')).toEqual({ outcome: 'answered', ended_at: new Date(at(300)) });
    expect(await record('waited')).toEqual({ outcome: 'ended', ended_at: new Date(at(300)) });
    expect((await record('recent'))?.ended_at).toBeNull();
    expect(await record('done')).toEqual({ outcome: 'ivrOnly', ended_at: new Date(at(399)) });
    const { rows } = await db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM call_events WHERE call_id = 'talked' AND type = 'call.ended'`,
    );
    expect(rows).toEqual([{ data: { reconciled: true, reason: 'stale', closedAt: NOW.toISOString() } }]);
    // The report facts follow, rebuilt from all the call's events with the closure.
    const facts = await db.query<{ facts: Parameters<typeof decodeReportFacts>[1] }>(
      `SELECT facts FROM call_report_facts WHERE call_id = 'talked'`,
    );
    expect(facts.rows.map((r) => decodeReportFacts('talked', r.facts))).toEqual(
      reportFactsOfCalls(['talked'], await eventsOfCalls(db, ['talked'])),
    );
    // And the KPI totals moved with them: still the sum of every call's current facts.
    expect(await storedKpiTotals(db)).toEqual(
      kpiTotalsOfFacts(
        reportFactsOfCalls(
          ['talked', 'waited', 'recent', 'done'],
          await eventsOfCalls(db, ['talked', 'waited', 'recent', 'done']),
        ),
      ),
    );
  });

  it('closes a recent call the PBX side no longer has, and a second pass or process closes nothing twice', async () => {
    const job = startStaleCallJob({ db, log, now: () => NOW, everyMs: 3600_000, staleAfterMs: 4 * 3600_000 });
    try {
      expect(await job.runOnce()).toBe(0); // 'recent' is recent and nobody said it is gone
    } finally {
      job.close();
    }
    const [first, second] = await Promise.all([
      closeStaleCalls({ db, log }, { now: NOW, staleAfterMs: 4 * 3600_000, live: new Set() }),
      closeStaleCalls({ db, log }, { now: NOW, staleAfterMs: 4 * 3600_000, live: new Set() }),
    ]);
    expect([...first!, ...second!].every((c) => c.callId === 'recent' && c.reason === 'notOnPbx')).toBe(true);
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM call_events WHERE call_id = 'recent' AND type = 'call.ended'`,
    );
    expect(Number(rows[0]!.n)).toBe(1);
    expect((await record('recent'))?.ended_at).toEqual(new Date(at(2)));
    expect(await closeStaleCalls({ db, log }, { now: NOW, staleAfterMs: 4 * 3600_000, live: new Set() })).toEqual([]);
  });
});
