import { createPool, migrate } from '@cc1357/crm-api/bench';
import pg from 'pg';
import { knob } from '../args';
import { pct } from '../harness/floor';
import { timeKpiApi } from '../harness/kpi-api';
import { keepReportFacts, seedAgentStateChanges, seedReportEvents } from '../harness/report-events';
import type { Scenario } from '../types';

/**
 * `reports`: a month of KPIs per queue and per agent over `--reports-calls` call records
 * (crm-api's CDR table `call_records`, 10 M full, 100 k quick), spread over twelve months of
 * 2026, 7 queues, 400 agents. The database (cc1357_bench_reports_<N>) is seeded once with
 * generate_series and reused by later runs.
 *
 * The product's figure first:
 * - api_kpi_month_ms: crm-api's own month report, `GET /api/reports/kpi` (interval=month, by queue
 *   and by agent in parallel) over HTTP, which sums the KPI totals kept at ingest per Seoul day
 *   (kpi_totals, migration 028; harness/report-events.ts seeds the raw events from the records
 *   once and crm-api's own backfill derives each call's facts and adds its totals). When crm-api
 *   refuses (its reports pool stops a statement at 3 s: 503), the figure is left out and
 *   `detail.api.error` says why.
 * - api_kpi_day_15m_ms: the same route for one day (2026-03-16) of 15-minute rows (its 15-minute totals).
 * Per agent both read the agents' state changes for staffed time (occupancy.v2): the harness
 * seeds a log-in and log-out per agent and day and four moves per answered call around March.
 * - kpi_month_ms: the bench's own SQL over call_records and the index the product ships
 *   (call_records_arrived_idx), per queue and per agent: a floor of sorts, not the product.
 * Each = p50 of `--reports-runs` runs after one warm-up.
 */
const PER_QUEUE = `
  SELECT queue,
         count(*) AS offered,
         count(*) FILTER (WHERE outcome = 'answered') AS answered,
         count(*) FILTER (WHERE outcome = 'abandoned') AS abandoned,
         count(*) FILTER (WHERE connected_at - queued_at <= interval '20 seconds') AS answered_in_20s,
         avg(EXTRACT(EPOCH FROM connected_at - queued_at)) AS avg_wait_s,
         avg(EXTRACT(EPOCH FROM ended_at - connected_at)) AS avg_talk_s
    FROM call_records
   WHERE arrived_at >= $1 AND arrived_at < $2 AND queue IS NOT NULL
   GROUP BY queue`;
const PER_AGENT = `
  SELECT agent_id,
         count(*) AS answered,
         sum(EXTRACT(EPOCH FROM ended_at - connected_at)) AS talk_s,
         avg(EXTRACT(EPOCH FROM ended_at - connected_at)) AS avg_talk_s
    FROM call_records
   WHERE arrived_at >= $1 AND arrived_at < $2 AND outcome = 'answered'
   GROUP BY agent_id`;

const SEED = `
  INSERT INTO call_records (call_id, caller_number, queue, agent_id, arrived_at, queued_at, connected_at, ended_at, outcome)
  SELECT 'bench-' || i,
         '010' || lpad(((i * 48271) % 100000000)::text, 8, '0'),
         CASE WHEN o = 'ivrOnly' THEN NULL ELSE (ARRAY['fund','startup','merchant','rnd','export','hr','general'])[1 + i % 7] END,
         CASE WHEN o = 'answered' THEN (1001 + (i * 7919) % 400)::text END,
         a,
         CASE WHEN o = 'ivrOnly' THEN NULL ELSE a + interval '40 seconds' END,
         CASE WHEN o = 'answered' THEN a + interval '40 seconds' + ((i * 31) % 90) * interval '1 second' END,
         a + interval '40 seconds' + ((i * 31) % 90) * interval '1 second' + (60 + (i * 17) % 600) * interval '1 second',
         o
    FROM (SELECT i,
                 timestamptz '2026-01-01 00:00:00+09' + (i::double precision / $2) * interval '365 days' AS a,
                 CASE WHEN i % 20 = 0 THEN 'ivrOnly' WHEN i % 10 = 1 THEN 'abandoned' ELSE 'answered' END AS o
            FROM generate_series($1::bigint, $1::bigint + $3::bigint - 1) AS i) s`;

