import { WRAP_UP_CODES, type KpiCounts, type KpiGrouping, type KpiInterval } from '@cc1357/contracts';
import { bucketEnd, bucketStart } from './kpiBuckets';
import { emptyCounts, type CallReportFacts, type ReportMoment, type WrapUpCodeKey } from './kpiReport';

/**
 * Issue 17: what one call adds to the KPI report, as additive totals per (span, interval start,
 * grouping, key) — the rows of `kpi_totals` (migration 028). Pure. The ingest subtracts a call's
 * old contributions and adds its new ones (`kpiTotalsDelta`), so the totals are always the sum
 * over the calls' current facts, whatever the delivery order, and the month report sums a few
 * thousand rows instead of folding every call of the month.
 *
 * It counts exactly what `foldKpiReport` (domain/kpiReport.ts) counts, moment by moment, into three
 * spans: 15-minute intervals (15/30/60-minute reports: Seoul's +9 h is a whole number of them),
 * Seoul days and Seoul months (a month report reads one row per key). The two thresholds are the report's parameters, so
 * service level and short abandons are kept as cumulative counts at fixed edges: any threshold
 * on an edge is exact; a report with one off the edges folds the facts instead (services/reports.ts).
 *
 * Seconds are summed as integer milliseconds: subtracting what was added gives back exactly the
 * same total (doubles would drift), and a replay converges bit for bit.
 *
 * Changing what this counts (an edge, a field, a rule) changes the meaning of the stored rows: it
 * needs a migration that empties `kpi_totals` and lists every call for the backfill again (as 028 does).
 */

/** The intervals the totals are kept at: every report interval is a union of one of them. */
export const KPI_TOTAL_SPANS = ['15m', 'day', 'month'] as const satisfies readonly KpiInterval[];
export type KpiTotalSpan = (typeof KPI_TOTAL_SPANS)[number];

/** The span a report interval is summed from. */
export const spanOf = (interval: KpiInterval): KpiTotalSpan =>
  interval === 'day' || interval === 'month' ? interval : '15m';

/** Service-level thresholds T (s) kept exactly: answered within T = wait ≤ T. */
export const SL_EDGES: readonly number[] = [
  ...Array.from({ length: 30 }, (_, i) => i + 1),
  35,
  40,
  45,
  50,
  55,
  60,
  70,
  80,
  90,
  100,
  110,
  120,
  150,
  180,
  240,
  300,
  360,
  420,
  480,
  540,
  600,
];
/** Short-abandon thresholds S (s) kept exactly: a short abandon waited < S. */
export const SHORT_ABANDON_EDGES: readonly number[] = [
  ...Array.from({ length: 21 }, (_, i) => i),
  25,
  30,
  45,
  60,
  90,
  120,
];
/** Wrap-up code counts, in this order (contracts' catalogue, then `none`). */
export const CODE_ORDER: readonly WrapUpCodeKey[] = [...WRAP_UP_CODES, 'none'];

/** One row's additive totals. `touches` counts the facts counted in it (a row exists when > 0). */
export interface KpiTotals {
  touches: number;
  offered: number;
  answered: number;
  abandoned: number;
  answerWaitMs: number;
  handled: number;
  handleMs: number;
  holdMs: number;
  wrapUpMs: number;
  busyMs: number;
  transfers: number;
  callbacks: number;
  fallback: number;
  missed: number;
  outbound: number;
  outboundAnswered: number;
  /** [i] = answered with wait ≤ SL_EDGES[i]. */
  answeredWithin: number[];
  /** [i] = abandoned after waiting < SHORT_ABANDON_EDGES[i]. */
  shortAbandons: number[];
  /** [i] = handlings whose wrap-up ended with CODE_ORDER[i]. */
  codes: number[];
}

export const SCALAR_TOTALS = [
  'touches',
  'offered',
  'answered',
  'abandoned',
  'answerWaitMs',
  'handled',
  'handleMs',
  'holdMs',
  'wrapUpMs',
  'busyMs',
  'transfers',
  'callbacks',
  'fallback',
  'missed',
  'outbound',
  'outboundAnswered',
] as const satisfies ReadonlyArray<keyof KpiTotals>;
export const ARRAY_TOTALS = ['answeredWithin', 'shortAbandons', 'codes'] as const satisfies ReadonlyArray<
  keyof KpiTotals
>;

export interface KpiTotalsRow {
  span: KpiTotalSpan;
  /** Interval start, epoch ms. */
  start: number;
  grouping: KpiGrouping;
  /** Queue or agent id; '-' for none. */
  key: string;
  totals: KpiTotals;
}

