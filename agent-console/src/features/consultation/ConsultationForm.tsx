import { OUTCOME_CODES, type CategoryCode, type ConsultationDto, type OutcomeCode } from '@cc1357/contracts';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiClient, type StorageLike } from '../../api';
import { formatKstDateTime } from '../../lib/format';
import { newIdempotencyKey } from '../../lib/idempotency';
import { emptyDraft, fieldErrorsToForm, toRequest, type CallLink, type ConsultationDraft, type DraftField, type FieldErrors } from './draft';
import { browserStorage, clearDraft, draftKey, loadDraft, persistDraft } from './draft-store';
import { ConsultationEditor } from './ConsultationEditor';
import { insertTemplate } from './templates';
import { useSubCategories } from './useCatalogue';
import { CategoryOptions } from '../../i18n/CategoryOptions';

type Status = { kind: 'editing' } | { kind: 'saving' } | { kind: 'saved'; consultation: ConsultationDto } | { kind: 'amending'; consultation: ConsultationDto };

export interface ConsultationFormProps {
  api: ApiClient;
  link: CallLink;
  /** Whose draft this is: drafts are kept per user and call. */
  userId: string;
  registerSubmit: (submit: (() => void) | null) => void;
  registerTemplate?: (insert: (() => void) | null) => void;
  /** Where drafts live; the browser's localStorage unless a test gives its own. */
  storage?: StorageLike;
  /** A write-up without a call can be put away; a call's form stays until the call is closed. */
  onClose?: () => void;
}

/**
 * The consultation write-up. The idempotency key is fixed when the form opens, so a double click
 * or a retry after a timeout stores one consultation. Every keystroke is kept as a draft
 * (per user and call) until the save succeeds; a reload brings it back with a notice.
 */
export function ConsultationForm({ api, link, userId, registerSubmit, registerTemplate, storage = browserStorage(), onClose }: ConsultationFormProps) {
  const { t } = useTranslation();
  const key = draftKey(userId, link.callId);
  const [restored] = useState(() => loadDraft(storage, key));
  const [draft, setDraft] = useState<ConsultationDraft>(() => restored?.draft ?? emptyDraft(newIdempotencyKey()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>({ kind: 'editing' });
  const [showRestored, setShowRestored] = useState(restored !== null);
  const subCategories = useSubCategories(api);
  const inFlight = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);

  const update = (next: (d: ConsultationDraft) => ConsultationDraft) =>
    setDraft((d) => {
      const value = next(d);
      persistDraft(storage, key, value, Date.now());
      return value;
    });
  const set = <K extends keyof ConsultationDraft>(field: K, value: ConsultationDraft[K]) => update((d) => ({ ...d, [field]: value }));

  async function save() {
    if (inFlight.current || status.kind !== 'editing') return;
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
      clearDraft(storage, key);
      setShowRestored(false);
      setStatus({ kind: 'saved', consultation });
    } catch (error) {
      const apiError = asApiError(error);
      const fieldErrors = fieldErrorsToForm(apiError.fields);
      setErrors({ ...fieldErrors, form: fieldErrors.form ?? t('consultation.failed', { message: apiError.message }) });
      setStatus({ kind: 'editing' });
    } finally {
      inFlight.current = false;
    }
  }

  function addTemplate() {
    if (status.kind !== 'editing') return;
    if (draft.category === '') {
      setErrors((e) => ({ ...e, category: t('consultation.templateNeedsCategory') }));
      formRef.current?.querySelector<HTMLElement>('#c-category')?.focus();
      return;
    }
    const category = draft.category;
    update((d) => ({ ...d, summary: insertTemplate(d.summary, category) }));
    formRef.current?.querySelector<HTMLTextAreaElement>('#c-summary')?.focus();
  }

  const saveRef = useRef(save);
  saveRef.current = save;
  const templateRef = useRef(addTemplate);
  templateRef.current = addTemplate;
  useEffect(() => {
    registerSubmit(() => void saveRef.current());
    registerTemplate?.(() => templateRef.current());
    return () => {
      registerSubmit(null);
      registerTemplate?.(null);
    };
  }, [registerSubmit, registerTemplate]);

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
  const subs = draft.category ? subCategories[draft.category] : [];

  return (
    <section className="panel consultation" aria-labelledby="consultation-title">
      <div className="panel-head">
        <h2 id="consultation-title">{link.callId ? t('consultation.title') : t('consultation.titleNoCall')}</h2>
        {onClose && status.kind !== 'saving' ? (
          <button type="button" className="btn btn-link" onClick={onClose}>
            {t('consultation.close')}
          </button>
        ) : null}
      </div>
      {showRestored && restored ? (
        <p className="alert alert-info" role="status" data-testid="draft-restored">
          {t('consultation.draftRestored', { at: formatKstDateTime(restored.savedAt) })}
        </p>
      ) : null}
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
              <CategoryOptions />
            </select>
          </Field>
          <Field id="c-sub" label={t('consultation.subCategory')} error={errors.subCategory}>
            <input id="c-sub" name="subCategory" list="c-sub-list" value={draft.subCategory} disabled={locked} maxLength={100} onChange={(e) => set('subCategory', e.target.value)} {...invalid('c-sub', errors.subCategory)} />
            <datalist id="c-sub-list" data-testid="sub-categories">
              {subs.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          </Field>
        </div>
        <Field id="c-summary" label={t('consultation.summary')} error={errors.summary} required requiredLabel={t('consultation.required')}>
          <textarea id="c-summary" name="summary" rows={6} value={draft.summary} disabled={locked} maxLength={4000} onChange={(e) => set('summary', e.target.value)} {...invalid('c-summary', errors.summary)} />
        </Field>
        <div className="field-tools">
          <button type="button" className="btn btn-small" disabled={locked} aria-keyshortcuts="F7" data-action="insertTemplate" onClick={addTemplate}>
            {t('actions.insertTemplate')} <kbd>F7</kbd>
          </button>
          <span className="muted small">{t('consultation.length', { count: draft.summary.length })}</span>
        </div>
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
          {status.kind === 'editing' && draft.summary !== '' ? <span className="muted small">{t('consultation.draftKept')}</span> : null}
          {status.kind === 'saved' ? (
            <>
              <span className="alert alert-ok" role="status" data-testid="consultation-saved">
                {t('consultation.saved')}
              </span>
              <button type="button" className="btn" onClick={() => setStatus({ kind: 'amending', consultation: status.consultation })}>
                {t('consultation.amend')}
              </button>
              <button type="button" className="btn" onClick={startNew}>
                {t('consultation.newForm')}
              </button>
            </>
          ) : null}
        </div>
      </form>
      {status.kind === 'amending' ? <ConsultationEditor api={api} consultationId={status.consultation.id} onDone={() => setStatus({ kind: 'saved', consultation: status.consultation })} /> : null}
    </section>
  );
}

function invalid(id: string, error: string | undefined) {
  return error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
}

export function Field({ id, label, error, required, requiredLabel, children }: { id: string; label: string; error: string | undefined; required?: boolean; requiredLabel?: string; children: ReactNode }) {
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
