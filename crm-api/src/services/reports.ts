import type { KpiReport, KpiReportQuery } from '@cc1357/contracts';
import { periodOf } from '../domain/kpiBuckets';
import { foldKpiReport } from '../domain/kpiReport';
import { agentStateFactsBetween } from '../repositories/agentStateChanges';
import { reportFactsMeeting } from '../repositories/reportFacts';
import { agentNames, CALL_SPAN_MS } from '../repositories/reports';
import type { ServiceContext } from './context';

/**
 * A KPI report over Seoul days `from`…`to`. It runs on the reports pool (its statement timeout
 * turns a runaway scan into a 503, and it never takes the connections pops and writes need).
 * It reads each call's report facts, kept at ingest (call_report_facts), not the raw events.
 */
export async function kpiReport(ctx: ServiceContext, q: KpiReportQuery): Promise<KpiReport> {
  const period = periodOf(q.from, q.to);
  const db = ctx.reportsDb ?? ctx.db;
  const facts = await reportFactsMeeting(db, period.start, period.end, CALL_SPAN_MS);
  // Per agent, staffed time from the recorded state changes (occupancy.v2), up to now.
  const now = ctx.now();
  const changes = q.by === 'agent' ? await agentStateFactsBetween(db, period.start, period.end) : null;
  const report = foldKpiReport(facts, {
    period: { ...period, from: q.from, to: q.to },
    interval: q.interval,
    by: q.by,
    serviceLevelSeconds: q.serviceLevelSeconds,
    shortAbandonSeconds: q.shortAbandonSeconds,
    ...(changes ? { staffing: { changes, now } } : {}),
  });
  if (q.by === 'agent')
    report.names = await agentNames(
      ctx.db,
      report.totals.map((r) => r.key),
    );
  return report;
}
