import { KPI_INTERVALS, type CallEventV1, type KpiGrouping, type KpiInterval } from '@cc1357/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARRAY_TOTALS,
  cellOfTotals,
  emptyTotals,
  kpiContributionsOf,
  kpiTotalsDelta,
  SCALAR_TOTALS,
  SHORT_ABANDON_EDGES,
  SL_EDGES,
  spanOf,
  type KpiTotalSpan,
  type KpiTotalsRow,
} from '../../src/domain/kpiContributions';
import { bucketStart, periodOf } from '../../src/domain/kpiBuckets';
import {
  foldKpiReport,
  kpiReportOfCells,
  reportFactsOfEvents,
  type CallReportFacts,
  type KpiCell,
  type KpiReportOptions,
  type ReportEventFact,
} from '../../src/domain/kpiReport';
import { randomReportEvents, shuffled } from '../support/reportEvents';

/**
 * Issue 17: the report summed from per-interval contributions equals the fold over the calls'
 * facts, for any calls, period, interval, grouping and thresholds on the edges; and moving the
 * totals by each ingest's difference (old facts out, new in) ends on the totals of the final
 * facts whatever the order the events came in.
 */

const FROM = new Date('2026-03-09T00:00:00+09:00');
const toFacts = (events: readonly CallEventV1[]): ReportEventFact[] =>
  events.map((e) => ({
    id: e.id,
    callId: e.callId,
    type: e.type,
    at: new Date(e.at),
    queue: e.queue ?? null,
    agentId: e.agentId ?? null,
    data: e.data,
  }));

/** What repositories/kpiTotals.ts kpiTotalsCells does in SQL (the span, the buckets, the sums), over rows in memory. */
function cellsOfRows(
  rows: readonly KpiTotalsRow[],
  q: { grouping: KpiGrouping; interval: KpiInterval; start: Date; end: Date; slIndex: number; shortIndex: number },
): KpiCell[] {
  const whole =
    bucketStart(q.start, 'month').getTime() === q.start.getTime() &&
    bucketStart(q.end, 'month').getTime() === q.end.getTime();
  const span = q.interval === 'month' && !whole ? 'day' : spanOf(q.interval);
  const sums = new Map<string, { start: Date; key: string; totals: ReturnType<typeof emptyTotals> }>();
  for (const r of rows) {
    if (r.span !== span || r.grouping !== q.grouping || r.start < q.start.getTime() || r.start >= q.end.getTime())
      continue;
    const start = bucketStart(new Date(r.start), q.interval);
    const id = `${start.getTime()}|${r.key}`;
    const sum = sums.get(id) ?? { start, key: r.key, totals: emptyTotals() };
    for (const k of SCALAR_TOTALS) sum.totals[k] += r.totals[k];
    for (const k of ARRAY_TOTALS) r.totals[k].forEach((n, i) => (sum.totals[k][i]! += n));
    sums.set(id, sum);
  }
  return [...sums.values()]
    .filter((s) => s.totals.touches > 0)
    .map(({ start, key, totals: { touches: _, answeredWithin, shortAbandons, codes, ...scalars } }) => ({
      start,
      key,
      ...cellOfTotals(
        scalars,
        { answeredWithinThreshold: answeredWithin[q.slIndex]!, shortAbandons: shortAbandons[q.shortIndex]! },
        codes,
      ),
    }));
}

const byKey = (a: KpiTotalsRow, b: KpiTotalsRow) =>
  `${a.span}|${a.start}|${a.grouping}|${a.key}`.localeCompare(`${b.span}|${b.start}|${b.grouping}|${b.key}`);
const contributions = (facts: readonly CallReportFacts[]) => kpiTotalsDelta([], facts);

