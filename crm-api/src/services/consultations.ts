import { createHash } from 'node:crypto';
import type { ConsultationDto, CreateConsultationRequest, FieldError } from '@cc1357/contracts';
import { parseCallerNumber } from '../domain/phone';
import { AppError } from '../errors';
import { writeAudit } from '../repositories/audit';
import { callExists } from '../repositories/calls';
import { companyExists } from '../repositories/companies';
import {
  consultationById,
  consultationByKey,
  insertConsultationIfAbsent,
  listConsultations,
} from '../repositories/consultations';
import type { Actor, ServiceContext } from './context';

export interface CreateResult {
  /** false when the key had been used: the first result is returned unchanged. */
  created: boolean;
  consultation: ConsultationDto;
}

/** A number field that is absent, withheld or normalised; bad text is a field error. */
function callerNumberOf(raw: string | null | undefined, errors: FieldError[]): string | null {
  const parsed = parseCallerNumber(raw);
  if (parsed.kind === 'invalid') errors.push({ path: 'callerNumber', message: parsed.reason });
  return parsed.kind === 'number' ? parsed.number : null;
}

/**
 * Logs a consultation once per idempotency key. A retry (same key, same content, same
 * counselor) gets the first row back; the same key with different content is a conflict,
 * because silently returning the other row would lose what the counselor typed.
 */
export async function createConsultation(
  ctx: ServiceContext,
  actor: Actor,
  req: CreateConsultationRequest,
): Promise<CreateResult> {
  const errors: FieldError[] = [];
  const callerNumber = callerNumberOf(req.callerNumber, errors);
  const companyId = req.companyId ?? null;
  if (companyId !== null && !(await companyExists(ctx.db, companyId))) {
    errors.push({ path: 'companyId', message: '존재하지 않는 기업입니다' });
  }
  // A consultation names a call crm-api knows (telephony reports every call as it arrives).
  if (req.callId && !(await callExists(ctx.db, req.callId))) {
    errors.push({ path: 'callId', message: '존재하지 않는 통화입니다' });
  }
  if (errors.length) throw new AppError('BAD_REQUEST', '입력값을 확인하세요', errors);

  const content = {
    counselorId: actor.sub,
    companyId,
    callId: req.callId ?? null,
    callerNumber,
    category: req.category,
    subCategory: req.subCategory ?? null,
    summary: req.summary,
    outcome: req.outcome,
    followUp: req.followUp ?? null,
  };
  const requestHash = createHash('sha256').update(JSON.stringify(content)).digest('hex');

  const id = await insertConsultationIfAbsent(ctx.db, {
    ...content,
    idempotencyKey: req.idempotencyKey,
    requestHash,
    createdAt: ctx.now(),
  });
  if (id === null) {
    const prior = await consultationByKey(ctx.db, req.idempotencyKey);
    if (!prior) throw new AppError('INTERNAL', '상담 기록을 찾을 수 없습니다');
    if (prior.requestHash !== requestHash) {
      throw new AppError('CONFLICT', '같은 요청 키로 다른 내용의 상담이 이미 저장되었습니다', [
        { path: 'idempotencyKey', message: '이미 사용된 키입니다' },
      ]);
    }
    return { created: false, consultation: prior.dto };
  }
  const consultation = (await consultationById(ctx.db, id))!;
  await writeAudit(ctx.db, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'consultation.create',
    subjectType: 'consultation',
    subjectId: id,
    details: { companyId, callId: content.callId },
    at: ctx.now(),
  });
  return { created: true, consultation };
}

export interface ListQuery {
  companyId?: string | undefined;
  callerNumber?: string | undefined;
  limit: number;
}

export async function findConsultations(ctx: ServiceContext, actor: Actor, q: ListQuery): Promise<ConsultationDto[]> {
  const errors: FieldError[] = [];
  const callerNumber = q.callerNumber ? callerNumberOf(q.callerNumber, errors) : null;
  if (errors.length) throw new AppError('BAD_REQUEST', '입력값을 확인하세요', errors);
  const rows = await listConsultations(ctx.db, {
    companyId: q.companyId,
    callerNumber: callerNumber ?? undefined,
    limit: q.limit,
  });
  await writeAudit(ctx.readAuditDb, {
    actorId: actor.sub,
    actorName: actor.username,
    actorRole: actor.role,
    action: 'consultation.list',
    subjectType: q.companyId ? 'company' : callerNumber ? 'caller' : 'consultations',
    subjectId: q.companyId ?? callerNumber,
    details: { returned: rows.length },
    at: ctx.now(),
  });
  return rows;
}
