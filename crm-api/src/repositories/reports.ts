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
] as const;

/**
 * Every report event of the calls that had one in [start, end), including the ones outside it
 * (a wrap-up that ended after midnight still closes a handling that began before). The inner scan
 * uses call_events_type_at_idx; the outer one call_events_call_idx.
 */
export async function reportFactsBetween(db: Queryable, start: Date, end: Date): Promise<ReportEventFact[]> {
  const { rows } = await db.query<ReportEventFact>(
    `SELECT e.call_id AS "callId", e.type, e.at, e.queue, e.agent_id AS "agentId", e.data
       FROM call_events e
      WHERE e.type = ANY($3::text[])
        AND e.call_id IN (SELECT DISTINCT call_id FROM call_events
                           WHERE type = ANY($3::text[]) AND at >= $1 AND at < $2)
      ORDER BY e.call_id, e.at, e.id`,
    [start, end, REPORT_EVENT_TYPES],
  );
  return rows;
}
