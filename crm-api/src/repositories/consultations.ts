import type { ConsultationDto } from '@cc1357/contracts';
import { isoUtc, type Queryable } from '../db/pool';

export const DTO_COLUMNS = `k.id::text AS id, k.company_id::text AS "companyId", k.call_id AS "callId",
  k.caller_number AS "callerNumber", k.counselor_id::text AS "counselorId", u.display_name AS "counselorName",
  k.category, k.sub_category AS "subCategory", k.summary, k.outcome, k.follow_up AS "followUp",
  ${isoUtc('k.created_at')} AS "createdAt"`;

export interface NewConsultation {
  idempotencyKey: string;
  requestHash: string;
  companyId: string | null;
  callId: string | null;
  callerNumber: string | null;
  counselorId: string;
  category: string;
  subCategory: string | null;
  summary: string;
  outcome: string;
  followUp: string | null;
  createdAt: Date;
}

/** Inserts unless the key exists; returns the new row's id, or null when the key was taken. */
export async function insertConsultationIfAbsent(db: Queryable, c: NewConsultation): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO consultations (idempotency_key, request_hash, company_id, call_id, caller_number, counselor_id,
                                category, sub_category, summary, outcome, follow_up, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING id::text AS id`,
    [
      c.idempotencyKey,
      c.requestHash,
      c.companyId,
      c.callId,
      c.callerNumber,
      c.counselorId,
      c.category,
      c.subCategory,
      c.summary,
      c.outcome,
      c.followUp,
      c.createdAt,
    ],
  );
  return rows[0]?.id ?? null;
}

export async function consultationByKey(
  db: Queryable,
  key: string,
): Promise<{ requestHash: string; dto: ConsultationDto } | null> {
  const { rows } = await db.query<ConsultationDto & { requestHash: string }>(
    `SELECT ${DTO_COLUMNS}, k.request_hash AS "requestHash"
       FROM consultations k JOIN users u ON u.id = k.counselor_id WHERE k.idempotency_key = $1`,
    [key],
  );
  const row = rows[0];
  if (!row) return null;
  const { requestHash, ...dto } = row;
  return { requestHash, dto };
}

export async function consultationById(db: Queryable, id: string): Promise<ConsultationDto | null> {
  const { rows } = await db.query<ConsultationDto>(
    `SELECT ${DTO_COLUMNS} FROM consultations k JOIN users u ON u.id = k.counselor_id WHERE k.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export interface ConsultationFilter {
  companyId?: string | undefined;
  callerNumber?: string | undefined;
  limit: number;
}

/** Newest first. Both filters given → consultations matching either (the company or the number). */
export async function listConsultations(db: Queryable, f: ConsultationFilter): Promise<ConsultationDto[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.companyId) where.push(`k.company_id = $${params.push(f.companyId)}`);
  if (f.callerNumber) where.push(`k.caller_number = $${params.push(f.callerNumber)}`);
  const clause = where.length ? `WHERE ${where.join(' OR ')}` : '';
  const { rows } = await db.query<ConsultationDto>(
    `SELECT ${DTO_COLUMNS} FROM consultations k JOIN users u ON u.id = k.counselor_id
     ${clause} ORDER BY k.created_at DESC, k.id DESC LIMIT $${params.push(f.limit)}`,
    params,
  );
  return rows;
}
