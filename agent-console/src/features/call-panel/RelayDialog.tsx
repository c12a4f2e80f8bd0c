import type { CallRelayCommandV1, CommandAck, CreateRelayRequest, PartnerCenterDto } from '@cc1357/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultationDraft } from '../consultation/draft';
import {
  CONTEXT_MAX,
  QUESTION_MAX,
  callbackRelayOf,
  chosenPartner,
  relayCommandOf,
  relayFormErrors,
  relayFormOf,
  type RelayForm,
  type RelayFormErrors,
} from './relay-model';

export interface RelayDialogProps {
  callId: string;
  callerNumber: string | null;
  companyId: string | null;
  draft: ConsultationDraft | null;
  /** crm-api's partner list (null while loading). */
  partners: PartnerCenterDto[] | null;
  loadFailed: boolean;
  busy: boolean;
  /** An open partner: the call goes (telephony answers; a refusal shows as the panel's error). */
  onRelay: (command: CallRelayCommandV1) => Promise<CommandAck | undefined>;
  /** A closed partner: the package with a callback request (crm-api). */
  onCallback: (request: CreateRelayRequest) => Promise<void>;
  onClose: () => void;
}

/**
 * The relay to a partner center (협력기관 이관) of the connected call: the partner (with whether
 * it is open now), the caller's question and the consultation so far, prefilled from the draft.
 * Open → the call and the package go together; closed → the caller is offered a callback from
 * the partner (the package goes with the number; the caller stays on the line with the
 * counselor). Keyboard first: the first partner takes the focus, Enter sends, Escape closes.
 *
 * An open partner is relayed blind (the counselor leaves at once) or attended: the counselor
 * talks to the partner first (the package is already there) while the caller hears music, then
 * completes, swaps or cancels in the consult bar — the same as a counselor's attended transfer.
 */
export function RelayDialog(props: RelayDialogProps) {
  const [form, setForm] = useState<RelayForm>(() => relayFormOf(props.draft, props.callerNumber));
  const [errors, setErrors] = useState<RelayFormErrors>({});
  const [sent, setSent] = useState<'callback' | null>(null);
  const submit = async () => {
    const partners = props.partners ?? [];
    const found = relayFormErrors(form, partners);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (chosenPartner(form, partners)?.openNow) {
      const ack = await props.onRelay(relayCommandOf(props.callId, form, props.companyId));
      if (ack?.ok) props.onClose();
      return;
    }
    try {
      await props.onCallback(callbackRelayOf(props.callId, form, props.companyId, props.callerNumber));
      setSent('callback');
    } catch {
      // crm-api refused the number or could not be reached: nothing was sent, the form stays.
      setErrors({ callbackNumber: 'callbackFailed' });
    }
  };
  return (
    <RelayFormView
      {...props}
      form={form}
      errors={errors}
      sent={sent}
      onChange={(change) => (setForm((f) => ({ ...f, ...change })), setErrors({}))}
      onSubmit={() => void submit()}
    />
  );
}

/** The form itself, stateless (what the dialog shows for a form, its errors and whether a callback went). */
export function RelayFormView({
  partners,
  loadFailed,
  busy,
  form,
  errors,
  sent,
  onChange,
  onSubmit,
  onClose,
}: Pick<RelayDialogProps, 'partners' | 'loadFailed' | 'busy' | 'onClose'> & {
  form: RelayForm;
  errors: RelayFormErrors;
  sent: 'callback' | null;
  onChange: (change: Partial<RelayForm>) => void;
  onSubmit: () => void;
}) {
  const { t, i18n } = useTranslation();
  const list = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    list.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [partners]);
  const partner = chosenPartner(form, partners ?? []);
  const closed = partner !== null && !partner.openNow;
  const error = (field: keyof RelayFormErrors) =>
    errors[field] ? (
      <p className="alert alert-warn" role="alert" id={`relay-${field}-error`}>
        {t(`call.relay.errors.${errors[field]}`)}
      </p>
    ) : null;
  return (
    <div
      className="dialog relay-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="relay-title"
      data-testid="relay-dialog"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        <h3 id="relay-title">{t('call.relay.title')}</h3>
        {loadFailed ? (
          <p className="alert alert-error" role="alert">
            {t('call.relay.loadFailed')}
          </p>
        ) : !partners ? (
          <p className="muted" role="status">
            {t('call.relay.loading')}
          </p>
        ) : (
          <fieldset ref={list} aria-invalid={errors.partnerId ? true : undefined}>
            <legend>{t('call.relay.partner')}</legend>
            {partners.map((p) => (
              <label key={p.id} className="radio">
                <input
                  type="radio"
                  name="relay-partner"
                  value={p.id}
                  checked={form.partnerId === p.id}
                  onChange={() => onChange({ partnerId: p.id })}
                />
                {i18n.language === 'en' ? p.nameEn : p.nameKo} <span className="muted">({p.ministry})</span>{' '}
                <span className={p.openNow ? 'badge badge-ok' : 'badge badge-warn'} data-open={p.openNow}>
                  {p.openNow ? t('call.relay.openNow') : t('call.relay.closedNow')}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {error('partnerId')}
        <label htmlFor="relay-question">{t('call.relay.question')}</label>
        <input
          id="relay-question"
          value={form.question}
          maxLength={QUESTION_MAX}
          aria-invalid={errors.question ? true : undefined}
          aria-describedby={errors.question ? 'relay-question-error' : undefined}
          onChange={(e) => onChange({ question: e.target.value })}
        />
        {error('question')}
        <label htmlFor="relay-context">{t('call.relay.context')}</label>
        <textarea
          id="relay-context"
          value={form.context}
          maxLength={CONTEXT_MAX}
          rows={4}
          onChange={(e) => onChange({ context: e.target.value })}
        />
        <p className="muted">{t('call.relay.carries')}</p>
        {closed ? null : (
          <fieldset data-testid="relay-mode">
            <legend>{t('call.relay.mode')}</legend>
            {(['blind', 'attended'] as const).map((m) => (
              <label key={m} className="radio">
                <input
                  type="radio"
                  name="relay-mode"
                  value={m}
                  checked={form.mode === m}
                  aria-describedby={`relay-mode-${m}-hint`}
                  onChange={() => onChange({ mode: m })}
                />
                {t(`call.relay.${m}`)}{' '}
                <span className="muted" id={`relay-mode-${m}-hint`}>
                  {t(`call.relay.${m}Hint`)}
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {closed ? (
          <div data-testid="relay-closed">
            <p className="alert alert-info">
              {t('call.relay.closedOffer', { partner: i18n.language === 'en' ? partner.nameEn : partner.nameKo })}
            </p>
            <label htmlFor="relay-callback">{t('call.relay.callbackNumber')}</label>
            <input
              id="relay-callback"
              type="tel"
              value={form.callbackNumber}
              maxLength={20}
              aria-invalid={errors.callbackNumber ? true : undefined}
              aria-describedby={errors.callbackNumber ? 'relay-callbackNumber-error' : undefined}
              onChange={(e) => onChange({ callbackNumber: e.target.value })}
            />
            {error('callbackNumber')}
          </div>
        ) : null}
        {sent === 'callback' ? (
          <p className="alert alert-info" role="status" data-testid="relay-callback-sent">
            {t('call.relay.callbackSent')}
          </p>
        ) : null}
        <div className="call-controls">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy || !partners || sent !== null}
            data-testid="relay-submit"
          >
            {closed
              ? t('call.relay.submitCallback')
              : form.mode === 'attended'
                ? t('call.relay.submitAttended')
                : t('call.relay.submit')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {sent ? t('call.relay.close') : t('call.relay.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
