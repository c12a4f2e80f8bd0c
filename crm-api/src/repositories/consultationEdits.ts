import type { ConsultationDetail, ConsultationRevisionDto, SubCategoryCatalogue } from '@cc1357/contracts';
import { CATEGORY_LABELS, type CategoryCode } from '@cc1357/contracts';
import { isoUtc, type Queryable } from '../db/pool';
import { DTO_COLUMNS } from './consultations';

const DETAIL_COLUMNS = `${DTO_COLUMNS}, k.revision, ${isoUtc('k.updated_at')} AS "updatedAt", ub.display_name AS "updatedByName",
  k.recording_name AS "recordingName", k.relay_id::text AS "relayId", ${isoUtc('k.follow_up_closed_at')} AS "followUpClosedAt"`;

export async function consultationDetail(
  db: Queryable,
  id: string,
  forUpdate = false,
): Promise<ConsultationDetail | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const { rows } = await db.query<ConsultationDetail>(
    `SELECT ${DETAIL_COLUMNS} FROM consultations k JOIN users u ON u.id = k.counselor_id LEFT JOIN users ub ON ub.id = k.updated_by
      WHERE k.id = $1 ${forUpdate ? 'FOR UPDATE OF k' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

export interface ConsultationChange {
  category: string;
  subCategory: string | null;
  summary: string;
  outcome: string;
  followUp: string | null;
  followUpClosedAt: Date | null;
  recordingName: string | null;
  relayId: string | null;
}

export async function saveRevisionAndUpdate(
  db: Queryable,
  id: string,
  prior: ConsultationDetail,
  changedFields: string[],
  next: ConsultationChange,
  by: string,
  at: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO consultation_revisions (consultation_id, revision, snapshot, changed_fields, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, prior.revision, JSON.stringify(prior), changedFields, by, at],
  );
  await db.query(
    `UPDATE consultations SET category = $2, sub_category = $3, summary = $4, outcome = $5, follow_up = $6, follow_up_closed_at = $7,
            recording_name = $8, relay_id = $9, revision = revision + 1, updated_at = $10, updated_by = $11
      WHERE id = $1`,
    [
      id,
      next.category,
      next.subCategory,
      next.summary,
      next.outcome,
      next.followUp,
      next.followUpClosedAt,
      next.recordingName,
      next.relayId,
      at,
      by,
    ],
  );
}

export async function revisionsOf(db: Queryable, id: string): Promise<ConsultationRevisionDto[]> {
  const { rows } = await db.query<ConsultationRevisionDto>(
    `SELECT r.revision, r.snapshot, r.changed_fields AS "changedFields", r.changed_by::text AS "changedBy", u.display_name AS "changedByName",
            ${isoUtc('r.changed_at')} AS "changedAt"
       FROM consultation_revisions r JOIN users u ON u.id = r.changed_by WHERE r.consultation_id = $1 ORDER BY r.revision`,
    [id],
  );
  return rows;
}

export async function subCategoryCatalogue(db: Queryable): Promise<SubCategoryCatalogue> {
  const { rows } = await db.query<{ category: CategoryCode; labels: string[] }>(
    `SELECT category, array_agg(label ORDER BY sort_order, label) AS labels FROM consultation_subcategories WHERE active GROUP BY category`,
  );
  const byCategory = new Map(rows.map((r) => [r.category, r.labels]));
  return (Object.keys(CATEGORY_LABELS) as CategoryCode[]).map((category) => ({
    category,
    labelKo: CATEGORY_LABELS[category].ko,
    subCategories: byCategory.get(category) ?? [],
  }));
}

export async function isSubCategory(db: Queryable, category: string, label: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM consultation_subcategories WHERE category = $1 AND label = $2 AND active',
    [category, label],
  );
  return (rowCount ?? 0) > 0;
}
