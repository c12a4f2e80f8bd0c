import type { CallRelayCommandV1, CreateRelayRequest, PartnerCenterDto, PartnerId } from '@cc1357/contracts';
import type { ConsultationDraft } from '../consultation/draft';

/**
 * The relay form as data (issue 12 §3): what it starts with (the consultation draft, so the
 * caller never explains twice), what makes it sendable, and what it sends — the call to an
 * open partner (`call.relay.v1`), or, when the partner is closed, a relay asking the partner to
 * call the caller back (crm-api `POST /api/relays` with a callback number). The limits are the
 * contracts', so neither telephony nor crm-api has to refuse what the form sends.
 */

export const QUESTION_MAX = 4000;
export const CONTEXT_MAX = 8000;

export interface RelayForm {
  partnerId: PartnerId | '';
  question: string;
  /** The consultation so far, as the partner will read it. */
  context: string;
  /** A closed partner: the number the partner calls back. */
  callbackNumber: string;
  /** An open partner: `blind` hands the call over at once, `attended` talks to the partner first. */
  mode: RelayMode;
}

export type RelayMode = 'blind' | 'attended';

/** Each field's message key under `call.relay.errors` (`callbackFailed`: crm-api did not take the request). */
export type RelayFormErrors = Partial<Record<'partnerId' | 'question' | 'callbackNumber', string>>;

/** The form's first values: the question from the draft's sub-category, the context from its summary. */
export function relayFormOf(draft: ConsultationDraft | null, callerNumber: string | null): RelayForm {
  return {
    partnerId: '',
    question: (draft?.subCategory ?? '').trim().slice(0, QUESTION_MAX),
    context: (draft?.summary ?? '').trim().slice(0, CONTEXT_MAX),
    callbackNumber: callerNumber ?? '',
    mode: 'blind',
  };
}

/** The chosen partner, when it is in the list. */
export function chosenPartner(form: RelayForm, partners: readonly PartnerCenterDto[]): PartnerCenterDto | null {
  return partners.find((p) => p.id === form.partnerId) ?? null;
}

/** Message keys (i18n `call.relay.errors.*`) of what keeps the form from being sent; empty = sendable. */
export function relayFormErrors(form: RelayForm, partners: readonly PartnerCenterDto[]): RelayFormErrors {
  const errors: RelayFormErrors = {};
  const partner = chosenPartner(form, partners);
  if (!partner) errors.partnerId = 'choosePartner';
  if (!form.question.trim()) errors.question = 'question';
  if (partner && !partner.openNow && !/^\+?[\d\s-]{8,20}$/.test(form.callbackNumber.trim()))
    errors.callbackNumber = 'callbackNumber';
  return errors;
}

/** What an open partner gets: the call, with the relay package built from the form. */
export function relayCommandOf(callId: string, form: RelayForm, companyId: string | null): CallRelayCommandV1 {
  return {
    callId,
    partnerId: form.partnerId as PartnerId,
    question: form.question.trim(),
    context: form.context.trim().slice(0, CONTEXT_MAX),
    companyId: companyId && /^\d{1,18}$/.test(companyId) ? companyId : null,
    mode: form.mode,
  };
}

/** What a closed partner gets: the package and a callback request (the caller stays with the counselor). */
export function callbackRelayOf(
  callId: string,
  form: RelayForm,
  companyId: string | null,
  callerNumber: string | null,
): CreateRelayRequest {
  return {
    // One per call and partner: a second click, or a retry after a lost answer, stores it once.
    idempotencyKey: `desk-callback-${callId}-${form.partnerId}`,
    partnerId: form.partnerId as PartnerId,
    callId,
    callerNumber,
    companyId: companyId && /^\d{1,18}$/.test(companyId) ? companyId : null,
    question: form.question.trim(),
    context: form.context.trim().slice(0, CONTEXT_MAX),
    callbackNumber: form.callbackNumber.trim(),
  };
}
