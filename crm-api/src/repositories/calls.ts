import type { Queryable } from '../db/pool';

/** True when crm-api has heard of the call (any of its events made its call record). */
export async function callExists(db: Queryable, callId: string): Promise<boolean> {
  const { rowCount } = await db.query({
    name: 'call-exists',
    text: 'SELECT 1 FROM call_records WHERE call_id = $1',
    values: [callId],
  });
  return (rowCount ?? 0) > 0;
}
