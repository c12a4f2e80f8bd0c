import type { Queryable } from '../db/pool';
import type { WritePart } from '../db/writeTogether';
import { inLockOrder } from '../db/lockOrder';
import type { QueueLeg } from '../domain/kpi';

const LEG_COLUMNS =
  'call_id text, queue text, entered_at timestamptz, connected_at timestamptz, abandoned_at timestamptz';

/**
 * The writes that make `queue_legs` hold exactly `legs` for the given calls: new legs are inserted,
 * changed ones rewritten (an earlier entry or an outcome that arrived late), and legs of these
 * calls no longer derived are deleted. Run them with writeTogether, under the calls' lock
 * (lockCallsAndInsertEvents) with the legs of all their events, so replays and out-of-order batches
 * end on the same rows; unchanged rows are not touched. The delete and the upsert touch different
 * rows (a leg is either in `legs` or not), so they can share a statement's snapshot.
 */
export function queueLegWrites(callIds: readonly string[], legs: readonly QueueLeg[]): WritePart[] {
  if (callIds.length === 0) return [];
  const rows = JSON.stringify(
    inLockOrder(
      legs
        .filter((l) => callIds.includes(l.callId))
        .map((l) => ({
          call_id: l.callId,
          queue: l.queue,
          entered_at: l.enteredAt.toISOString(),
          connected_at: l.connectedAt?.toISOString() ?? null,
          abandoned_at: l.abandonedAt?.toISOString() ?? null,
        })),
      // By call, then queue (NUL sorts below any character of a call id).
      (r) => `${r.call_id}\u0000${r.queue}`,
    ),
  );
  return [
    {
      name: 'deleteUnderivedQueueLegs',
      sql: `DELETE FROM queue_legs q
      WHERE q.call_id = ANY($1::text[])
        AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS x(${LEG_COLUMNS})
                         WHERE x.call_id = q.call_id AND x.queue = q.queue)`,
      params: [callIds, rows],
    },
    {
      name: 'upsertQueueLegs',
      sql: `INSERT INTO queue_legs AS q (call_id, queue, entered_at, connected_at, abandoned_at)
     SELECT call_id, queue, entered_at, connected_at, abandoned_at FROM jsonb_to_recordset($1::jsonb) AS x(${LEG_COLUMNS})
     ON CONFLICT (call_id, queue) DO UPDATE
        SET entered_at = EXCLUDED.entered_at, connected_at = EXCLUDED.connected_at,
            abandoned_at = EXCLUDED.abandoned_at, updated_at = now()
      WHERE (q.entered_at, q.connected_at, q.abandoned_at)
            IS DISTINCT FROM (EXCLUDED.entered_at, EXCLUDED.connected_at, EXCLUDED.abandoned_at)`,
      params: [rows],
    },
  ];
}

/** The legs that entered a queue in [start, end), with their outcome whenever it came. */
export async function queueLegsEnteredBetween(db: Queryable, start: Date, end: Date): Promise<QueueLeg[]> {
  const { rows } = await db.query<QueueLeg>(
    `SELECT call_id AS "callId", queue, entered_at AS "enteredAt", connected_at AS "connectedAt",
            abandoned_at AS "abandonedAt"
       FROM queue_legs
      WHERE entered_at >= $1 AND entered_at < $2
      ORDER BY entered_at, call_id, queue`,
    [start, end],
  );
  return rows;
}
