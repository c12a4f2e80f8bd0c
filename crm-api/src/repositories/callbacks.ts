import type { CallbackDto } from '@cc1357/contracts';
import { isoUtc, type Queryable } from '../db/pool';
import type { CallbackChange } from '../domain/callbackTransitions';

export const CALLBACK_COLUMNS = `b.id::text AS id, b.number, b.queue, ${isoUtc('b.due_at')} AS "dueAt", b.status,
  b.company_id::text AS "companyId", b.consultation_id::text AS "consultationId", b.call_id AS "callId", b.note,
  b.requested_by AS "requestedBy", ${isoUtc('b.created_at')} AS "createdAt", ${isoUtc('b.closed_at')} AS "closedAt",
  b.owner, b.attempts, b.last_outcome AS "lastOutcome"`;

export interface NewCallback {
  number: string;
  queue: string;
  dueAt: Date;
  companyId: string | null;
  consultationId: string | null;
  callId: string | null;
  note: string | null;
  requestedBy: string;
  now: Date;
}

/** Inserts an open callback; null when the number already has one open (the partial unique index). */
export async function insertCallback(db: Queryable, c: NewCallback): Promise<CallbackDto | null> {
  const { rows } = await db.query<CallbackDto>(
    `WITH ins AS (
       INSERT INTO callbacks (number, queue, due_at, status, company_id, consultation_id, call_id, note, requested_by, created_at, updated_at)
       VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9, $9)
       ON CONFLICT (number) WHERE status IN ('open', 'dialing') DO NOTHING
       RETURNING *)
     SELECT ${CALLBACK_COLUMNS} FROM ins b`,
    [c.number, c.queue, c.dueAt, c.companyId, c.consultationId, c.callId, c.note, c.requestedBy, c.now],
  );
  return rows[0] ?? null;
}

export async function openCallbackOfNumber(db: Queryable, number: string): Promise<CallbackDto | null> {
  const { rows } = await db.query<CallbackDto>(
    `SELECT ${CALLBACK_COLUMNS} FROM callbacks b WHERE b.number = $1 AND b.status IN ('open', 'dialing')`,
    [number],
  );
  return rows[0] ?? null;
}

export async function callbackById(db: Queryable, id: string): Promise<CallbackDto | null> {
  const { rows } = await db.query<CallbackDto>(`SELECT ${CALLBACK_COLUMNS} FROM callbacks b WHERE b.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listCallbacks(
  db: Queryable,
  f: { status?: string | undefined; number?: string | undefined; limit: number },
): Promise<CallbackDto[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.status) where.push(`b.status = $${params.push(f.status)}`);
  if (f.number) where.push(`b.number = $${params.push(f.number)}`);
  const { rows } = await db.query<CallbackDto>(
    `SELECT ${CALLBACK_COLUMNS} FROM callbacks b ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY b.due_at, b.id LIMIT $${params.push(f.limit)}`,
    params,
  );
  return rows;
}

export async function updateCallback(
  db: Queryable,
  id: string,
  status: string,
  dueAt: Date | null,
  note: string | null | undefined,
  now: Date,
): Promise<CallbackDto | null> {
  const closed = status === 'done' || status === 'cancelled' || status === 'failed';
  const { rows } = await db.query<CallbackDto>(
    `WITH up AS (
       UPDATE callbacks SET status = $2, due_at = COALESCE($3::timestamptz, due_at), note = CASE WHEN $5::boolean THEN $4::text ELSE note END,
              updated_at = $6::timestamptz, closed_at = CASE WHEN $7::boolean THEN $6::timestamptz ELSE NULL END
        WHERE id = $1 RETURNING *)
     SELECT ${CALLBACK_COLUMNS} FROM up b`,
    [id, status, dueAt, note ?? null, note !== undefined, now, closed],
  );
  return rows[0] ?? null;
}

/**
 * Writes a counselor's step (`domain/callbackTransitions.ts`) only if the callback is still as it
 * was read (status and attempts): of two racing clicks one wins, the other re-reads and decides
 * again. Null when it changed meanwhile.
 */
export async function applyCallbackChange(
  db: Queryable,
  id: string,
  prior: { status: string; attempts: number },
  change: CallbackChange,
  now: Date,
): Promise<CallbackDto | null> {
  const closed = change.status === 'done' || change.status === 'cancelled' || change.status === 'failed';
  const { rows } = await db.query<CallbackDto>(
    `WITH up AS (
       UPDATE callbacks SET status = $4, owner = $5, attempts = $6, due_at = $7::timestamptz, call_id = $8,
              last_outcome = COALESCE($9, last_outcome),
              note = CASE WHEN $11::boolean THEN $10::text ELSE note END,
              updated_at = $12::timestamptz, closed_at = CASE WHEN $13::boolean THEN $12::timestamptz ELSE NULL END
        WHERE id = $1 AND status = $2 AND attempts = $3 RETURNING *)
     SELECT ${CALLBACK_COLUMNS} FROM up b`,
    [
      id,
      prior.status,
      prior.attempts,
      change.status,
      change.owner,
      change.attempts,
      change.dueAt,
      change.callId,
      change.lastOutcome,
      change.note ?? null,
      change.note !== undefined,
      now,
      closed,
    ],
  );
  return rows[0] ?? null;
}
