import type { RecordingDto, RecordingSearchQuery, RecordingState } from '@cc1357/contracts';
import { isoUtc, type Queryable } from '../db/pool';
import type { WritePart } from '../db/writeTogether';

/**
 * The recordings index. Company, consultation and category come from the row when the finalise
 * job found them, else from the call's latest consultation now (it is often written after the
 * recording was stored, during wrap-up).
 */

const FROM = `recordings r
  LEFT JOIN LATERAL (
    SELECT k.id, k.company_id, k.category FROM consultations k
     WHERE k.id = r.consultation_id OR (r.consultation_id IS NULL AND k.call_id = r.call_id)
     ORDER BY k.id = r.consultation_id DESC, k.created_at DESC LIMIT 1) k ON true
  LEFT JOIN companies c ON c.id = COALESCE(r.company_id, k.company_id)
  LEFT JOIN users u ON u.agent_id = r.agent_id`;

const columns = (retentionDays: number) => `r.id::text AS id, r.name, r.call_id AS "callId", r.agent_id AS "agentId",
  u.display_name AS "counselorName", r.queue, c.id::text AS "companyId", c.name AS "companyName",
  k.id::text AS "consultationId", r.caller_number AS "callerNumber", COALESCE(r.category, k.category) AS category,
  ${isoUtc('r.started_at')} AS "startedAt", ${isoUtc('r.ended_at')} AS "endedAt", r.duration_ms AS "durationMs",
  r.bytes::float8 AS bytes, r.sha256, r.state, r.legal_hold AS "legalHold", r.paused_spans AS "pausedSpans",
  ${isoUtc('r.finalised_at')} AS "finalisedAt",
  CASE WHEN r.state = 'stored' AND NOT r.legal_hold
       THEN ${isoUtc(`(COALESCE(r.started_at, r.created_at) + make_interval(days => ${Math.trunc(retentionDays)}))`)} END AS "expiresAt",
  (SELECT round(avg(v.total), 1)::float8 FROM recording_reviews v WHERE v.recording_id = r.id) AS "reviewScore"`;

export type RecordingRow = RecordingDto & { storageKey: string | null };

/**
 * The write that records finished recordings as pending rows, one per PBX name (none for none):
 * the call-event ingest runs it in the statement that stores their events.
 */
export function pendingRecordingWrites(items: { name: string; callId: string; pausedSpans: unknown[] }[]): WritePart[] {
  if (items.length === 0) return [];
  return [
    {
      name: 'insertPendingRecordings',
      sql: `INSERT INTO recordings (name, call_id, paused_spans)
     SELECT x.name, x.call_id, x.paused_spans FROM jsonb_to_recordset($1::jsonb) AS x(name text, call_id text, paused_spans jsonb)
     ON CONFLICT (name) DO NOTHING`,
      params: [JSON.stringify(items.map((i) => ({ name: i.name, call_id: i.callId, paused_spans: i.pausedSpans })))],
    },
  ];
}

export async function recordingByName(
  db: Queryable,
  name: string,
): Promise<{ id: string; state: RecordingState; callId: string; attempts: number } | null> {
  const { rows } = await db.query(
    `SELECT id::text AS id, state, call_id AS "callId", attempts FROM recordings WHERE name = $1`,
    [name],
  );
  return rows[0] ?? null;
}

/** What the call's record and consultation say about it when the recording is finalised. */
export async function callContextOf(
  db: Queryable,
  callId: string,
): Promise<{
  agentId: string | null;
  queue: string | null;
  callerNumber: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  companyId: string | null;
  consultationId: string | null;
  category: string | null;
}> {
  const { rows } = await db.query(
    `SELECT cr.agent_id AS "agentId", cr.queue, COALESCE(cr.caller_number, k.caller_number) AS "callerNumber",
            COALESCE(cr.connected_at, cr.arrived_at) AS "startedAt", cr.ended_at AS "endedAt",
            k.company_id::text AS "companyId", k.id::text AS "consultationId", k.category
       FROM (SELECT $1::text AS call_id) q
       LEFT JOIN call_records cr ON cr.call_id = q.call_id
       LEFT JOIN LATERAL (SELECT * FROM consultations WHERE call_id = q.call_id ORDER BY created_at DESC LIMIT 1) k ON true`,
    [callId],
  );
  return rows[0];
}

