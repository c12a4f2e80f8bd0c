import type { Queryable } from '../db/pool';
import type { ReportEventFact } from '../domain/kpiReport';
import { REPORT_EVENT_TYPES, REPORT_FACT_COLUMNS } from './reports';

/**
 * A counselor's own day (issue 16): which calls were theirs, those calls' KPI events, and the
 * rows of the call list. SQL only; the rules are in services/myDay.ts.
 */

/** The events that make a call one of the agent's: a ring, a connect, a missed ring or a dial from the desk. */
export const AGENT_CALL_EVENT_TYPES = [
  'agent.offered',
  'agent.noAnswer',
  'call.connected',
  'call.outbound.started',
] as const;

/** The user's agent id (null: a user who takes no calls, or no such user). `userId` is a users.id (digits). */
export async function agentIdOfUser(db: Queryable, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ agentId: string | null }>(
    `SELECT agent_id AS "agentId" FROM users WHERE id = $1::bigint`,
    [userId],
  );
  return rows[0]?.agentId ?? null;
}

/** The calls the agent took part in within [start, end): one range scan of call_events_type_at_idx per type. */
export async function agentCallIdsBetween(db: Queryable, agentId: string, start: Date, end: Date): Promise<string[]> {
  const { rows } = await db.query<{ callId: string }>(
    `SELECT DISTINCT call_id AS "callId" FROM call_events
      WHERE type = ANY($4::text[]) AND at >= $2 AND at < $3 AND agent_id = $1`,
    [agentId, start, end, AGENT_CALL_EVENT_TYPES],
  );
  return rows.map((r) => r.callId);
}

/** Every KPI event of these calls (as reportFactsBetween reads them), through call_events_call_idx. */
export async function reportFactsOfCalls(db: Queryable, callIds: readonly string[]): Promise<ReportEventFact[]> {
  if (callIds.length === 0) return [];
  const { rows } = await db.query<ReportEventFact & { data: Record<string, unknown> | null }>(
    `SELECT ${REPORT_FACT_COLUMNS}
       FROM call_events e
      WHERE e.call_id = ANY($1::text[]) AND e.type = ANY($2::text[])`,
    [callIds, REPORT_EVENT_TYPES],
  );
  for (const r of rows) r.data ??= {};
  return rows as ReportEventFact[];
}

export interface MyCallRow {
  callId: string;
  /** Digits as stored (unmasked: the service masks). */
  callerNumber: string | null;
  queue: string | null;
  outcome: string;
  direction: 'inbound' | 'outbound';
  endedAt: Date | null;
  recordingName: string | null;
  companyId: string | null;
  companyName: string | null;
  /** The user's own consultation of the call. */
  consultationId: string | null;
}

/**
 * The call records of these calls, each with the user's consultation of it, the company (that
 * consultation's, else any consultation's of the call, else the one company of a contact with the
 * caller's number) and the recording (the record's, else the recordings index's).
 */
export async function myCallRows(db: Queryable, callIds: readonly string[], userId: string): Promise<MyCallRow[]> {
  if (callIds.length === 0) return [];
  const { rows } = await db.query<MyCallRow>(
    `SELECT r.call_id AS "callId", r.caller_number AS "callerNumber", r.queue, r.outcome, r.direction,
            r.ended_at AS "endedAt",
            COALESCE(r.recording_name,
                     (SELECT g.name FROM recordings g WHERE g.call_id = r.call_id ORDER BY g.id LIMIT 1)) AS "recordingName",
            c.id::text AS "companyId", c.name AS "companyName", mine.id::text AS "consultationId"
       FROM call_records r
       LEFT JOIN LATERAL (
         SELECT k.id, k.company_id FROM consultations k
          WHERE k.call_id = r.call_id AND k.counselor_id = $2::bigint
          ORDER BY k.created_at DESC, k.id DESC LIMIT 1) mine ON true
       LEFT JOIN LATERAL (
         SELECT k.company_id FROM consultations k
          WHERE k.call_id = r.call_id AND k.company_id IS NOT NULL
          ORDER BY k.created_at DESC, k.id DESC LIMIT 1) any_k ON mine.company_id IS NULL
       LEFT JOIN LATERAL (
         SELECT min(cc.company_id) AS company_id FROM contact_phones p
           JOIN contact_companies cc ON cc.contact_id = p.contact_id
          WHERE p.number = r.caller_number
         HAVING count(DISTINCT cc.company_id) = 1) by_number ON mine.company_id IS NULL AND any_k.company_id IS NULL
       LEFT JOIN companies c ON c.id = COALESCE(mine.company_id, any_k.company_id, by_number.company_id)
      WHERE r.call_id = ANY($1::text[])`,
    [callIds, userId],
  );
  return rows;
}

/** Consultations the user saved within [start, end). */
export async function consultationsSavedBetween(
  db: Queryable,
  userId: string,
  start: Date,
  end: Date,
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM consultations
      WHERE counselor_id = $1::bigint AND created_at >= $2 AND created_at < $3`,
    [userId, start, end],
  );
  return rows[0]?.n ?? 0;
}
