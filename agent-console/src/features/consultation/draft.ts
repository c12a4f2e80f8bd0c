import {
  CreateConsultationRequest,
  fieldErrorsOf,
  type CategoryCode,
  type FieldError,
  type QueueId,
} from '@cc1357/contracts';
import {
  CONSULTATION_FIELD_NAMES,
  emptyValues,
  requestValuesOf,
  type ConsultationFieldName,
  type FieldValues,
} from './fields';

export { blankToNull } from './fields';

/**
 * The consultation form as data: what the counselor typed, the idempotency key fixed when the
 * form opened, and the request it turns into. Validation uses the same contract schema as
 * crm-api, so the browser and the server name the same fields; the fields themselves are the
 * contract's (see fields.ts).
 */

export interface ConsultationDraft extends FieldValues {
  idempotencyKey: string;
}

export type DraftField = ConsultationFieldName;
export type FieldErrors = Partial<Record<DraftField | 'form', string>>;

export interface CallLink {
  callId: string | null;
  companyId: string | null;
  callerNumber: string | null;
}

export function emptyDraft(idempotencyKey: string, category: CategoryCode | '' = ''): ConsultationDraft {
  return { idempotencyKey, ...emptyValues(category) };
}

/**
 * The consultation category a queue's callers usually need, to start the form on: the caller
 * already told the IVR what it is about. General calls could be anything: no guess.
 */
const CATEGORY_OF_QUEUE: Record<QueueId, CategoryCode | ''> = {
  fund: 'finance',
  startup: 'startup',
  merchant: 'domestic',
  rnd: 'tech',
  export: 'export',
  hr: 'workforce',
  general: '',
};
export function categoryOfQueue(queue: QueueId | null | undefined): CategoryCode | '' {
  return queue ? CATEGORY_OF_QUEUE[queue] : '';
}

/** The request for a draft, or the errors to show next to the fields. */
export function toRequest(
  draft: ConsultationDraft,
  link: CallLink,
  categoryMessage = '상담 분야를 고르세요',
): { ok: true; request: CreateConsultationRequest } | { ok: false; errors: FieldErrors } {
  const candidate = { idempotencyKey: draft.idempotencyKey, ...link, ...requestValuesOf(draft) };
  const parsed = CreateConsultationRequest.safeParse(candidate);
  if (parsed.success) return { ok: true, request: parsed.data };
  const errors = fieldErrorsToForm(fieldErrorsOf(parsed.error));
  // zod's enum message is English and technical; the counselor gets a sentence.
  if (errors.category !== undefined) errors.category = categoryMessage;
  return { ok: false, errors };
}

/** Places a server's (or zod's) field errors next to the form's fields; the rest go on top. */
export function fieldErrorsToForm(fields: readonly FieldError[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const { path, message } of fields) {
    const head = path.split('.')[0] as DraftField;
    const key = CONSULTATION_FIELD_NAMES.includes(head) ? head : 'form';
    errors[key] = errors[key] ? `${errors[key]} ${message}` : message;
  }
  return errors;
}
