import type { KpiGrouping, KpiInterval } from '@cc1357/contracts';
import type { Queryable } from '../db/pool';
import type { WritePart } from '../db/writeTogether';
import { bucketStart } from '../domain/kpiBuckets';
import {
  CODE_ORDER,
  cellOfTotals,
  spanOf,
  type KpiScalarTotals,
  type KpiTotalSpan,
  type KpiTotalsRow,
} from '../domain/kpiContributions';
import type { KpiCell } from '../domain/kpiReport';

/**
 * `kpi_totals` (migration 028): additive KPI totals per (span, grouping, interval start, key).
 * SQL only; what a call adds is domain/kpiContributions.ts.
 */

/**
 * The write that adds these deltas (kpiTotalsDelta: new contributions minus old) to the totals
 * (none for none); run it with writeTogether, in the transaction that rewrites the calls' facts, under their locks. The rows
 * go in the primary key's order (sorted by PostgreSQL itself, so every writer agrees on its
 * collation's order), so two ingests adding to the same intervals lock them in one order and
 * one waits for the other instead of deadlocking.
 */
export function kpiTotalWrites(deltas: readonly KpiTotalsRow[]): WritePart[] {
  if (deltas.length === 0) return [];
  const rows = deltas.map((d) => ({
    span: d.span,
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
    // All zeros (most rows: a ring, a busy stretch) travel as '{}' and skip the array sum.
    answered_within: orEmpty(d.totals.answeredWithin),
    short_abandons: orEmpty(d.totals.shortAbandons),
    codes: orEmpty(d.totals.codes),
  }));
  const add = (c: string) => `${c} = t.${c} + EXCLUDED.${c}`;
  const addArray = (c: string) =>
    `${c} = CASE WHEN EXCLUDED.${c} = '{}' THEN t.${c} ELSE kpi_counts_add(t.${c}, EXCLUDED.${c}) END`;
  return [
    {
      name: 'addKpiTotals',
      sql: `INSERT INTO kpi_totals AS t (${COLUMNS.join(', ')})
     SELECT ${COLUMNS.join(', ')}
       FROM jsonb_to_recordset($1::jsonb) AS x(${COLUMN_TYPES})
      ORDER BY span, grouping, start_at, key
     ON CONFLICT (span, grouping, start_at, key) DO UPDATE
        SET ${[...SCALARS.map(add), ...ARRAYS.map(addArray)].join(', ')}`,
      params: [JSON.stringify(rows)],
    },
  ];
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
const orEmpty = (xs: readonly number[]) => (xs.some((n) => n !== 0) ? xs : []);
const COLUMNS = ['span', 'grouping', 'start_at', 'key', ...SCALARS, ...ARRAYS];
const COLUMN_TYPES = [
  'span text',
  'grouping text',
  'start_at timestamptz',
  'key text',
  ...SCALARS.map((c) => `${c} bigint`),
  ...ARRAYS.map((c) => `${c} int[]`),
].join(', ');

/** The report interval of a row's start, as SQL over `start_at`. */
const BUCKET: Record<KpiInterval, string> = {
  '15m': 'start_at',
  // Seoul is UTC+9 h, a whole number of half hours: UTC's half hours and hours are Seoul's.
  '30m': 'to_timestamp(floor(extract(epoch FROM start_at) / 1800) * 1800)',
  '60m': 'to_timestamp(floor(extract(epoch FROM start_at) / 3600) * 3600)',
  day: 'start_at',
  month: `date_trunc('month', start_at, 'Asia/Seoul')`,
};

/** Whether [start, end) is whole Seoul months (a month report can read the month rows). */
const wholeMonths = (start: Date, end: Date) =>
  bucketStart(start, 'month').getTime() === start.getTime() && bucketStart(end, 'month').getTime() === end.getTime();

/** A cell as the GROUP BY returns it: the scalar totals, and only the two threshold counts asked for. */
type CellRow = KpiScalarTotals & {
  start: Date;
  key: string;
  shortAbandons: number | null;
  answeredWithinThreshold: number | null;
  codes: Array<number | null>;
};

/**
 * The report's cells over [start, end) (whole Seoul days) summed from the totals into the
 * report's intervals: one GROUP BY over the rows of the span the interval is made of — a month
 * report over whole months reads one row per key and month; over part of a month, its days. The
 * inner query keeps only the two threshold counts asked for (`slIndex`, `shortIndex`: their
 * places among the edges), so the grouping carries narrow rows, not the histograms.
 */
export async function kpiTotalsCells(
  db: Queryable,
  q: { grouping: KpiGrouping; interval: KpiInterval; start: Date; end: Date; slIndex: number; shortIndex: number },
): Promise<KpiCell[]> {
  const span: KpiTotalSpan = q.interval === 'month' && !wholeMonths(q.start, q.end) ? 'day' : spanOf(q.interval);
  const sum = (c: string, as = c) => `sum(${c})::float8 AS "${as}"`;
  const codes = CODE_ORDER.map((_, i) => `codes[${i + 1}] AS code${i}`);
  const { rows } = await db.query<CellRow>(
    `SELECT b AS start, key,
            ${sum('offered')}, ${sum('answered')}, ${sum('abandoned')}, ${sum('sa', 'shortAbandons')},
            ${sum('aw', 'answeredWithinThreshold')}, ${sum('answer_wait_ms', 'answerWaitMs')}, ${sum('handled')},
            ${sum('handle_ms', 'handleMs')}, ${sum('hold_ms', 'holdMs')}, ${sum('wrap_up_ms', 'wrapUpMs')},
            ${sum('busy_ms', 'busyMs')}, ${sum('transfers')}, ${sum('callbacks')}, ${sum('fallback')}, ${sum('missed')},
            ${sum('outbound')}, ${sum('outbound_answered', 'outboundAnswered')},
            ARRAY[${CODE_ORDER.map((_, i) => `sum(code${i})::float8`).join(', ')}] AS codes
       FROM (SELECT ${BUCKET[q.interval]} AS b, key, touches, offered, answered, abandoned,
                    short_abandons[$5] AS sa, answered_within[$6] AS aw, answer_wait_ms, handled, handle_ms,
                    hold_ms, wrap_up_ms, busy_ms, transfers, callbacks, fallback, missed, outbound,
                    outbound_answered, ${codes.join(', ')}
               FROM kpi_totals
              WHERE span = $1 AND grouping = $2 AND start_at >= $3 AND start_at < $4
             OFFSET 0) x -- (OFFSET 0: not flattened, so the grouping sorts or hashes the narrow rows)
      GROUP BY 1, 2
     HAVING sum(touches) > 0`,
    [span, q.grouping, q.start, q.end, q.shortIndex + 1, q.slIndex + 1],
  );
  return rows.map(({ start, key, codes, answeredWithinThreshold, shortAbandons, ...scalars }) => ({
    start,
    key,
    ...cellOfTotals(
      scalars,
      { answeredWithinThreshold: answeredWithinThreshold ?? 0, shortAbandons: shortAbandons ?? 0 },
      codes,
    ),
  }));
}
