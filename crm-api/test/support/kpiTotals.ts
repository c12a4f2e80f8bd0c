import type { Queryable } from '../../src/db/pool';
import { kpiTotalsDelta } from '../../src/domain/kpiContributions';
import type { CallReportFacts } from '../../src/domain/kpiReport';

/** A kpi_totals row by its key, with the counts the tests compare. */
export interface KpiTotalsSample {
  id: string;
  touches: number;
  offered: number;
  answered: number;
  handled: number;
  handleMs: number;
  busyMs: number;
}

const byId = (a: KpiTotalsSample, b: KpiTotalsSample) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** kpi_totals' rows that count something, in their keys' code-unit order. */
export async function storedKpiTotals(db: Queryable): Promise<KpiTotalsSample[]> {
  const { rows } = await db.query<Record<Exclude<keyof KpiTotalsSample, 'id'>, string> & { id: string }>(
    `SELECT span || '|' || (extract(epoch FROM start_at) * 1000)::bigint || '|' || grouping || '|' || key AS id,
            touches, offered, answered, handled, handle_ms AS "handleMs", busy_ms AS "busyMs"
       FROM kpi_totals WHERE touches <> 0`,
  );
  return rows
    .map((r) => ({
      id: r.id,
      touches: Number(r.touches),
      offered: Number(r.offered),
      answered: Number(r.answered),
      handled: Number(r.handled),
      handleMs: Number(r.handleMs),
      busyMs: Number(r.busyMs),
    }))
    .sort(byId);
}

/** What kpi_totals holds when it is the sum of these calls' facts and nothing else (same shape). */
export function kpiTotalsOfFacts(facts: readonly CallReportFacts[]): KpiTotalsSample[] {
  return kpiTotalsDelta([], facts)
    .filter((r) => r.totals.touches !== 0)
    .map((r) => ({
      id: `${r.span}|${r.start}|${r.grouping}|${r.key}`,
      touches: r.totals.touches,
      offered: r.totals.offered,
      answered: r.totals.answered,
      handled: r.totals.handled,
      handleMs: r.totals.handleMs,
      busyMs: r.totals.busyMs,
    }))
    .sort(byId);
}
