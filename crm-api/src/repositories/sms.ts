import type { SmsMessageDto } from '@cc1357/contracts';
import { isoUtc, type Queryable } from '../db/pool';

const COLUMNS = `m.id::text AS id, m.caller_number AS "callerNumber", m.company_id::text AS "companyId",
  m.consultation_id::text AS "consultationId", m.template, m.body, ARRAY(SELECT x::text FROM unnest(m.program_ids) x) AS "programIds",
  m.status, m.attempts, m.error, ${isoUtc('m.created_at')} AS "createdAt", ${isoUtc('m.sent_at')} AS "sentAt",
  ${isoUtc('m.delivered_at')} AS "deliveredAt", ${isoUtc('m.failed_at')} AS "failedAt"`;

export interface NewSms {
  idempotencyKey: string;
  requestHash: string;
  callerNumber: string;
  companyId: string | null;
  consultationId: string | null;
  template: string;
  body: string;
  programIds: string[];
  senderId: string;
  now: Date;
}

export async function insertSmsIfAbsent(db: Queryable, m: NewSms): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO sms_messages (idempotency_key, request_hash, caller_number, company_id, consultation_id, template, body, program_ids,
                               status, sender_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::bigint[], 'queued', $9, $10)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id::text AS id`,
    [
      m.idempotencyKey,
      m.requestHash,
      m.callerNumber,
      m.companyId,
      m.consultationId,
      m.template,
      m.body,
      m.programIds,
      m.senderId,
      m.now,
    ],
  );
  return rows[0]?.id ?? null;
}

export async function smsByKey(
  db: Queryable,
  key: string,
): Promise<{ requestHash: string; dto: SmsMessageDto } | null> {
  const { rows } = await db.query<SmsMessageDto & { requestHash: string }>(
    `SELECT ${COLUMNS}, m.request_hash AS "requestHash" FROM sms_messages m WHERE m.idempotency_key = $1`,
    [key],
  );
  if (!rows[0]) return null;
  const { requestHash, ...dto } = rows[0];
  return { requestHash, dto };
}

export async function smsById(db: Queryable, id: string): Promise<SmsMessageDto | null> {
  const { rows } = await db.query<SmsMessageDto>(`SELECT ${COLUMNS} FROM sms_messages m WHERE m.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function smsOfNumber(db: Queryable, number: string, limit: number): Promise<SmsMessageDto[]> {
  const { rows } = await db.query<SmsMessageDto>(
    `SELECT ${COLUMNS} FROM sms_messages m WHERE m.caller_number = $1 ORDER BY m.created_at DESC, m.id DESC LIMIT $2`,
    [number, limit],
  );
  return rows;
}

/** Outbox rows not yet handed to BullMQ, oldest first. */
export async function pendingOutbox(db: Queryable, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id::text AS id FROM sms_messages WHERE status = 'queued' AND enqueued_at IS NULL ORDER BY id LIMIT $1`,
    [limit],
  );
  return rows.map((r) => r.id);
}

export async function markEnqueued(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query(`UPDATE sms_messages SET enqueued_at = COALESCE(enqueued_at, $2) WHERE id = $1`, [id, now]);
}

export interface DeliveryClaim {
  id: string;
  callerNumber: string;
  body: string;
  optedOut: boolean;
}

/** Claims a queued message for one delivery attempt; null when it was already sent or failed. */
export async function claimForDelivery(db: Queryable, id: string): Promise<DeliveryClaim | null> {
  const { rows } = await db.query<DeliveryClaim>(
    `UPDATE sms_messages m SET attempts = attempts + 1 WHERE m.id = $1 AND m.status = 'queued'
     RETURNING m.id::text AS id, m.caller_number AS "callerNumber", m.body,
               EXISTS (SELECT 1 FROM sms_opt_outs o WHERE o.number = m.caller_number) AS "optedOut"`,
    [id],
  );
  return rows[0] ?? null;
}

export async function markSent(db: Queryable, id: string, gatewayId: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE sms_messages SET status = 'sent', gateway_id = $2, sent_at = $3, error = NULL WHERE id = $1 AND status = 'queued'`,
    [id, gatewayId, now],
  );
}

export async function markDelivered(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query(`UPDATE sms_messages SET status = 'delivered', delivered_at = $2 WHERE id = $1 AND status = 'sent'`, [
    id,
    now,
  ]);
}

export async function markFailed(db: Queryable, id: string, error: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE sms_messages SET status = 'failed', error = $2, failed_at = $3 WHERE id = $1 AND status IN ('queued', 'sent')`,
    [id, error, now],
  );
}

export async function noteAttemptError(db: Queryable, id: string, error: string): Promise<void> {
  await db.query(`UPDATE sms_messages SET error = $2 WHERE id = $1`, [id, error]);
}

export async function isOptedOut(db: Queryable, number: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM sms_opt_outs WHERE number = $1', [number]);
  return (rowCount ?? 0) > 0;
}

export async function addOptOut(db: Queryable, number: string, source: string, now: Date): Promise<void> {
  await db.query(
    `INSERT INTO sms_opt_outs (number, source, created_at) VALUES ($1, $2, $3) ON CONFLICT (number) DO NOTHING`,
    [number, source, now],
  );
}

export async function removeOptOut(db: Queryable, number: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM sms_opt_outs WHERE number = $1', [number]);
  return (rowCount ?? 0) > 0;
}
