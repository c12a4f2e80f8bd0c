import {
  CreateConsultationRequest,
  fieldErrorsOf,
  type CategoryCode,
  type FieldError,
  type OutcomeCode,
} from '@cc1357/contracts';

/**
 * The consultation form as data: what the counselor typed, the idempotency key fixed when the
 * form opened, and the request it turns into. Validation uses the same contract schema as
 * crm-api, so the browser and the server name the same fields.
 */

export interface ConsultationDraft {
  idempotencyKey: string;
  category: CategoryCode | '';
  subCategory: string;
  summary: string;
  outcome: OutcomeCode;
  followUp: string;
}

export type DraftField = 'category' | 'subCategory' | 'summary' | 'outcome' | 'followUp';
export type FieldErrors = Partial<Record<DraftField | 'form', string>>;

export interface CallLink {
  callId: string | null;
  companyId: string | null;
  callerNumber: string | null;
}

export function emptyDraft(idempotencyKey: string): ConsultationDraft {
  return { idempotencyKey, category: '', subCategory: '', summary: '', outcome: 'resolved', followUp: '' };
}

/** An optional text field as stored: trimmed, and null when nothing was typed (new and edited records alike). */
export const blankToNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** The request for a draft, or the errors to show next to the fields. */
export function toRequest(
  draft: ConsultationDraft,
  link: CallLink,
  categoryMessage = '상담 분야를 고르세요',
): { ok: true; request: CreateConsultationRequest } | { ok: false; errors: FieldErrors } {
  const candidate = {
    idempotencyKey: draft.idempotencyKey,
    callId: link.callId,
    companyId: link.companyId,
    callerNumber: link.callerNumber,
    category: draft.category,
    subCategory: blankToNull(draft.subCategory),
    summary: draft.summary,
    outcome: draft.outcome,
    followUp: blankToNull(draft.followUp),
  };
  const parsed = CreateConsultationRequest.safeParse(candidate);
  if (parsed.success) return { ok: true, request: parsed.data };
  const errors = fieldErrorsToForm(fieldErrorsOf(parsed.error));
  // zod's enum message is English and technical; the counselor gets a sentence.
  if (errors.category !== undefined) errors.category = categoryMessage;
  return { ok: false, errors };
}

const DRAFT_FIELDS: readonly DraftField[] = ['category', 'subCategory', 'summary', 'outcome', 'followUp'];

/** Places a server's (or zod's) field errors next to the form's fields; the rest go on top. */
export function fieldErrorsToForm(fields: readonly FieldError[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const { path, message } of fields) {
    const head = path.split('.')[0] as DraftField;
    const key = DRAFT_FIELDS.includes(head) ? head : 'form';
    errors[key] = errors[key] ? `${errors[key]} ${message}` : message;
  }
  return errors;
}