export const reports: Scenario = {
  name: 'reports',
  async run(ctx) {
    const calls = knob(ctx, 'reports-calls', { quick: 100_000, full: 10_000_000 });
    const runs = knob(ctx, 'reports-runs', { quick: 5, full: 10 });
    const url = `postgres://postgres@127.0.0.1:5432/cc1357_bench_reports_${calls}`;
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    const exists = (
      await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [`cc1357_bench_reports_${calls}`])
    ).rowCount;
    if (!exists) await admin.query(`CREATE DATABASE cc1357_bench_reports_${calls}`);
    await admin.end();
    await migrate(url);
    const db = createPool(url, 2);
    try {
      const present = Number(
        (await db.query<{ n: string }>('SELECT count(*)::text AS n FROM call_records')).rows[0]!.n,
      );
      let seedSeconds = 0;
      if (present !== calls) {
        if (present > 0) throw new Error(`${url} holds ${present} call records, not ${calls}: drop it`);
        ctx.log(`seeding ${calls} call records into ${url} …`);
        const started = performance.now();
        const batch = 1_000_000;
        for (let from = 0; from < calls; from += batch) {
          await db.query(SEED, [from, calls, Math.min(batch, calls - from)]);
          if (calls > batch) ctx.log(`  ${Math.min(calls, from + batch)} / ${calls}`);
        }
        await db.query('ANALYZE call_records');
        seedSeconds = Math.round((performance.now() - started) / 100) / 10;
        ctx.log(`seeded in ${seedSeconds} s`);
      }
      // March 2026 (Asia/Seoul), one of the twelve months.
      const month = [new Date('2026-03-01T00:00:00+09:00'), new Date('2026-04-01T00:00:00+09:00')];
      const once = async () => {
        const t = performance.now();
        const [q, a] = await Promise.all([db.query(PER_QUEUE, month), db.query(PER_AGENT, month)]);
        return { ms: performance.now() - t, queues: q.rowCount ?? 0, agents: a.rowCount ?? 0 };
      };
      const warm = await once();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push((await once()).ms);
      const inMonth = Number(
        (
          await db.query<{ n: string }>(
            'SELECT count(*)::text AS n FROM call_records WHERE arrived_at >= $1 AND arrived_at < $2',
            month,
          )
        ).rows[0]!.n,
      );
      ctx.log(
        `month of KPIs over ${calls} records (${inMonth} in the month): p50 ${pct(times, 0.5)} ms, max ${pct(times, 1)} ms`,
      );
      const events = await seedReportEvents(db, ctx.log);
      await keepReportFacts(db, ctx.log);
      // A few days either side of March: each agent's state before the month is read too.
      const agentChanges = await seedAgentStateChanges(
        db,
        { from: new Date('2026-02-25T00:00:00+09:00'), to: new Date('2026-04-03T00:00:00+09:00') },
        ctx.log,
      );
      // The product's figure: crm-api's month report, then a day of 15-minute rows (both summed
      // from kpi_totals; the default thresholds are on its edges).
      const [api, day] = await timeKpiApi(
        url,
        [
          { from: '2026-03-01', to: '2026-03-31', interval: 'month' },
          { from: '2026-03-16', to: '2026-03-16', interval: '15m' },
        ],
        runs,
      );
      for (const [name, t] of [
        ['a month by queue + by agent', api!],
        ['a day of 15-minute rows by queue + by agent', day!],
      ] as const) {
        if (t.error) ctx.log(`GET /api/reports/kpi (${name}) refused: ${t.error}`);
        else
          ctx.log(
            `GET /api/reports/kpi, ${name} over ${events} events: p50 ${pct(t.times, 0.5)} ms, max ${pct(t.times, 1)} ms`,
          );
      }
      return {
        figures: {
          calls,
          ...(api!.error ? {} : { api_kpi_month_ms: pct(api!.times, 0.5) }),
          ...(day!.error ? {} : { api_kpi_day_15m_ms: pct(day!.times, 0.5) }),
          kpi_month_ms: pct(times, 0.5),
        },
        detail: {
          api: {
            route: 'GET /api/reports/kpi?interval=month&by=queue|agent (in parallel), summed from kpi_totals',
            events,
            agentStateChanges: agentChanges,
            queues: api!.queues,
            agents: api!.agents,
            maxMs: api!.times.length ? pct(api!.times, 1) : null,
            error: api!.error,
          },
          apiDay15m: {
            route: 'GET /api/reports/kpi?from=2026-03-16&to=2026-03-16&interval=15m&by=queue|agent (in parallel)',
            agentRows: day!.agentRows,
            maxMs: day!.times.length ? pct(day!.times, 1) : null,
            error: day!.error,
          },
          recordsInMonth: inMonth,
          queues: warm.queues,
          agents: warm.agents,
          runs,
          maxMs: pct(times, 1),
          seedSeconds,
          query: 'kpi_month_ms: bench-owned SQL over call_records; api_kpi_month_ms: crm-api GET /api/reports/kpi',
        },
      };
    } finally {
      await db.end();
    }
  },
};
