import {
  type ConsultationPivot,
  type ConsultationPivotQuery,
  type FcrReport,
  type FcrReportQuery,
} from '@cc1357/contracts';
import { periodOf } from '../domain/kpiBuckets';
import { fcrRowsOf, orderKeys, pivotOf, storedDimension } from '../domain/consultationAnalysis';
import { counselorNames, fcrCounts, pivotCells } from '../repositories/consultationAnalysis';
import type { ServiceContext } from './context';

/**
 * What callers ask about (issue 16). Both run on the reports pool, like the KPI report: its
 * statement timeout turns a runaway scan into a 503 and it never takes the connections pops
 * and writes need.
 */

export async function consultationPivot(ctx: ServiceContext, q: ConsultationPivotQuery): Promise<ConsultationPivot> {
  const period = periodOf(q.from, q.to);
  const cells = await pivotCells(
    ctx.reportsDb ?? ctx.db,
    period.start,
    period.end,
    storedDimension(q.rows),
    storedDimension(q.cols),
  );
  return pivotOf(cells, q);
}

export async function fcrReport(ctx: ServiceContext, q: FcrReportQuery): Promise<FcrReport> {
  const period = periodOf(q.from, q.to);
  const groups = await fcrCounts(ctx.reportsDb ?? ctx.db, period.start, period.end, q.by, q.windowDays);
  const order = (keys: string[]) =>
    q.by === 'queue'
      ? orderKeys('queue', keys)
      : q.by === 'category'
        ? orderKeys('category', keys)
        : keys.sort((a, b) => Number(a) - Number(b));
  const { rows, total } = fcrRowsOf(
    groups.filter((g) => g.contacts > 0),
    order,
  );
  return {
    from: q.from,
    to: q.to,
    by: q.by,
    windowDays: q.windowDays,
    names:
      q.by === 'counselor'
        ? await counselorNames(
            ctx.db,
            rows.map((r) => r.key),
          )
        : {},
    rows,
    total,
    unidentified: groups.reduce((a, g) => a + g.unidentified, 0),
  };
}
