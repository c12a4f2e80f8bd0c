import { backfillReportFacts, queueCallsWithoutReportFacts } from '@cc1357/crm-api/bench';
import type pg from 'pg';

/**
 * crm-api's month report (`GET /api/reports/kpi`, domain/kpiReport.ts) reads raw call events,
 * not call_records: the `reports` scenario derives the events a real call leaves (the report's
 * types only, crm-api/src/repositories/reports.ts REPORT_EVENT_TYPES) from each seeded record.
 * Answered: queue.entered → agent.offered (3 s before the connect, never before the queue) →
 * call.connected → call.ended → wrapUp.ended (30 s later); abandoned: queue.entered →
 * call.abandoned; IVR-only calls leave no report event. A month of calls at 10 M a year is
 * about 830 k calls and 3.5 M events. The report reads each call's facts (call_report_facts),
 * which the ingest keeps: `keepReportFacts` derives them for the seeded events through crm-api's
 * own backfill (the path a database upgraded to migration 027 takes at start).
 */
const SEED_EVENTS = `
  INSERT INTO call_events (id, call_id, type, at, queue, agent_id)
  SELECT r.call_id || '/' || e.type, r.call_id, e.type, e.at, r.queue, e.agent
    FROM call_records r
   CROSS JOIN LATERAL (VALUES
           ('queue.entered', r.queued_at, NULL::text),
           ('agent.offered', GREATEST(r.queued_at, r.connected_at - interval '3 seconds'), r.agent_id),
           ('call.connected', r.connected_at, r.agent_id),
           ('call.ended', CASE WHEN r.outcome = 'answered' THEN r.ended_at END, r.agent_id),
           ('wrapUp.ended', CASE WHEN r.outcome = 'answered' THEN r.ended_at + interval '30 seconds' END, r.agent_id),
           ('call.abandoned', CASE WHEN r.outcome = 'abandoned' THEN r.ended_at END, NULL::text)
         ) AS e(type, at, agent)
   WHERE e.at IS NOT NULL AND r.queue IS NOT NULL AND r.arrived_at >= $1 AND r.arrived_at < $2`;

/** Seeds the report events of every call record once (a month at a time); returns how many there are. */
export async function seedReportEvents(db: pg.Pool, log: (line: string) => void): Promise<number> {
  const count = async () =>
    Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM call_events')).rows[0]!.n);
  const present = await count();
  if (present > 0) return present;
  const { rows } = await db.query<{ lo: Date | null; hi: Date | null }>(
    'SELECT min(arrived_at) AS lo, max(arrived_at) AS hi FROM call_records',
  );
  const { lo, hi } = rows[0]!;
  if (!lo || !hi) return 0;
  log('seeding the report events of every call record …');
  const started = performance.now();
  const month = 31 * 24 * 3600 * 1000;
  for (let from = lo.getTime(); from <= hi.getTime(); from += month) {
    await db.query(SEED_EVENTS, [new Date(from), new Date(Math.min(from + month, hi.getTime() + 1))]);
  }
  await db.query('ANALYZE call_events');
  const seeded = await count();
  log(`seeded ${seeded} events in ${Math.round((performance.now() - started) / 100) / 10} s`);
  return seeded;
}

/**
 * Derives the report facts and KPI totals of every call whose events were seeded around the
 * ingest, and of the calls a migration listed again (028 lists every call for the totals);
 * returns how many.
 */
export async function keepReportFacts(db: pg.Pool, log: (line: string) => void): Promise<number> {
  await queueCallsWithoutReportFacts(db);
  const listed = Number(
    (await db.query<{ n: string }>('SELECT count(*)::text AS n FROM call_report_facts_pending')).rows[0]!.n,
  );
  if (listed === 0) return 0;
  log(`deriving the report facts and KPI totals of ${listed} calls (crm-api backfillReportFacts) …`);
  const started = performance.now();
  const done = await backfillReportFacts(db, {
    batch: 2000,
    log: (n) => {
      if (n % 100_000 < 2000) log(`  ${n} / ${listed}`);
    },
  });
  await db.query('ANALYZE call_report_facts');
  // Every call's backfill updated its interval rows again: the dead versions autovacuum would
  // clear in service are cleared now, before the timed reads.
  await db.query('VACUUM ANALYZE kpi_totals');
  log(`report facts of ${done} calls in ${Math.round((performance.now() - started) / 100) / 10} s`);
  return done;
}

/**
 * The agent state changes a month of those calls leaves (issue 16's occupancy.v2 reads them):
 * per agent and Seoul day a log-in at 00:00 and a log-out at 23:59:59, and per answered call the
 * moves telephony records — ringing at the offer, on a call at the connect, wrap-up at the end,
 * ready at the wrap-up's end. Seeded once, from the events of `from` … `to` (the report reads the
 * period and each agent's last change before it); returns how many changes there are.
 */
export async function seedAgentStateChanges(
  db: pg.Pool,
  range: { from: Date; to: Date },
  log: (line: string) => void,
): Promise<number> {
  const count = async () =>
    Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM agent_state_changes')).rows[0]!.n);
  const present = await count();
  if (present > 0) return present;
  log('seeding the agent state changes of the report month …');
  const started = performance.now();
  await db.query(
    `INSERT INTO agent_state_changes (id, agent_id, from_state, state, reason, call_id, at)
     SELECT a || '/' || d || '/' || s.kind, a::text, s.from_state, s.state, NULL, NULL, s.at
       FROM generate_series(1001, 1400) AS a,
            generate_series($1::timestamptz, $2::timestamptz - interval '1 day', interval '1 day') AS d
      CROSS JOIN LATERAL (VALUES ('in', 'offline', 'ready', d),
                                 ('out', 'ready', 'offline', d + interval '1 day' - interval '1 second')) AS s(kind, from_state, state, at)`,
    [range.from, range.to],
  );
  await db.query(
    `INSERT INTO agent_state_changes (id, agent_id, from_state, state, reason, call_id, at)
     SELECT e.id || '/s', e.agent_id, m.from_state, m.state, NULL, e.call_id, e.at
       FROM call_events e
       JOIN (VALUES ('agent.offered', 'ready', 'ringing'), ('call.connected', 'ringing', 'onCall'),
                    ('call.ended', 'onCall', 'wrapUp'), ('wrapUp.ended', 'wrapUp', 'ready')) AS m(type, from_state, state)
         ON m.type = e.type
      WHERE e.agent_id IS NOT NULL AND e.at >= $1 AND e.at < $2`,
    [range.from, range.to],
  );
  await db.query('ANALYZE agent_state_changes');
  const seeded = await count();
  log(`seeded ${seeded} agent state changes in ${Math.round((performance.now() - started) / 100) / 10} s`);
  return seeded;
}