export async function markStored(
  db: Queryable,
  id: string,
  r: {
    storageKey: string;
    bytes: number;
    sha256: string;
    durationMs: number | null;
    context: Awaited<ReturnType<typeof callContextOf>>;
    at: Date;
  },
): Promise<void> {
  const c = r.context;
  await db.query(
    `UPDATE recordings SET state = 'stored', storage_key = $2, bytes = $3, sha256 = $4, duration_ms = $5::int,
            agent_id = $6, queue = $7, caller_number = $8, started_at = $9::timestamptz,
            ended_at = COALESCE($10::timestamptz, $9::timestamptz + make_interval(secs => $5::int / 1000.0)),
            company_id = $11, consultation_id = $12, category = $13, finalised_at = $14, last_error = NULL,
            attempts = attempts + 1
      WHERE id = $1`,
    [
      id,
      r.storageKey,
      r.bytes,
      r.sha256,
      r.durationMs,
      c.agentId,
      c.queue,
      c.callerNumber,
      c.startedAt,
      c.endedAt,
      c.companyId,
      c.consultationId,
      c.category,
      r.at,
    ],
  );
}

/** One failed finalise attempt; `final` marks it failed (a later reconcile may retry it). */
export async function noteFinaliseError(db: Queryable, id: string, error: string, final: boolean): Promise<void> {
  await db.query(
    `UPDATE recordings SET attempts = attempts + 1, last_error = $2,
            state = CASE WHEN $3 THEN 'failed' ELSE state END
      WHERE id = $1 AND state IN ('pending', 'failed')`,
    [id, error.slice(0, 500), final],
  );
}

export async function searchRecordings(
  db: Queryable,
  q: Omit<RecordingSearchQuery, 'limit'> & { limit: number; onlyAgentId?: string | null },
  retentionDays: number,
): Promise<RecordingRow[]> {
  const where: string[] = [];
  const args: unknown[] = [];
  const arg = (v: unknown) => `$${args.push(v)}`;
  where.push(`r.state = ${arg(q.state ?? 'stored')}`);
  if (q.onlyAgentId !== undefined) where.push(`r.agent_id = ${arg(q.onlyAgentId)}`);
  // Days are Seoul days, as everywhere in the center.
  if (q.from) where.push(`r.started_at >= (${arg(q.from)}::date)::timestamp AT TIME ZONE 'Asia/Seoul'`);
  if (q.to) where.push(`r.started_at < ((${arg(q.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul')`);
  if (q.agentId) where.push(`r.agent_id = ${arg(q.agentId)}`);
  if (q.queue) where.push(`r.queue = ${arg(q.queue)}`);
  if (q.companyId) where.push(`c.id = ${arg(q.companyId)}`);
  if (q.callerNumber) where.push(`r.caller_number LIKE '%' || ${arg(q.callerNumber.replace(/-/g, ''))} || '%'`);
  if (q.category) where.push(`COALESCE(r.category, k.category) = ${arg(q.category)}`);
  if (q.minSeconds !== undefined) where.push(`r.duration_ms >= ${arg(q.minSeconds * 1000)}`);
  if (q.maxSeconds !== undefined) where.push(`r.duration_ms <= ${arg(q.maxSeconds * 1000)}`);
  const { rows } = await db.query(
    `SELECT ${columns(retentionDays)}, r.storage_key AS "storageKey" FROM ${FROM}
      WHERE ${where.join(' AND ')}
      ORDER BY r.started_at DESC NULLS LAST, r.id DESC LIMIT ${arg(q.limit)}`,
    args,
  );
  return rows;
}

export async function recordingById(db: Queryable, id: string, retentionDays: number): Promise<RecordingRow | null> {
  const { rows } = await db.query(
    `SELECT ${columns(retentionDays)}, r.storage_key AS "storageKey" FROM ${FROM} WHERE r.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function setLegalHold(db: Queryable, id: string, hold: boolean): Promise<boolean> {
  const { rowCount } = await db.query(`UPDATE recordings SET legal_hold = $2 WHERE id = $1`, [id, hold]);
  return (rowCount ?? 0) > 0;
}
