import { QUEUE_IDS, type CallbackDto, type QueueId } from '@cc1357/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiClient } from '../../api';
import { queueLabel } from '../../i18n/labels';
import { formatKstDateTime } from '../../lib/format';
import { callbackRequest, defaultDueLocal, type CallbackDraft, type CallbackErrors } from './callback-model';

/** Book a callback: number, queue, due time (KST). One open callback per number: a 409 names it. */
export function CallbackForm({
  api,
  idPrefix,
  number = '',
  queue = 'general',
  companyId = null,
  callId = null,
  onBooked,
}: {
  api: ApiClient;
  idPrefix: string;
  number?: string;
  queue?: QueueId;
  companyId?: string | null;
  callId?: string | null;
  onBooked?: (cb: CallbackDto) => void;
}) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<CallbackDraft>(() => ({
    number,
    queue,
    dueLocal: defaultDueLocal(Date.now()),
    note: '',
  }));
  const [errors, setErrors] = useState<CallbackErrors>({});
  const [booked, setBooked] = useState<CallbackDto | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof CallbackDraft>(k: K, v: CallbackDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const built = callbackRequest(draft, { companyId, callId }, Date.now(), {
      number: t('callbacks.badNumber'),
      dueAt: t('callbacks.badDue'),
      past: t('callbacks.pastDue'),
      closed: t('callbacks.outsideHours'),
    });
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const cb = await api.createCallback(built.request);
      setBooked(cb);
      onBooked?.(cb);
    } catch (error) {
      const apiError = asApiError(error);
      setErrors({
        form: apiError.status === 409 ? t('callbacks.alreadyOpen', { message: apiError.message }) : apiError.message,
      });
    } finally {
      setBusy(false);
    }
  }

  const id = (n: string) => `${idPrefix}-${n}`;
  const describedBy = (field: keyof CallbackErrors) =>
    errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': id(`${field}-error`) } : {};
  return (
    <form className="callback-form" onSubmit={(e) => void submit(e)} noValidate data-testid="callback-form">
      {errors.form ? (
        <p className="alert alert-error" role="alert" data-testid="callback-error">
          {errors.form}
        </p>
      ) : null}
      <div className="form-row">
        <div className={`field ${errors.number ? 'field-invalid' : ''}`}>
          <label htmlFor={id('number')}>{t('callbacks.number')}</label>
          <input
            id={id('number')}
            inputMode="tel"
            value={draft.number}
            onChange={(e) => set('number', e.target.value)}
            {...describedBy('number')}
          />
          {errors.number ? (
            <p className="field-error" id={id('number-error')}>
              {errors.number}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={id('queue')}>{t('callbacks.queue')}</label>
          <select id={id('queue')} value={draft.queue} onChange={(e) => set('queue', e.target.value as QueueId)}>
            {QUEUE_IDS.map((q) => (
              <option key={q} value={q}>
                {queueLabel(q, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <div className={`field field-due ${errors.dueAt ? 'field-invalid' : ''}`}>
          <label htmlFor={id('due')}>{t('callbacks.due')}</label>
          <input
            id={id('due')}
            type="datetime-local"
            step={1800}
            value={draft.dueLocal}
            onChange={(e) => set('dueLocal', e.target.value)}
            {...describedBy('dueAt')}
            aria-describedby={errors.dueAt ? id('dueAt-error') : id('due-hint')}
          />
          <p className="muted small" id={id('due-hint')}>
            {t('callbacks.dueHint')}
          </p>
          {errors.dueAt ? (
            <p className="field-error" id={id('dueAt-error')}>
              {errors.dueAt}
            </p>
          ) : null}
        </div>
      </div>
      <div className="field">
        <label htmlFor={id('note')}>{t('callbacks.note')}</label>
        <input id={id('note')} maxLength={1000} value={draft.note} onChange={(e) => set('note', e.target.value)} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('callbacks.book')}
        </button>
        {booked ? (
          <span className="alert alert-ok" role="status" data-testid="callback-booked">
            {t('callbacks.booked', { at: formatKstDateTime(booked.dueAt) })}
          </span>
        ) : null}
      </div>
    </form>
  );
}
