import type { Queryable } from '../db/pool';

/** SQL of the reconciler and the retention job (services/recordingMaintenance.ts holds the rules). */

/** Storage keys the index still claims (every state but deleted). */
export async function indexedKeys(db: Queryable): Promise<{ id: string; name: string; key: string; state: string }[]> {
  const { rows } = await db.query(
    `SELECT id::text AS id, name, storage_key AS key, state FROM recordings
      WHERE storage_key IS NOT NULL AND state <> 'deleted'`,
  );
  return rows;
}

export async function markMissing(db: Queryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `UPDATE recordings SET state = 'missing', last_error = 'file not in storage' WHERE id = ANY($1::bigint[])`,
    [ids],
  );
}

/**
 * Recordings that started on calls which ended, with no row: the PBX never said it finished (it
 * crashed). They get a pending row, so the finalise job asks the PBX for whatever it kept.
 */
export async function adoptUnfinished(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `INSERT INTO recordings (name, call_id)
     SELECT DISTINCT COALESCE(e.data->>'name', e.data->>'recordingName'), e.call_id
       FROM call_events e JOIN call_records cr ON cr.call_id = e.call_id AND cr.ended_at IS NOT NULL
      WHERE e.type = 'recording.started' AND COALESCE(e.data->>'name', e.data->>'recordingName') LIKE 'cc/%'
        AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.name = COALESCE(e.data->>'name', e.data->>'recordingName'))
     ON CONFLICT (name) DO NOTHING
     RETURNING name`,
  );
  return rows.map((r) => r.name);
}

/** Pending rows created before `before` (their job may have been lost with Redis) and failed rows. */
export async function unfinalised(db: Queryable, before: Date, limit = 500): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT name FROM recordings WHERE (state = 'pending' AND created_at < $1) OR state = 'failed'
      ORDER BY id LIMIT $2`,
    [before, limit],
  );
  return rows.map((r) => r.name);
}

export async function expiredRecordings(
  db: Queryable,
  cutoff: Date,
  limit: number,
): Promise<{ id: string; name: string; key: string | null; startedAt: string | null }[]> {
  const { rows } = await db.query(
    `SELECT id::text AS id, name, storage_key AS key, started_at::text AS "startedAt" FROM recordings
      WHERE state IN ('stored', 'missing') AND NOT legal_hold AND COALESCE(started_at, created_at) < $1
      ORDER BY started_at LIMIT $2`,
    [cutoff, limit],
  );
  return rows;
}

/** Deleted unless a legal hold arrived meanwhile (then false: the file stays). */
export async function markDeleted(db: Queryable, id: string, at: Date): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE recordings SET state = 'deleted', deleted_at = $2 WHERE id = $1 AND NOT legal_hold AND state <> 'deleted'`,
    [id, at],
  );
  return (rowCount ?? 0) > 0;
}

export async function retentionFigures(
  db: Queryable,
  cutoffWithin: Date,
): Promise<{
  stored: number;
  onLegalHold: number;
  expiringCount: number;
  expiringBytes: number;
  byState: Record<string, number>;
}> {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE state = 'stored')::int AS stored,
            count(*) FILTER (WHERE state = 'stored' AND legal_hold)::int AS "onLegalHold",
            count(*) FILTER (WHERE state = 'stored' AND NOT legal_hold AND COALESCE(started_at, created_at) < $1)::int AS "expiringCount",
            COALESCE(sum(bytes) FILTER (WHERE state = 'stored' AND NOT legal_hold AND COALESCE(started_at, created_at) < $1), 0)::float8 AS "expiringBytes",
            COALESCE((SELECT jsonb_object_agg(state, n) FROM (SELECT state, count(*)::int AS n FROM recordings GROUP BY state) s), '{}') AS "byState"
       FROM recordings`,
    [cutoffWithin],
  );
  return rows[0];
}
