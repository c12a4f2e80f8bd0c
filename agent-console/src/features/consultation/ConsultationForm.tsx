import { CATEGORY_CODES, OUTCOME_CODES, type CategoryCode, type ConsultationDto, type OutcomeCode } from '@cc1357/contracts';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiClient } from '../../api';
import { categoryLabel } from '../../i18n/labels';
import { newIdempotencyKey } from '../../lib/idempotency';
import { emptyDraft, fieldErrorsToForm, toRequest, type CallLink, type ConsultationDraft, type DraftField, type FieldErrors } from './draft';
import { SUB_CATEGORIES } from './subcategories';

type Status = { kind: 'editing' } | { kind: 'saving' } | { kind: 'saved'; consultation: ConsultationDto };

/**
 * The consultation write-up for the call on desk. The idempotency key is fixed when the form
 * opens, so a double click or a retry after a timeout stores one consultation.
 */
export function ConsultationForm({ api, link, registerSubmit }: { api: ApiClient; link: CallLink; registerSubmit: (submit: (() => void) | null) => void }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<ConsultationDraft>(() => emptyDraft(newIdempotencyKey()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>({ kind: 'editing' });
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);

  const set = <K extends keyof ConsultationDraft>(key: K, value: ConsultationDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function save() {
    if (inFlight.current || status.kind === 'saved') return;
    const built = toRequest(draft, link, t('consultation.chooseCategory'));
    if (!built.ok) {
      setErrors(built.errors);
      focusFirstError(formRef.current, built.errors);
      return;
    }
    inFlight.current = true;
    setErrors({});
    setStatus({ kind: 'saving' });
    try {
      const consultation = await api.createConsultation(built.request);
      setStatus({ kind: 'saved', consultation });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(0, 'INTERNAL', String(error));
      const fieldErrors = fieldErrorsToForm(apiError.fields);
      setErrors({ ...fieldErrors, form: fieldErrors.form ?? t('consultation.failed', { message: apiError.message }) });
      setStatus({ kind: 'editing' });
    } finally {
      inFlight.current = false;
    }
  }

  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    registerSubmit(() => void saveRef.current());
    return () => registerSubmit(null);
  }, [registerSubmit]);

  function startNew() {
    setDraft(emptyDraft(newIdempotencyKey()));
    setErrors({});
    setStatus({ kind: 'editing' });
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };
  const locked = status.kind !== 'editing';
  const subs = draft.category ? SUB_CATEGORIES[draft.category] : [];

  return (
    <section className="panel consultation" aria-labelledby="consultation-title">
      <h2 id="consultation-title">{t('consultation.title')}</h2>
      <form ref={formRef} onSubmit={onSubmit} noValidate data-testid="consultation-form">
        {errors.form ? (
          <p className="alert alert-error" role="alert" data-testid="form-error">
            {errors.form}
          </p>
        ) : null}
        <div className="form-row">
          <Field id="c-category" label={t('consultation.category')} error={errors.category} required requiredLabel={t('consultation.required')}>
            <select id="c-category" name="category" value={draft.category} disabled={locked} onChange={(e) => set('category', e.target.value as CategoryCode | '')} {...invalid('c-category', errors.category)}>
              <option value="">{t('consultation.chooseCategory')}</option>
              {CATEGORY_CODES.map((code) => (
                <option key={code} value={code}>
                  {categoryLabel(code, i18n.language)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="c-sub" label={t('consultation.subCategory')} error={errors.subCategory}>
            <input id="c-sub" name="subCategory" list="c-sub-list" value={draft.subCategory} disabled={locked} maxLength={100} onChange={(e) => set('subCategory', e.target.value)} {...invalid('c-sub', errors.subCategory)} />
            <datalist id="c-sub-list">
              {subs.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </Field>
        </div>
        <Field id="c-summary" label={t('consultation.summary')} error={errors.summary} required requiredLabel={t('consultation.required')}>
          <textarea id="c-summary" name="summary" rows={5} value={draft.summary} disabled={locked} maxLength={4000} onChange={(e) => set('summary', e.target.value)} {...invalid('c-summary', errors.summary)} />
        </Field>
        <div className="form-row">
          <Field id="c-outcome" label={t('consultation.outcome')} error={errors.outcome}>
            <select id="c-outcome" name="outcome" value={draft.outcome} disabled={locked} onChange={(e) => set('outcome', e.target.value as OutcomeCode)} {...invalid('c-outcome', errors.outcome)}>
              {OUTCOME_CODES.map((code) => (
                <option key={code} value={code}>
                  {t(`outcomes.${code}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="c-follow" label={t('consultation.followUp')} error={errors.followUp}>
            <input id="c-follow" name="followUp" value={draft.followUp} disabled={locked} maxLength={1000} onChange={(e) => set('followUp', e.target.value)} {...invalid('c-follow', errors.followUp)} />
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={locked} aria-keyshortcuts="F9" data-action="saveConsultation">
            {status.kind === 'saving' ? t('consultation.saving') : t('consultation.save')} <kbd>F9</kbd>
          </button>
          {status.kind === 'saved' ? (
            <>
              <span className="alert alert-ok" role="status" data-testid="consultation-saved">
                {t('consultation.saved')}
              </span>
              <button type="button" className="btn" onClick={startNew}>
                {t('consultation.newForm')}
              </button>
            </>
          ) : null}
        </div>
      </form>
    </section>
  );
}

function invalid(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

function Field({ id, label, error, required, requiredLabel, children }: { id: string; label: string; error: string | undefined; required?: boolean; requiredLabel?: string; children: ReactNode }) {
  return (
    <div className={`field ${error ? 'field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required"> ({requiredLabel})</span> : null}
      </label>
      {children}
      {error ? (
        <p className="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

const FIELD_IDS: Record<DraftField, string> = { category: 'c-category', subCategory: 'c-sub', summary: 'c-summary', outcome: 'c-outcome', followUp: 'c-follow' };

/** Moves focus to the first field with an error so keyboard users land where to fix it. */
function focusFirstError(form: HTMLFormElement | null, errors: FieldErrors) {
  const first = (Object.keys(FIELD_IDS) as DraftField[]).find((f) => errors[f]);
  if (form && first) form.querySelector<HTMLElement>(`#${FIELD_IDS[first]}`)?.focus();
}