export function emptyTotals(): KpiTotals {
  return {
    touches: 0,
    offered: 0,
    answered: 0,
    abandoned: 0,
    answerWaitMs: 0,
    handled: 0,
    handleMs: 0,
    holdMs: 0,
    wrapUpMs: 0,
    busyMs: 0,
    transfers: 0,
    callbacks: 0,
    fallback: 0,
    missed: 0,
    outbound: 0,
    outboundAnswered: 0,
    answeredWithin: SL_EDGES.map(() => 0),
    shortAbandons: SHORT_ABANDON_EDGES.map(() => 0),
    codes: CODE_ORDER.map(() => 0),
  };
}

/** The summed scalar totals of a report cell (milliseconds as stored). */
export type KpiScalarTotals = Omit<KpiTotals, 'touches' | 'answeredWithin' | 'shortAbandons' | 'codes'>;

/**
 * A report cell's counts from summed totals: the scalars (milliseconds to seconds), the two
 * threshold counts the report asked for, and the wrap-up code counts in CODE_ORDER.
 */
export function cellOfTotals(
  t: KpiScalarTotals,
  thresholds: { answeredWithinThreshold: number; shortAbandons: number },
  codeCounts: ReadonlyArray<number | null>,
): { counts: KpiCounts; codes: Partial<Record<WrapUpCodeKey, number>> } {
  const codes: Partial<Record<WrapUpCodeKey, number>> = {};
  codeCounts.forEach((n, i) => {
    if (n) codes[CODE_ORDER[i]!] = n;
  });
  return {
    codes,
    counts: {
      ...emptyCounts(),
      offered: t.offered,
      answered: t.answered,
      abandoned: t.abandoned,
      ...thresholds,
      answerWaitSeconds: t.answerWaitMs / 1000,
      handled: t.handled,
      handleSeconds: t.handleMs / 1000,
      holdSeconds: t.holdMs / 1000,
      wrapUpSeconds: t.wrapUpMs / 1000,
      busySeconds: t.busyMs / 1000,
      transfers: t.transfers,
      callbacks: t.callbacks,
      fallback: t.fallback,
      missed: t.missed,
      outbound: t.outbound,
      outboundAnswered: t.outboundAnswered,
    },
  };
}

const NO_KEY = '-';
const toMs = (seconds: number) => Math.round(seconds * 1000);

/** Rows keyed by (span, start, grouping, key), merged as they are added. */
class Rows {
  readonly rows = new Map<string, KpiTotalsRow>();
  row(span: KpiTotalSpan, start: number, grouping: KpiGrouping, key: string | null): KpiTotals {
    const k = key ?? NO_KEY;
    const id = `${span}|${start}|${grouping}|${k}`;
    let row = this.rows.get(id);
    if (!row) this.rows.set(id, (row = { span, start, grouping, key: k, totals: emptyTotals() }));
    return row.totals;
  }
  /** A fact at `at`: counted in the interval holding it, at both spans. */
  add(at: Date, grouping: KpiGrouping, key: string | null, apply: (t: KpiTotals) => void): void {
    for (const span of KPI_TOTAL_SPANS) {
      const t = this.row(span, bucketStart(at, span).getTime(), grouping, key);
      t.touches += 1;
      apply(t);
    }
  }
  /** A busy stretch [from, to) spread over the intervals it crosses, at both spans. */
  spread(from: Date, to: Date, grouping: KpiGrouping, key: string): void {
    for (const span of KPI_TOTAL_SPANS) {
      for (let start = bucketStart(from, span); start < to; start = bucketEnd(start, span)) {
        const end = bucketEnd(start, span);
        const ms = Math.min(end.getTime(), to.getTime()) - Math.max(start.getTime(), from.getTime());
        if (ms <= 0) continue;
        const t = this.row(span, start.getTime(), grouping, key);
        t.touches += 1;
        t.busyMs += ms;
      }
    }
  }
}

const within = (edges: readonly number[], counts: number[], holds: (edge: number) => boolean) => {
  edges.forEach((edge, i) => {
    if (holds(edge)) counts[i]! += 1;
  });
};

/**
 * One call's contributions, by both groupings, at both spans: the same counts `foldKpiReport`
 * makes of these facts (each `buckets.add` there is a `rows.add` here; the thresholds are edges).
 */