/** Deep equality with numbers equal to 1e-6 (sums of doubles in another order, or of milliseconds). */
function expectClose(got: unknown, want: unknown, path = '$'): void {
  if (typeof want === 'number' && typeof got === 'number') {
    expect(Math.abs(got - want), `${path}: ${got} vs ${want}`).toBeLessThan(1e-6);
    return;
  }
  if (want && typeof want === 'object' && got && typeof got === 'object') {
    expect(Object.keys(got).sort(), path).toEqual(Object.keys(want).sort());
    for (const k of Object.keys(want))
      expectClose((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(got, path).toEqual(want);
}

const scenario = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  calls: fc.integer({ min: 1, max: 80 }),
  interval: fc.constantFrom(...KPI_INTERVALS),
  by: fc.constantFrom<KpiGrouping>('queue', 'agent'),
  firstDay: fc.integer({ min: 0, max: 4 }),
  days: fc.integer({ min: 1, max: 3 }),
  slIndex: fc.integer({ min: 0, max: SL_EDGES.length - 1 }),
  shortIndex: fc.integer({ min: 0, max: SHORT_ABANDON_EDGES.length - 1 }),
  /** Milliseconds added to each event's time: the fold sums doubles, the totals milliseconds. */
  jitter: fc.boolean(),
  /** The period is March (a month report then reads the month rows). */
  wholeMonth: fc.boolean(),
});

describe('KPI contributions (issue 17)', () => {
  it('summed over a period at either span, equal the fold of the same calls', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        let events = randomReportEvents(s.seed, s.calls, FROM, 5);
        if (s.jitter)
          events = events.map((e, i) => ({ ...e, at: new Date(Date.parse(e.at) + ((i * 7919) % 1000)).toISOString() }));
        const facts = reportFactsOfEvents(toFacts(events));
        const day = (n: number) => new Date(FROM.getTime() + n * 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
        const [from, to] = s.wholeMonth
          ? ['2026-03-01', '2026-03-31']
          : [day(s.firstDay), day(s.firstDay + s.days - 1)];
        const period = periodOf(from, to);
        const opts: KpiReportOptions = {
          period: { ...period, from, to },
          interval: s.interval,
          by: s.by,
          serviceLevelSeconds: SL_EDGES[s.slIndex]!,
          shortAbandonSeconds: SHORT_ABANDON_EDGES[s.shortIndex]!,
        };
        const cells = cellsOfRows(contributions(facts), {
          grouping: s.by,
          interval: s.interval,
          ...period,
          slIndex: s.slIndex,
          shortIndex: s.shortIndex,
        });
        const got = kpiReportOfCells(cells, opts);
        const want = foldKpiReport(facts, opts);
        if (s.jitter) expectClose(got, want);
        else expect(got).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });

  it('moved by each delivery difference, end on the totals of the final facts in any order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 12 }),
        (seed, calls, batch) => {
          const events = shuffled(seed, randomReportEvents(seed, calls, FROM, 3));
          const totals = new Map<string, KpiTotalsRow>();
          const stored = new Map<string, CallReportFacts>();
          const received: CallEventV1[] = [];
          // Batches in a random order, each batch sent twice (a replay changes nothing).
          for (let i = 0; i < events.length; i += batch) {
            for (const _ of [1, 2]) {
              received.push(...events.slice(i, i + batch).filter((e) => !received.some((r) => r.id === e.id)));
              const touched = new Set(events.slice(i, i + batch).map((e) => e.callId));
              const after = reportFactsOfEvents(toFacts(received.filter((e) => touched.has(e.callId))));
              const before = after.map((f) => stored.get(f.callId)).filter((f) => f !== undefined);
              for (const d of kpiTotalsDelta(before, after)) {
                const id = `${d.span}|${d.start}|${d.grouping}|${d.key}`;
                const row = totals.get(id) ?? { ...d, totals: emptyTotals() };
                for (const k of SCALAR_TOTALS) row.totals[k] += d.totals[k];
                for (const k of ARRAY_TOTALS) d.totals[k].forEach((n, j) => (row.totals[k][j]! += n));
                totals.set(id, row);
              }
              for (const f of after) stored.set(f.callId, f);
            }
          }
          const final = contributions(reportFactsOfEvents(toFacts(events)));
          // Rows whose every contribution was taken away again are zeros (the report skips them).
          const kept = [...totals.values()].filter((r) => r.totals.touches !== 0);
          expect(kept.sort(byKey)).toEqual(final.sort(byKey));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a call counted in every span: its 15-minute rows sum to its day rows and to its month row', () => {
    const facts = reportFactsOfEvents(toFacts(randomReportEvents(5, 50, FROM, 2)));
    for (const call of facts) {
      const rows = kpiContributionsOf(call);
      for (const grouping of ['queue', 'agent'] as const) {
        const sum = (span: KpiTotalSpan) => {
          const t = emptyTotals();
          for (const r of rows.filter((x) => x.span === span && x.grouping === grouping)) {
            for (const k of SCALAR_TOTALS) if (k !== 'touches') t[k] += r.totals[k];
            for (const k of ARRAY_TOTALS) r.totals[k].forEach((n, i) => (t[k][i]! += n));
          }
          return t;
        };
        expect(sum('15m')).toEqual(sum('day'));
        expect(sum('day')).toEqual(sum('month'));
      }
    }
  });
});
