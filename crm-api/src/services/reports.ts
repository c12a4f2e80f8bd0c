import type { KpiReport, KpiReportQuery } from '@cc1357/contracts';
import { edgeIndex, SHORT_ABANDON_EDGES, SL_EDGES } from '../domain/kpiContributions';
import { periodOf } from '../domain/kpiBuckets';
import { foldKpiReport, kpiReportOfCells, type KpiReportOptions } from '../domain/kpiReport';
import { agentStaffingBetween } from '../repositories/agentStateChanges';
import { kpiTotalsCells } from '../repositories/kpiTotals';
import { reportFactsMeeting } from '../repositories/reportFacts';
import { agentNames, CALL_SPAN_MS } from '../repositories/reports';
import type { ServiceContext } from './context';

/**
 * A KPI report over Seoul days `from`…`to`. It runs on the reports pool (its statement timeout
 * turns a runaway scan into a 503, and it never takes the connections pops and writes need).
 *
 * It sums the per-interval totals kept at ingest (kpi_totals, domain/kpiContributions.ts): a
 * month is one GROUP BY over its month rows (a part of a month, its day rows), whatever the
 * month's calls. The totals keep service level and short abandons at fixed threshold edges
 * only; a report whose T or S is off the edges (e.g. T = 37 s) instead folds each call's report
 * facts (call_report_facts) — the same figures, its cost growing with the period's calls
 * (seconds for a busy month).
 */
export async function kpiReport(ctx: ServiceContext, q: KpiReportQuery): Promise<KpiReport> {
  const period = periodOf(q.from, q.to);
  const db = ctx.reportsDb ?? ctx.db;
  const slIndex = edgeIndex(SL_EDGES, q.serviceLevelSeconds);
  const shortIndex = edgeIndex(SHORT_ABANDON_EDGES, q.shortAbandonSeconds);
  // Per agent, staffed time from the recorded state changes (occupancy.v2), up to now: only the
  // changes where it can start or stop, not a month of every ring and answer, walked in SQL.
  const now = ctx.now();
  const [cells, byAgent] = await Promise.all([
    slIndex !== null && shortIndex !== null
      ? kpiTotalsCells(db, { grouping: q.by, interval: q.interval, ...period, slIndex, shortIndex })
      : null,
    q.by === 'agent' ? agentStaffingBetween(db, period.start, period.end, now) : null,
  ]);
  const opts: KpiReportOptions = {
    period: { ...period, from: q.from, to: q.to },
    interval: q.interval,
    by: q.by,
    serviceLevelSeconds: q.serviceLevelSeconds,
    shortAbandonSeconds: q.shortAbandonSeconds,
    ...(byAgent ? { staffing: { byAgent } } : {}),
  };
  const report = cells
    ? kpiReportOfCells(cells, opts)
    : foldKpiReport(await reportFactsMeeting(db, period.start, period.end, CALL_SPAN_MS), opts);
  if (q.by === 'agent')
    report.names = await agentNames(
      ctx.db,
      report.totals.map((r) => r.key),
    );
  return report;
}
