import type {
  ConsultationDetail,
  ConsultationRevisionDto,
  PatchConsultationRequest,
  SubCategoryCatalogue,
} from '@cc1357/contracts';
import { inTransaction } from '../db/pool';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import {
  consultationDetail,
  isSubCategory,
  revisionsOf,
  saveRevisionAndUpdate,
  subCategoryCatalogue,
  type ConsultationChange,
} from '../repositories/consultationEdits';
import type { Actor, ServiceContext } from './context';

const notFound = () => new AppError('NOT_FOUND', '상담 기록을 찾을 수 없습니다');

/** The full record (caller number unmasked), audited. */
export async function readConsultation(ctx: ServiceContext, actor: Actor, id: string): Promise<ConsultationDetail> {
  const c = await consultationDetail(ctx.db, id);
  if (!c) throw notFound();
  await writeAudit(ctx.readAuditDb, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'consultation.read',
    subjectType: 'consultation',
    subjectId: id,
    at: ctx.now(),
  });
  return c;
}

export async function consultationRevisions(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<ConsultationRevisionDto[]> {
  if (!(await consultationDetail(ctx.db, id))) throw notFound();
  const revisions = await revisionsOf(ctx.db, id);
  await writeAudit(ctx.readAuditDb, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'consultation.revisions',
    subjectType: 'consultation',
    subjectId: id,
    at: ctx.now(),
  });
  return revisions;
}

/**
 * Edits a consultation, keeping the replaced version as a revision. Counselors edit their own
 * consultations; supervisors and admins any. `expectedRevision` guards against a lost update.
 */
export async function patchConsultation(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  req: PatchConsultationRequest,
): Promise<ConsultationDetail> {
  const now = ctx.now();
  return inTransaction(ctx.db, async (tx) => {
    const prior = await consultationDetail(tx, id, true);
    if (!prior) throw notFound();
    if (actor.role === 'counselor' && prior.counselorId !== actor.sub) {
      throw new AppError('FORBIDDEN', '다른 상담원의 상담 기록은 수정할 수 없습니다');
    }
    if (req.expectedRevision !== undefined && req.expectedRevision !== prior.revision) {
      throw new AppError('CONFLICT', `상담 기록이 그사이 수정되었습니다 (현재 ${prior.revision}판)`, [
        { path: 'expectedRevision', message: `현재 판은 ${prior.revision}입니다` },
      ]);
    }
    const next: ConsultationChange = {
      category: req.category ?? prior.category,
      subCategory: req.subCategory !== undefined ? req.subCategory : prior.subCategory,
      summary: req.summary ?? prior.summary,
      outcome: req.outcome ?? prior.outcome,
      followUp: req.followUp !== undefined ? req.followUp : prior.followUp,
      followUpClosedAt:
        req.followUpClosed === undefined
          ? prior.followUpClosedAt
            ? new Date(prior.followUpClosedAt)
            : null
          : req.followUpClosed
            ? prior.followUpClosedAt
              ? new Date(prior.followUpClosedAt)
              : now
            : null,
      recordingName: req.recordingName !== undefined ? req.recordingName : prior.recordingName,
      relayId: req.relayId !== undefined ? req.relayId : prior.relayId,
    };
    if (req.subCategory && !(await isSubCategory(tx, next.category, req.subCategory))) {
      throw new AppError('BAD_REQUEST', '입력값을 확인하세요', [
        { path: 'subCategory', message: '이 분류의 세부 분류가 아닙니다' },
      ]);
    }
    const before: Record<string, unknown> = {
      ...prior,
      followUpClosedAt: prior.followUpClosedAt ? new Date(prior.followUpClosedAt).getTime() : null,
    };
    const after: Record<string, unknown> = { ...next, followUpClosedAt: next.followUpClosedAt?.getTime() ?? null };
    const changed = Object.keys(next).filter((k) => before[k] !== after[k]);
    if (changed.length === 0) return prior;
    await saveRevisionAndUpdate(tx, id, prior, changed, next, actor.sub, now);
    await writeAudit(tx, {
      actorId: actor.sub,
      actorName: actor.username,
      actorRole: actor.role,
      action: 'consultation.update',
      subjectType: 'consultation',
      subjectId: id,
      details: { fromRevision: prior.revision, changed },
      at: now,
    });
    return (await consultationDetail(tx, id))!;
  });
}

/** The consultation categories with their sub-categories, for the form's pickers. */
export async function consultationCategories(ctx: ServiceContext): Promise<SubCategoryCatalogue> {
  return subCategoryCatalogue(ctx.db);
}
