import type { RelayDto } from '@cc1357/contracts';
import { isoUtc, type Queryable } from '../db/pool';

export const RELAY_COLUMNS = `r.id::text AS id, r.partner_id AS "partnerId", r.call_id AS "callId", r.caller_number AS "callerNumber",
  r.company_id::text AS "companyId", co.name AS "companyName", r.consultation_id::text AS "consultationId", r.question, r.context,
  r.status, r.outcome, ${isoUtc('r.outcome_at')} AS "outcomeAt", r.created_by AS "createdBy", ${isoUtc('r.created_at')} AS "createdAt", r.outcome_by AS "outcomeBy",
  r.direction, r.partner_open AS "partnerOpen", r.callback_number AS "callbackNumber",
  json_build_object('status', r.delivery_status, 'attempts', r.delivery_attempts, 'lastError', r.delivery_error,
    'deliveredAt', ${isoUtc('r.delivered_at')}, 'deadAt', ${isoUtc('r.dead_at')}) AS delivery`;
export const RELAY_FROM = `relays r LEFT JOIN companies co ON co.id = r.company_id`;

export interface NewRelay {
  idempotencyKey: string;
  partnerId: string;
  callId: string | null;
  callerNumber: string | null;
  companyId: string | null;
  consultationId: string | null;
  question: string;
  context: string;
  createdBy: string;
  now: Date;
  /** Default outbound (1357 → partner). */
  direction?: 'outbound' | 'inbound';
  partnerOpen?: boolean | null;
  callbackNumber?: string | null;
}

/** Inserts unless the key exists; returns the new id or null. */
export async function insertRelay(db: Queryable, r: NewRelay): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO relays (idempotency_key, partner_id, call_id, caller_number, company_id, consultation_id, question, context, status,
                         created_by, created_at, updated_at, direction, partner_open, callback_number)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10, $10, $11, $12, $13)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id::text AS id`,
    [
      r.idempotencyKey,
      r.partnerId,
      r.callId,
      r.callerNumber,
      r.companyId,
      r.consultationId,
      r.question,
      r.context,
      r.createdBy,
      r.now,
      r.direction ?? 'outbound',
      r.partnerOpen ?? null,
      r.callbackNumber ?? null,
    ],
  );
  return rows[0]?.id ?? null;
}

export async function relayIdByKey(db: Queryable, key: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(`SELECT id::text AS id FROM relays WHERE idempotency_key = $1`, [
    key,
  ]);
  return rows[0]?.id ?? null;
}

export async function relayById(db: Queryable, id: string): Promise<RelayDto | null> {
  const { rows } = await db.query<RelayDto>(`SELECT ${RELAY_COLUMNS} FROM ${RELAY_FROM} WHERE r.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listRelays(
  db: Queryable,
  f: { partnerId?: string | undefined; status?: string | undefined; limit: number },
): Promise<RelayDto[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.partnerId) where.push(`r.partner_id = $${params.push(f.partnerId)}`);
  if (f.status) where.push(`r.status = $${params.push(f.status)}`);
  const { rows } = await db.query<RelayDto>(
    `SELECT ${RELAY_COLUMNS} FROM ${RELAY_FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.push(f.limit)}`,
    params,
  );
  return rows;
}

/** Relays the partner answered lately, for a company's page (newest first). */
export async function answeredRelaysOfCompany(db: Queryable, companyId: string, limit: number): Promise<RelayDto[]> {
  const { rows } = await db.query<RelayDto>(
    `SELECT ${RELAY_COLUMNS} FROM ${RELAY_FROM} WHERE r.company_id = $1 AND r.outcome_at IS NOT NULL
      ORDER BY r.outcome_at DESC, r.id DESC LIMIT $2`,
    [companyId, limit],
  );
  return rows;
}

export async function setRelayOutcome(
  db: Queryable,
  id: string,
  status: string,
  outcome: string,
  by: string,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE relays SET status = $2, outcome = $3, outcome_by = $4, outcome_at = $5, updated_at = $5 WHERE id = $1`,
    [id, status, outcome, by, now],
  );
}
