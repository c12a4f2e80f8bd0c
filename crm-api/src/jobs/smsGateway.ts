import type { Queryable } from '../db/pool';

/** What any SMS carrier adapter does: hand a message over, say whether it was delivered. */
export interface SmsGateway {
  send(message: { id: string; to: string; body: string }): Promise<{ gatewayId: string; delivered: boolean }>;
}

/**
 * The demo/test gateway: records what would have been sent in `sms_sink` and reports it
 * delivered. Numbers in `rejectNumbers` fail, to exercise retries and the failed status.
 */
export function createSinkGateway(db: Queryable, opts: { rejectNumbers?: ReadonlySet<string> } = {}): SmsGateway {
  return {
    async send(m) {
      if (opts.rejectNumbers?.has(m.to)) throw new Error(`gateway rejected ${m.to}`);
      const { rows } = await db.query<{ id: string }>(
        `INSERT INTO sms_sink (message_id, to_number, body) VALUES ($1, $2, $3) RETURNING id::text AS id`,
        [m.id, m.to, m.body],
      );
      return { gatewayId: `sink-${rows[0]!.id}`, delivered: true };
    },
  };
}
