import type { Queryable } from '../db/pool';
import type { IvrEventFact } from '../domain/ivrDropout';

/**
 * The events the IVR drop-out report needs, for calls that arrived (or ran an IVR step) in
 * [start, end). Later events of those calls are included even past `end` (a call near midnight).
 */
export async function ivrEventsOfCallsIn(db: Queryable, start: Date, end: Date): Promise<IvrEventFact[]> {
  const { rows } = await db.query<IvrEventFact>(
    `WITH day_calls AS (
       SELECT DISTINCT call_id FROM call_events WHERE type IN ('call.arrived', 'ivr.step') AND at >= $1 AND at < $2
     )
     SELECT e.call_id AS "callId", e.type, e.at, e.data
       FROM call_events e JOIN day_calls d ON d.call_id = e.call_id
      WHERE e.type IN ('call.arrived', 'ivr.step', 'ivr.finished', 'call.ended')
      ORDER BY e.call_id, e.at, e.id`,
    [start, end],
  );
  return rows;
}
