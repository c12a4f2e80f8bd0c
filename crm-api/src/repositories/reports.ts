import type { Queryable } from '../db/pool';
import type { ReportEventFact } from '../domain/kpiReport';

/** The event types the KPI report reads (domain/kpiReport.ts); the rest of a call's events are left in the table. */
export const REPORT_EVENT_TYPES = [
  'queue.entered',
  'agent.offered',
  'agent.noAnswer',
  'call.connected',
  'call.abandoned',
  'call.held',
  'call.resumed',
  'call.transferred',
  'call.ended',
  'wrapUp.ended',
  'callback.requested',
  'call.outbound.started',
  'call.outbound.answered',
] as const;

/** A call lasts at most this long (queue, talk, wrap-up): events this far outside the period are read to complete its calls. */
export const CALL_SPAN_MS = 24 * 60 * 60 * 1000;

/**
 * The report's raw events (the report itself reads call_report_facts, kept at ingest; this is the
 * fold over raw events it must equal, test/reportFacts.test.ts), from a day before the period to
 * a day after it: the calls that had an event inside it, complete (a wrap-up that ended after midnight still closes a handling that
 * began before); the domain counts only facts inside the period. One range scan of
 * call_events_type_at_idx per type, no per-call join and no sort (the domain groups by call).
 * `data` comes only where the report reads it (hold seconds, transfer source, callback
 * duplicate, fallback mark, wrap-up code): a month is hundreds of thousands of rows.
 */
/**
 * The columns of a report fact, from `call_events e`: the data only of the events whose data the
 * fold reads (the rest stays in the table). Shared by every reader of report facts.
 */
export const REPORT_FACT_COLUMNS = `e.id, e.call_id AS "callId", e.type, e.at, e.queue, e.agent_id AS "agentId",
  CASE WHEN e.type IN ('call.resumed', 'call.transferred', 'callback.requested', 'wrapUp.ended') OR e.data ? 'fallback'
       THEN e.data END AS data`;

export async function reportFactsBetween(db: Queryable, start: Date, end: Date): Promise<ReportEventFact[]> {
  const { rows } = await db.query<ReportEventFact & { data: Record<string, unknown> | null }>(
    `SELECT ${REPORT_FACT_COLUMNS}
       FROM call_events e
      WHERE e.type = ANY($3::text[]) AND e.at >= $1 AND e.at < $2`,
    [new Date(start.getTime() - CALL_SPAN_MS), new Date(end.getTime() + CALL_SPAN_MS), REPORT_EVENT_TYPES],
  );
  for (const r of rows) r.data ??= {};
  return rows as ReportEventFact[];
}

/** Display names of these agent ids, whether or not the user is still active (a report covers the past). */
export async function agentNames(db: Queryable, agentIds: readonly string[]): Promise<Record<string, string>> {
  if (agentIds.length === 0) return {};
  const { rows } = await db.query<{ agentId: string; displayName: string }>(
    `SELECT agent_id AS "agentId", display_name AS "displayName" FROM users WHERE agent_id = ANY($1::text[])`,
    [agentIds],
  );
  return Object.fromEntries(rows.map((r) => [r.agentId, r.displayName]));
}
