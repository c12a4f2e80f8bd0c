import type { Queryable } from '../db/pool';
import type { OpenCall } from '../domain/staleCalls';

/** Every call record without an end, with the time of its last event (domain/staleCalls.ts decides). */
export async function openCalls(db: Queryable, limit: number): Promise<OpenCall[]> {
  const { rows } = await db.query<{ call_id: string; last_at: Date }>(
    `SELECT r.call_id, max(e.at) AS last_at
       FROM call_records r JOIN call_events e ON e.call_id = r.call_id
      WHERE r.ended_at IS NULL
      GROUP BY r.call_id
      ORDER BY last_at
      LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({ callId: r.call_id, lastEventAt: r.last_at }));
}
