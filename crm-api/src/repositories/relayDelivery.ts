import type { CategoryCode, PartnerId, RelayDto } from '@cc1357/contracts';
import { isoUtc, type Queryable } from '../db/pool';
import { RELAY_COLUMNS, RELAY_FROM } from './relays';

/*
 * The relay package's webhook delivery state (migration 015) and the partners' signed outcomes.
 * Postgres is the truth: a BullMQ job only says "deliver #id"; the worker claims the row first,
 * so a delivered or dead relay is never sent again by a stray job.
 */

/** A relay whose partner has a webhook: waiting for the worker. */
export async function queueRelayDelivery(db: Queryable, id: string): Promise<void> {
  await db.query(`UPDATE relays SET delivery_status = 'queued' WHERE id = $1 AND delivery_status = 'none'`, [id]);
}

/** Takes a queued (or interrupted) delivery for one attempt; null when delivered, dead or unknown. */
export async function claimRelayDelivery(db: Queryable, id: string): Promise<{ attempts: number } | null> {
  const { rows } = await db.query<{ attempts: number }>(
    `UPDATE relays SET delivery_status = 'delivering', delivery_attempts = delivery_attempts + 1
      WHERE id = $1 AND delivery_status IN ('queued', 'delivering') RETURNING delivery_attempts AS attempts`,
    [id],
  );
  return rows[0] ?? null;
}

export interface RelayPackageRow {
  id: string;
  idempotencyKey: string;
  partnerId: PartnerId;
  callerNumber: string | null;
  company: { id: string; name: string; bizRegNo: string } | null;
  category: CategoryCode | null;
  consultationId: string | null;
  question: string;
  context: string;
  createdBy: string;
  createdAt: string;
  partnerOpen: boolean | null;
  callbackNumber: string | null;
}

/** What the package is built from: the relay, its company and the consultation's category. */
export async function relayPackageRow(db: Queryable, id: string): Promise<RelayPackageRow | null> {
  const { rows } = await db.query<RelayPackageRow>(
    `SELECT r.id::text AS id, r.idempotency_key AS "idempotencyKey", r.partner_id AS "partnerId", r.caller_number AS "callerNumber",
            CASE WHEN co.id IS NULL THEN NULL ELSE json_build_object('id', co.id::text, 'name', co.name, 'bizRegNo', co.biz_reg_no) END AS company,
            k.category, r.consultation_id::text AS "consultationId", r.question, r.context, r.created_by AS "createdBy",
            ${isoUtc('r.created_at')} AS "createdAt", r.partner_open AS "partnerOpen", r.callback_number AS "callbackNumber"
       FROM relays r LEFT JOIN companies co ON co.id = r.company_id LEFT JOIN consultations k ON k.id = r.consultation_id
      WHERE r.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function markRelayDelivered(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE relays SET delivery_status = 'delivered', delivery_error = NULL, delivered_at = $2 WHERE id = $1`,
    [id, now],
  );
}

/** A failed attempt with more to come: back to queued, the error kept for the supervisor. */
export async function noteRelayAttemptError(db: Queryable, id: string, error: string): Promise<void> {
  await db.query(
    `UPDATE relays SET delivery_status = 'queued', delivery_error = $2 WHERE id = $1 AND delivery_status = 'delivering'`,
    [id, error],
  );
}

/** The last attempt failed: a dead letter. */
export async function markRelayDead(db: Queryable, id: string, error: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE relays SET delivery_status = 'dead', delivery_error = $2, dead_at = $3 WHERE id = $1 AND delivery_status <> 'delivered'`,
    [id, error, now],
  );
}

/** Queued deliveries (for the sweep that re-enqueues what Redis lost), with their redelivery count. */
export async function queuedRelayDeliveries(
  db: Queryable,
  limit: number,
): Promise<{ id: string; redeliveries: number }[]> {
  const { rows } = await db.query<{ id: string; redeliveries: number }>(
    `SELECT id::text AS id, redeliveries FROM relays WHERE delivery_status = 'queued' ORDER BY id LIMIT $1`,
    [limit],
  );
  return rows;
}

export async function redeliveriesOf(db: Queryable, id: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT redeliveries AS n FROM relays WHERE id = $1`, [id]);
  return rows[0]?.n ?? 0;
}

/** A supervisor's retry of a dead letter: queued again with fresh attempts; null unless it was dead. */
export async function requeueDeadRelay(db: Queryable, id: string): Promise<{ redeliveries: number } | null> {
  const { rows } = await db.query<{ redeliveries: number }>(
    `UPDATE relays SET delivery_status = 'queued', delivery_attempts = 0, redeliveries = redeliveries + 1, dead_at = NULL
      WHERE id = $1 AND delivery_status = 'dead' RETURNING redeliveries`,
    [id],
  );
  return rows[0] ?? null;
}

export async function deadRelays(db: Queryable, limit: number): Promise<RelayDto[]> {
  const { rows } = await db.query<RelayDto>(
    `SELECT ${RELAY_COLUMNS} FROM ${RELAY_FROM} WHERE r.delivery_status = 'dead' ORDER BY r.dead_at DESC, r.id DESC LIMIT $1`,
    [limit],
  );
  return rows;
}

export async function outcomeReceiptExists(db: Queryable, partnerId: string, deliveryId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM relay_outcome_receipts WHERE partner_id = $1 AND delivery_id = $2`,
    [partnerId, deliveryId],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * A partner's outcome, once per delivery id: the receipt and the relay's update are one
 * statement, so two copies of a post racing each other apply it once. False = already applied.
 */
export async function applyPartnerOutcome(
  db: Queryable,
  o: { partnerId: string; deliveryId: string; relayId: string; status: string; outcome: string; by: string; now: Date },
): Promise<boolean> {
  const { rowCount } = await db.query(
    `WITH receipt AS (
       INSERT INTO relay_outcome_receipts (partner_id, delivery_id, relay_id, status, received_at)
       VALUES ($1, $2, $3, $4, $7) ON CONFLICT DO NOTHING RETURNING relay_id)
     UPDATE relays SET status = $4, outcome = $5, outcome_by = $6, outcome_at = $7, updated_at = $7
      WHERE id = (SELECT relay_id FROM receipt)`,
    [o.partnerId, o.deliveryId, o.relayId, o.status, o.outcome, o.by, o.now],
  );
  return (rowCount ?? 0) > 0;
}

/** The company of a 사업자등록번호 (normalised digits), or null. */
export async function companyIdByBizRegNo(db: Queryable, bizRegNo: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(`SELECT id::text AS id FROM companies WHERE biz_reg_no = $1`, [
    bizRegNo,
  ]);
  return rows[0]?.id ?? null;
}
