import { isoUtc, type Queryable } from '../db/pool';

/** The consultation shown beside a recording's audio. */
export async function consultationForRecording(db: Queryable, id: string) {
  const { rows } = await db.query(
    `SELECT id::text AS id, category, sub_category AS "subCategory", summary, outcome, follow_up AS "followUp",
            ${isoUtc('created_at')} AS "createdAt"
       FROM consultations WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}
