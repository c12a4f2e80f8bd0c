import type { KpiGrouping, KpiInterval } from '@cc1357/contracts';
import type { Queryable } from '../db/pool';
import { CODE_ORDER, type KpiTotalSpan, type KpiTotalsRow } from '../domain/kpiContributions';
import { emptyCounts, type KpiCell, type WrapUpCodeKey } from '../domain/kpiReport';

/**
 * `kpi_totals` (migration 028): additive KPI totals per (span, grouping, interval start, key).
 * SQL only; what a call adds is domain/kpiContributions.ts.
 */

/**
 * Adds these deltas (kpiTotalsDelta: new contributions minus old) to the totals, in one
 * statement. Run in the transaction that rewrites the calls' facts, under their locks. The rows
 * go in the primary key's order (sorted by PostgreSQL itself, so every writer agrees on its
 * collation's order), so two ingests adding to the same intervals lock them in one order and
 * one waits for the other instead of deadlocking.
 */
export async function addKpiTotals(db: Queryable, deltas: readonly KpiTotalsRow[]): Promise<void> {
  if (deltas.length === 0) return;
  const rows = deltas.map((d) => ({
    span_minutes: d.span,
    grouping: d.grouping,
    start_at: new Date(d.start).toISOString(),
    key: d.key,
    touches: d.totals.touches,
    offered: d.totals.offered,
    answered: d.totals.answered,
    abandoned: d.totals.abandoned,
    answer_wait_ms: d.totals.answerWaitMs,
    handled: d.totals.handled,
    handle_ms: d.totals.handleMs,
    hold_ms: d.totals.holdMs,
    wrap_up_ms: d.totals.wrapUpMs,
    busy_ms: d.totals.busyMs,
    transfers: d.totals.transfers,
    callbacks: d.totals.callbacks,
    fallback: d.totals.fallback,
    missed: d.totals.missed,
    outbound: d.totals.outbound,
    outbound_answered: d.totals.outboundAnswered,
    answered_within: d.totals.answeredWithin,
    short_abandons: d.totals.shortAbandons,
    codes: d.totals.codes,
  }));
  const add = (c: string) => `${c} = t.${c} + EXCLUDED.${c}`;
  const addArray = (c: string) => `${c} = kpi_counts_add(t.${c}, EXCLUDED.${c})`;
  await db.query(
    `INSERT INTO kpi_totals AS t (${COLUMNS.join(', ')})
     SELECT ${COLUMNS.join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS x(${COLUMN_TYPES})
      ORDER BY span_minutes, grouping, start_at, key
     ON CONFLICT (span_minutes, grouping, start_at, key) DO UPDATE
        SET ${[...SCALARS.map(add), ...ARRAYS.map(addArray)].join(', ')}`,
    [JSON.stringify(rows)],
  );
}

const SCALARS = [
  'touches',
  'offered',
  'answered',
  'abandoned',
  'answer_wait_ms',
  'handled',
  'handle_ms',
  'hold_ms',
  'wrap_up_ms',
  'busy_ms',
  'transfers',
  'callbacks',
  'fallback',
  'missed',
  'outbound',
  'outbound_answered',
];
const ARRAYS = ['answered_within', 'short_abandons', 'codes'];
const COLUMNS = ['span_minutes', 'grouping', 'start_at', 'key', ...SCALARS, ...ARRAYS];
const COLUMN_TYPES = [
  'span_minutes smallint',
  'grouping text',
  'start_at timestamptz',
  'key text',
  ...SCALARS.map((c) => `${c} bigint`),
  ...ARRAYS.map((c) => `${c} bigint[]`),
].join(', ');