export function kpiContributionsOf(call: CallReportFacts): KpiTotalsRow[] {
  const rows = new Rows();
  const fallback = call.fallback ? 1 : 0;
  const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;
  for (const grouping of ['queue', 'agent'] as const) {
    const keyOf = (m: ReportMoment) => (grouping === 'queue' ? m.queue : m.agentId);
    if (call.outbound) {
      rows.add(call.outbound.at, grouping, keyOf(call.outbound), (t) => (t.outbound += 1));
      const answered = call.outboundAnswered;
      if (answered) rows.add(answered.at, grouping, keyOf(answered), (t) => (t.outboundAnswered += 1));
    }
    if (grouping === 'queue') {
      for (const leg of call.legs) {
        rows.add(leg.enteredAt, grouping, leg.queue, (t) => {
          t.offered += 1;
          t.fallback += fallback;
          if (leg.connectedAt) {
            const wait = seconds(leg.enteredAt, leg.connectedAt);
            t.answered += 1;
            t.answerWaitMs += leg.connectedAt.getTime() - leg.enteredAt.getTime();
            within(SL_EDGES, t.answeredWithin, (T) => wait <= T);
          } else if (leg.abandonedAt) {
            const waited = seconds(leg.enteredAt, leg.abandonedAt);
            t.abandoned += 1;
            within(SHORT_ABANDON_EDGES, t.shortAbandons, (S) => waited < S);
          }
        });
      }
    } else {
      for (const r of call.rings) {
        rows.add(r.at, grouping, r.agentId, (t) => (r.missed ? (t.missed += 1) : (t.offered += 1)));
      }
    }
    for (const h of call.handlings) {
      const key = grouping === 'queue' ? h.queue : h.agentId;
      const talkMs = h.endedAt ? Math.max(0, h.endedAt.getTime() - h.connectedAt.getTime()) : 0;
      const wrapMs = h.endedAt && h.wrapEndedAt ? h.wrapEndedAt.getTime() - h.endedAt.getTime() : 0;
      rows.add(h.connectedAt, grouping, key, (t) => {
        t.transfers += h.transfers;
        if (grouping === 'agent') {
          if (!call.outbound) t.answered += 1;
          t.fallback += fallback;
          if (h.waitSeconds !== null) {
            const wait = h.waitSeconds;
            t.answerWaitMs += toMs(wait);
            within(SL_EDGES, t.answeredWithin, (T) => wait <= T);
          }
        }
        if (h.wrapUpCode) t.codes[CODE_ORDER.indexOf(h.wrapUpCode)]! += 1;
        if (!h.endedAt) return; // still on the call: no handle time yet
        t.handled += 1;
        t.handleMs += talkMs + wrapMs;
        t.holdMs += toMs(h.holdSeconds);
        t.wrapUpMs += wrapMs;
      });
      if (grouping === 'agent' && h.endedAt)
        rows.spread(h.connectedAt, h.wrapEndedAt ?? h.endedAt, grouping, h.agentId);
    }
    for (const s of call.strayTransfers) rows.add(s.at, grouping, keyOf(s), (t) => (t.transfers += 1));
    for (const c of call.callbacks) rows.add(c.at, grouping, keyOf(c), (t) => (t.callbacks += 1));
  }
  return [...rows.rows.values()];
}

const isZero = (t: KpiTotals) =>
  SCALAR_TOTALS.every((k) => t[k] === 0) && ARRAY_TOTALS.every((k) => t[k].every((n) => n === 0));

/** The row order every writer uses: concurrent ingests lock shared rows in one order (no deadlock). */
export function compareTotalsRows(a: KpiTotalsRow, b: KpiTotalsRow): number {
  return (
    (a.span < b.span ? -1 : a.span > b.span ? 1 : 0) ||
    (a.grouping < b.grouping ? -1 : a.grouping > b.grouping ? 1 : 0) ||
    a.start - b.start ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}

/**
 * What the totals must change by when these calls' facts go from `before` to `after` (either
 * side may lack a call: no facts yet, or none any more): after's contributions minus before's,
 * the rows that change, in `compareTotalsRows` order. A replay (same facts) changes nothing.
 */
export function kpiTotalsDelta(before: readonly CallReportFacts[], after: readonly CallReportFacts[]): KpiTotalsRow[] {
  const rows = new Map<string, KpiTotalsRow>();
  const apply = (facts: readonly CallReportFacts[], sign: 1 | -1) => {
    for (const f of facts) {
      for (const c of kpiContributionsOf(f)) {
        const id = `${c.span}|${c.start}|${c.grouping}|${c.key}`;
        let row = rows.get(id);
        if (!row) rows.set(id, (row = { ...c, totals: emptyTotals() }));
        for (const k of SCALAR_TOTALS) row.totals[k] += sign * c.totals[k];
        for (const k of ARRAY_TOTALS) c.totals[k].forEach((n, i) => (row.totals[k][i]! += sign * n));
      }
    }
  };
  apply(before, -1);
  apply(after, 1);
  return [...rows.values()].filter((r) => !isZero(r.totals)).sort(compareTotalsRows);
}

/** The index of a threshold among the edges, or null: a report with it cannot be read from the totals. */
export function edgeIndex(edges: readonly number[], threshold: number): number | null {
  const i = edges.indexOf(threshold);
  return i < 0 ? null : i;
}
