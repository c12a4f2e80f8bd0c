import type { CounselorReviewSummary, RecordingReviewDto, ReviewCriterionDto } from '@cc1357/contracts';
import { ReviewScoreError, reviewTotal } from '../domain/reviewScore';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import {
  insertCriterion,
  listCriteria,
  reviewSummary,
  setCriteriaOrder,
  updateCriterion,
  upsertReview,
} from '../repositories/recordingReviews';
import { recordingById } from '../repositories/recordings';
import type { Actor, ServiceContext } from './context';
import { recordingsOf } from './recordings';

type CriterionInput = { label: string; maxScore: number; active: boolean; sortOrder: number };

export const reviewCriteria = (ctx: ServiceContext): Promise<ReviewCriterionDto[]> => listCriteria(ctx.db);

export const addCriterion = (ctx: ServiceContext, c: CriterionInput): Promise<ReviewCriterionDto> =>
  insertCriterion(ctx.db, c);

export async function changeCriterion(ctx: ServiceContext, id: string, c: CriterionInput): Promise<ReviewCriterionDto> {
  const row = await updateCriterion(ctx.db, id, c);
  if (!row) throw new AppError('NOT_FOUND', '평가 항목을 찾을 수 없습니다');
  return row;
}

/** A new order for the criteria: every one of them exactly once, or nothing changes. */
export async function reorderCriteria(ctx: ServiceContext, ids: readonly string[]): Promise<ReviewCriterionDto[]> {
  const known = new Set((await listCriteria(ctx.db)).map((c) => c.id));
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    const problem = !known.has(id) ? '없는 평가 항목입니다' : seen.has(id) ? '같은 항목이 두 번 있습니다' : null;
    if (problem)
      throw new AppError('BAD_REQUEST', '평가 항목 순서를 확인하세요', [{ path: `ids.${i}`, message: problem }]);
    seen.add(id);
  }
  if (seen.size !== known.size)
    throw new AppError('BAD_REQUEST', '평가 항목 순서를 확인하세요', [
      { path: 'ids', message: '모든 평가 항목을 한 번씩 보내세요' },
    ]);
  await setCriteriaOrder(ctx.db, ids);
  return listCriteria(ctx.db);
}

/** Scores every active criterion (each within its maximum) and stores the reviewer's one review. */
export async function saveReview(
  ctx: ServiceContext,
  actor: Actor,
  recordingId: string,
  body: { scores: Record<string, number>; comment: string },
): Promise<RecordingReviewDto> {
  const rec = recordingsOf(ctx);
  const row = await recordingById(ctx.db, recordingId, rec.retentionDays);
  if (!row || row.state === 'deleted') throw new AppError('NOT_FOUND', '녹취를 찾을 수 없습니다');
  const criteria = await listCriteria(ctx.db, true);
  let total: number;
  try {
    total = reviewTotal(criteria, body.scores);
  } catch (err) {
    if (!(err instanceof ReviewScoreError)) throw err;
    const [path, message] = err.message.includes(': ') ? err.message.split(': ', 2) : ['scores', err.message];
    throw new AppError('BAD_REQUEST', '평가 점수를 확인하세요', [{ path: path!, message: message! }]);
  }
  const review = await upsertReview(ctx.db, {
    recordingId,
    reviewerId: actor.sub,
    scores: body.scores,
    total,
    comment: body.comment,
    at: ctx.now(),
  });
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.displayName ?? actor.username,
    actorRole: actor.role,
    action: 'recording.reviewed',
    subjectType: 'recording',
    subjectId: recordingId,
    details: { total },
    at: ctx.now(),
  });
  return review;
}

export const counselorSummary = (ctx: ServiceContext, from?: string, to?: string): Promise<CounselorReviewSummary[]> =>
  reviewSummary(ctx.db, from, to);
