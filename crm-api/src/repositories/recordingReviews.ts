import type { CounselorReviewSummary, RecordingReviewDto, ReviewCriterionDto } from '@cc1357/contracts';
import { isoUtc, type Queryable } from '../db/pool';

const CRITERION = `id::text AS id, label, max_score AS "maxScore", active, sort_order AS "sortOrder"`;

export async function listCriteria(db: Queryable, onlyActive = false): Promise<ReviewCriterionDto[]> {
  const { rows } = await db.query(
    `SELECT ${CRITERION} FROM review_criteria ${onlyActive ? 'WHERE active' : ''} ORDER BY sort_order, id`,
  );
  return rows;
}

export async function insertCriterion(
  db: Queryable,
  c: { label: string; maxScore: number; active: boolean; sortOrder: number },
): Promise<ReviewCriterionDto> {
  const { rows } = await db.query(
    `INSERT INTO review_criteria (label, max_score, active, sort_order) VALUES ($1, $2, $3, $4) RETURNING ${CRITERION}`,
    [c.label, c.maxScore, c.active, c.sortOrder],
  );
  return rows[0];
}

export async function updateCriterion(
  db: Queryable,
  id: string,
  c: { label: string; maxScore: number; active: boolean; sortOrder: number },
): Promise<ReviewCriterionDto | null> {
  const { rows } = await db.query(
    `UPDATE review_criteria SET label = $2, max_score = $3, active = $4, sort_order = $5 WHERE id = $1 RETURNING ${CRITERION}`,
    [id, c.label, c.maxScore, c.active, c.sortOrder],
  );
  return rows[0] ?? null;
}

/** Sort order 1…n in the order of `ids` (one statement: the order changes all at once). */
export async function setCriteriaOrder(db: Queryable, ids: readonly string[]): Promise<void> {
  await db.query(
    `UPDATE review_criteria c SET sort_order = x.ord
       FROM unnest($1::bigint[]) WITH ORDINALITY AS x(id, ord) WHERE c.id = x.id`,
    [ids],
  );
}

const REVIEW = `v.id::text AS id, v.recording_id::text AS "recordingId", v.reviewer_id::text AS "reviewerId",
  u.display_name AS "reviewerName", v.scores, v.total::float8 AS total, v.comment, ${isoUtc('v.updated_at')} AS "updatedAt"`;

export async function upsertReview(
  db: Queryable,
  r: {
    recordingId: string;
    reviewerId: string;
    scores: Record<string, number>;
    total: number;
    comment: string;
    at: Date;
  },
): Promise<RecordingReviewDto> {
  const { rows } = await db.query(
    `WITH v AS (
       INSERT INTO recording_reviews (recording_id, reviewer_id, scores, total, comment, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (recording_id, reviewer_id)
       DO UPDATE SET scores = EXCLUDED.scores, total = EXCLUDED.total, comment = EXCLUDED.comment, updated_at = EXCLUDED.updated_at
       RETURNING *)
     SELECT ${REVIEW} FROM v JOIN users u ON u.id = v.reviewer_id`,
    [r.recordingId, r.reviewerId, JSON.stringify(r.scores), r.total, r.comment, r.at],
  );
  return rows[0];
}

export async function reviewsOf(db: Queryable, recordingId: string): Promise<RecordingReviewDto[]> {
  const { rows } = await db.query(
    `SELECT ${REVIEW} FROM recording_reviews v JOIN users u ON u.id = v.reviewer_id
      WHERE v.recording_id = $1 ORDER BY v.updated_at DESC`,
    [recordingId],
  );
  return rows;
}

/** Per counselor: reviews of their recordings started in [from, to] (Seoul days; open ends allowed). */
export async function reviewSummary(
  db: Queryable,
  from: string | undefined,
  to: string | undefined,
): Promise<CounselorReviewSummary[]> {
  const { rows } = await db.query(
    `SELECT r.agent_id AS "agentId", max(u.display_name) AS "counselorName", count(*)::int AS reviews,
            round(avg(v.total), 1)::float8 AS average, min(v.total)::float8 AS lowest, max(v.total)::float8 AS highest
       FROM recording_reviews v JOIN recordings r ON r.id = v.recording_id
       LEFT JOIN users u ON u.agent_id = r.agent_id
      WHERE ($1::date IS NULL OR r.started_at >= $1::date::timestamp AT TIME ZONE 'Asia/Seoul')
        AND ($2::date IS NULL OR r.started_at < ($2::date + 1)::timestamp AT TIME ZONE 'Asia/Seoul')
      GROUP BY r.agent_id ORDER BY average DESC, r.agent_id`,
    [from ?? null, to ?? null],
  );
  return rows;
}
