import { named, type Queryable } from '../db/pool';
import { inLockOrder } from '../db/lockOrder';
import type { WritePart } from '../db/writeTogether';
import {
  reportFactsSpan,
  type CallReportFacts,
  type Handling,
  type ReportMoment,
  type WrapUpCodeKey,
} from '../domain/kpiReport';

/**
 * `call_report_facts` (migration 027): one row per call, the call's `CallReportFacts` as compact
 * JSON (times as epoch milliseconds, tuples instead of objects: a month is hundreds of thousands
 * of rows), with the span of its moments for the period scan. SQL and encoding only; the facts
 * are derived by domain/kpiReport.ts `callReportFactsOf`.
 */

type Ms = number | null;
type MomentRow = [Ms, string | null, string | null];
type LegRow = [string, Ms, Ms, Ms];
type RingRow = [Ms, string, 0 | 1];
type HandlingRow = [string, string | null, Ms, number | null, Ms, number, Ms, WrapUpCodeKey | null, number];
interface FactsRow {
  f?: 1;
  o?: MomentRow;
  a?: MomentRow;
  l?: LegRow[];
  r?: RingRow[];
  h?: HandlingRow[];
  s?: MomentRow[];
  c?: MomentRow[];
}

const ms = (d: Date | null): Ms => (d ? d.getTime() : null);
const date = (n: Ms): Date | null => (n === null ? null : new Date(n));
const encMoment = (m: ReportMoment): MomentRow => [m.at.getTime(), m.queue, m.agentId];
const decMoment = (r: MomentRow): ReportMoment => ({ at: new Date(r[0]!), queue: r[1], agentId: r[2] });

/** The facts as stored (empty parts left out). */
export function encodeReportFacts(f: CallReportFacts): FactsRow {
  const out: FactsRow = {};
  if (f.fallback) out.f = 1;
  if (f.outbound) out.o = encMoment(f.outbound);
  if (f.outboundAnswered) out.a = encMoment(f.outboundAnswered);
  if (f.legs.length) out.l = f.legs.map((l) => [l.queue, ms(l.enteredAt), ms(l.connectedAt), ms(l.abandonedAt)]);
  if (f.rings.length) out.r = f.rings.map((r) => [r.at.getTime(), r.agentId, r.missed ? 1 : 0]);
  if (f.handlings.length)
    out.h = f.handlings.map((h) => [
      h.agentId,
      h.queue,
      ms(h.connectedAt),
      h.waitSeconds,
      ms(h.endedAt),
      h.holdSeconds,
      ms(h.wrapEndedAt),
      h.wrapUpCode,
      h.transfers,
    ]);
  if (f.strayTransfers.length) out.s = f.strayTransfers.map(encMoment);
  if (f.callbacks.length) out.c = f.callbacks.map(encMoment);
  return out;
}

export function decodeReportFacts(callId: string, r: FactsRow): CallReportFacts {
  return {
    callId,
    fallback: r.f === 1,
    outbound: r.o ? decMoment(r.o) : null,
    outboundAnswered: r.a ? decMoment(r.a) : null,
    legs: (r.l ?? []).map((l) => ({
      queue: l[0],
      enteredAt: new Date(l[1]!),
      connectedAt: date(l[2]),
      abandonedAt: date(l[3]),
    })),
    rings: (r.r ?? []).map((x) => ({ at: new Date(x[0]!), agentId: x[1], missed: x[2] === 1 })),
    handlings: (r.h ?? []).map((h): Handling => ({
      agentId: h[0],
      queue: h[1],
      connectedAt: new Date(h[2]!),
      waitSeconds: h[3],
      endedAt: date(h[4]),
      holdSeconds: h[5],
      wrapEndedAt: date(h[6]),
      wrapUpCode: h[7],
      transfers: h[8],
    })),
    strayTransfers: (r.s ?? []).map(decMoment),
    callbacks: (r.c ?? []).map(decMoment),
  };
}

/**
 * The write that makes `call_report_facts` hold exactly `facts` for these calls (one row each; a
 * call without facts gets an empty row; none for none); run it with writeTogether, under the calls'
 * lock with the facts of all their events, so replays and out-of-order batches end on the same
 * rows; unchanged rows are not touched.
 */
export function reportFactWrites(facts: readonly CallReportFacts[]): WritePart[] {
  if (facts.length === 0) return [];
  const rows = inLockOrder(
    facts.map((f) => {
      const span = reportFactsSpan(f);
      return {
        call_id: f.callId,
        first_at: span?.first.toISOString() ?? null,
        last_at: span?.last.toISOString() ?? null,
        facts: encodeReportFacts(f),
      };
    }),
    (r) => r.call_id,
  );
  return [
    {
      name: 'replaceReportFacts',
      sql: `INSERT INTO call_report_facts AS f (call_id, first_at, last_at, facts)
     SELECT call_id, first_at, last_at, facts
       FROM jsonb_to_recordset($1::jsonb) AS x(call_id text, first_at timestamptz, last_at timestamptz, facts jsonb)
     ON CONFLICT (call_id) DO UPDATE
        SET first_at = EXCLUDED.first_at, last_at = EXCLUDED.last_at, facts = EXCLUDED.facts, updated_at = now()
      WHERE (f.first_at, f.last_at, f.facts) IS DISTINCT FROM (EXCLUDED.first_at, EXCLUDED.last_at, EXCLUDED.facts)`,
      params: [JSON.stringify(rows)],
    },
  ];
}

/** The stored facts of these calls (those that have a row). */
export async function storedReportFacts(db: Queryable, callIds: readonly string[]): Promise<CallReportFacts[]> {
  if (callIds.length === 0) return [];
  const { rows } = await db.query<{ callId: string; facts: FactsRow }>(
    named(
      'storedReportFacts',
      `SELECT call_id AS "callId", facts FROM call_report_facts WHERE call_id = ANY($1::text[])`,
      [callIds],
    ),
  );
  return rows.map((r) => decodeReportFacts(r.callId, r.facts));
}

/**
 * The facts of the calls whose span meets [start, end) and began at most `spanMs` before it (a
 * call lasts at most that long): one range scan of call_report_facts_first_at_idx.
 */
export async function reportFactsMeeting(
  db: Queryable,
  start: Date,
  end: Date,
  spanMs: number,
): Promise<CallReportFacts[]> {
  const { rows } = await db.query<{ callId: string; facts: FactsRow }>(
    `SELECT call_id AS "callId", facts FROM call_report_facts
      WHERE first_at >= $1 AND first_at < $2 AND last_at >= $3`,
    [new Date(start.getTime() - spanMs), end, start],
  );
  return rows.map((r) => decodeReportFacts(r.callId, r.facts));
}

/** Up to `limit` calls still waiting for their facts (listed by migration 027), locked for this transaction. */
export async function takePendingReportFactCalls(db: Queryable, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ callId: string }>(
    `DELETE FROM call_report_facts_pending
      WHERE call_id IN (SELECT call_id FROM call_report_facts_pending ORDER BY call_id LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING call_id AS "callId"`,
    [limit],
  );
  return rows.map((r) => r.callId);
}

/** Lists every call with stored events but no facts row (events written around the ingest, e.g. a bulk load). */
export async function queueCallsWithoutReportFacts(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO call_report_facts_pending (call_id)
     SELECT DISTINCT e.call_id FROM call_events e
      WHERE NOT EXISTS (SELECT 1 FROM call_report_facts f WHERE f.call_id = e.call_id)
     ON CONFLICT DO NOTHING`,
  );
  return rowCount ?? 0;
}