/** The report interval of a row start at each span, as SQL over `start_at`. */
const BUCKET: Record<KpiInterval, { span: KpiTotalSpan; sql: string }> = {
  '15m': { span: 15, sql: 'start_at' },
  // Seoul is UTC+9 h, a whole number of half hours: UTC's half hours and hours are Seoul's.
  '30m': { span: 15, sql: 'to_timestamp(floor(extract(epoch FROM start_at) / 1800) * 1800)' },
  '60m': { span: 15, sql: 'to_timestamp(floor(extract(epoch FROM start_at) / 3600) * 3600)' },
  day: { span: 1440, sql: 'start_at' },
  month: { span: 1440, sql: `date_trunc('month', start_at, 'Asia/Seoul')` },
};

interface CellRow {
  start: Date;
  key: string;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandons: number | null;
  answeredWithinThreshold: number | null;
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
  codes: Array<number | null>;
}

/**
 * The report's cells over [start, end) (Seoul days: whole intervals of both spans) summed from
 * the totals into the report's intervals: one GROUP BY over at most a month of rows per key
 * (31 day rows for a month report, 2,976 quarter rows for 15 minutes). `slIndex` and
 * `shortIndex` are the thresholds' places among the edges.
 */
export async function kpiTotalsCells(
  db: Queryable,
  q: { grouping: KpiGrouping; interval: KpiInterval; start: Date; end: Date; slIndex: number; shortIndex: number },
): Promise<KpiCell[]> {
  const bucket = BUCKET[q.interval];
  const sum = (c: string, as: string) => `sum(${c})::float8 AS "${as}"`;
  const { rows } = await db.query<CellRow>(
    `SELECT ${bucket.sql} AS start, key,
            ${sum('offered', 'offered')}, ${sum('answered', 'answered')}, ${sum('abandoned', 'abandoned')},
            ${sum('short_abandons[$5]', 'shortAbandons')}, ${sum('answered_within[$6]', 'answeredWithinThreshold')},
            ${sum('answer_wait_ms', 'answerWaitMs')}, ${sum('handled', 'handled')}, ${sum('handle_ms', 'handleMs')},
            ${sum('hold_ms', 'holdMs')}, ${sum('wrap_up_ms', 'wrapUpMs')}, ${sum('busy_ms', 'busyMs')},
            ${sum('transfers', 'transfers')}, ${sum('callbacks', 'callbacks')}, ${sum('fallback', 'fallback')},
            ${sum('missed', 'missed')}, ${sum('outbound', 'outbound')}, ${sum('outbound_answered', 'outboundAnswered')},
            ARRAY[${CODE_ORDER.map((_, i) => `sum(codes[${i + 1}])::float8`).join(', ')}] AS codes
       FROM kpi_totals
      WHERE span_minutes = $1 AND grouping = $2 AND start_at >= $3 AND start_at < $4
      GROUP BY 1, 2
     HAVING sum(touches) > 0`,
    [bucket.span, q.grouping, q.start, q.end, q.shortIndex + 1, q.slIndex + 1],
  );
  return rows.map((r) => {
    const codes: Partial<Record<WrapUpCodeKey, number>> = {};
    r.codes.forEach((n, i) => {
      if (n) codes[CODE_ORDER[i]!] = n;
    });
    return {
      start: r.start,
      key: r.key,
      counts: {
        ...emptyCounts(),
        offered: r.offered,
        answered: r.answered,
        abandoned: r.abandoned,
        shortAbandons: r.shortAbandons ?? 0,
        answeredWithinThreshold: r.answeredWithinThreshold ?? 0,
        answerWaitSeconds: r.answerWaitMs / 1000,
        handled: r.handled,
        handleSeconds: r.handleMs / 1000,
        holdSeconds: r.holdMs / 1000,
        wrapUpSeconds: r.wrapUpMs / 1000,
        busySeconds: r.busyMs / 1000,
        transfers: r.transfers,
        callbacks: r.callbacks,
        fallback: r.fallback,
        missed: r.missed,
        outbound: r.outbound,
        outboundAnswered: r.outboundAnswered,
      },
      codes,
    };
  });
}
