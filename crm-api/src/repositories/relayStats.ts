import type { RelayDayStats } from '@cc1357/contracts';
import type { Queryable } from '../db/pool';

/**
 * A day's relays (made that Seoul day, outbound; or those of the Seoul days `date`..`to`) and whether each carried its context: the
 * package delivered (acknowledged by the partner's system) no later than the partner answered
 * the relayed call (`transfer.answered`, the first from a minute before the relay on — the IVR's
 * relay is written just after the answer, so its package can never count as carried).
 */
export async function relayDayStats(db: Queryable, date: string, to?: string): Promise<RelayDayStats> {
  const { rows } = await db.query<{ relays: number; answered: number; carried: number; callbacks: number }>(
    `WITH r AS (
       SELECT r.delivered_at, r.callback_number,
              (SELECT min(e.at) FROM call_events e
                WHERE e.call_id = r.call_id AND e.type = 'transfer.answered'
                  AND e.at >= r.created_at - interval '1 minute') AS answered_at
         FROM relays r
        WHERE r.direction = 'outbound'
          AND r.created_at >= $1::date::timestamp AT TIME ZONE 'Asia/Seoul'
          AND r.created_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul')
     SELECT count(*)::int AS relays,
            count(answered_at)::int AS answered,
            count(*) FILTER (WHERE delivered_at IS NOT NULL AND delivered_at <= answered_at)::int AS carried,
            count(callback_number)::int AS callbacks
       FROM r`,
    [date, to ?? date],
  );
  const row = rows[0]!;
  return {
    date,
    ...(to !== undefined ? { to } : {}),
    relays: row.relays,
    answered: row.answered,
    contextCarried: row.carried,
    callbacks: row.callbacks,
    contextRate: row.answered > 0 ? row.carried / row.answered : null,
  };
}
