import { CategoryCode, type ConsultationDto } from '@cc1357/contracts';
import { useEffect, useEffectEvent, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiClient, type StorageLike } from '../../api';
import { formatKstDateTime } from '../../lib/format';
import { newIdempotencyKey } from '../../lib/idempotency';
import {
  emptyDraft,
  fieldErrorsToForm,
  toRequest,
  type CallLink,
  type ConsultationDraft,
  type FieldErrors,
} from './draft';
import { browserStorage, clearDraft, draftKey, loadDraft, persistDraft } from './draft-store';
import { ConsultationEditor } from './ConsultationEditor';
import { insertTemplate } from './templates';
import { useSubCategories } from './useCatalogue';
import { ConsultationFieldInputs } from './ConsultationFieldInputs';
import { CONSULTATION_FIELD_NAMES, FIELD_INPUTS, type ConsultationFieldName } from './fields';

type Status =
  | { kind: 'editing' }
  | { kind: 'saving' }
  | { kind: 'saved'; consultation: ConsultationDto }
  | { kind: 'amending'; consultation: ConsultationDto };

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
  /** The category a new draft starts on (from the queue the caller chose); a restored draft keeps its own. */
  initialCategory?: CategoryCode | '';
  /** Told once the write-up is stored: a call's after-call work may end then (features/wrap-up). */
  onSaved?: (consultation: ConsultationDto) => void;
}

/**
 * The consultation write-up. The idempotency key is fixed when the form opens, so a double click
 * or a retry after a timeout stores one consultation. Every keystroke is kept as a draft
 * (per user and call) until the save succeeds; a reload brings it back with a notice.
 */
export function ConsultationForm({
  api,
  link,
  userId,
  registerSubmit,
  registerTemplate,
  storage = browserStorage(),
  onClose,
  initialCategory = '',
  onSaved,
}: ConsultationFormProps) {
  const { t } = useTranslation();
  const key = draftKey(userId, link.callId);
  const [restored] = useState(() => loadDraft(storage, key));
  const [draft, setDraft] = useState<ConsultationDraft>(
    () => restored?.draft ?? emptyDraft(newIdempotencyKey(), initialCategory),
  );
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
  const set = (field: ConsultationFieldName, value: string) => update((d) => ({ ...d, [field]: value }));

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
      onSaved?.(consultation);
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
    const chosen = CategoryCode.safeParse(draft.category);
    if (!chosen.success) {
      setErrors((e) => ({ ...e, category: t('consultation.templateNeedsCategory') }));
      formRef.current?.querySelector<HTMLElement>('#c-category')?.focus();
      return;
    }
    const category = chosen.data;
    update((d) => ({ ...d, summary: insertTemplate(d.summary, category) }));
    formRef.current?.querySelector<HTMLTextAreaElement>('#c-summary')?.focus();
  }

  // Effect events see the latest draft without re-registering the shortcuts on every keystroke.
  const onSubmitShortcut = useEffectEvent(() => void save());
  const onTemplateShortcut = useEffectEvent(() => addTemplate());
  useEffect(() => {
    registerSubmit(() => onSubmitShortcut());
    registerTemplate?.(() => onTemplateShortcut());
    return () => {
      registerSubmit(null);
      registerTemplate?.(null);
    };
  }, [registerSubmit, registerTemplate]);

  function startNew() {
    setDraft(emptyDraft(newIdempotencyKey(), initialCategory));
    setErrors({});
    setStatus({ kind: 'editing' });
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };
  const locked = status.kind !== 'editing';
  const subs = draft.category ? subCategories[draft.category] : [];
  const tools = (
    <div className="field-tools">
      <button
        type="button"
        className="btn btn-small"
        disabled={locked}
        aria-keyshortcuts="F7"
        data-action="insertTemplate"
        onClick={addTemplate}
      >
        {t('actions.insertTemplate')} <kbd>F7</kbd>
      </button>
      <span className="muted small">{t('consultation.length', { count: draft.summary.length })}</span>
    </div>
  );

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
        <ConsultationFieldInputs
          values={draft}
          idOf={fieldId}
          set={set}
          disabled={locked}
          errors={errors}
          required={{ label: t('consultation.required'), chooseCategory: t('consultation.chooseCategory') }}
          subCategories={subs}
          textRows={6}
          after={{ summary: tools }}
        />
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={locked}
            aria-keyshortcuts="F9"
            data-action="saveConsultation"
          >
            {status.kind === 'saving' ? t('consultation.saving') : t('consultation.save')} <kbd>F9</kbd>
          </button>
          {status.kind === 'editing' && draft.summary !== '' ? (
            <span className="muted small">{t('consultation.draftKept')}</span>
          ) : null}
          {status.kind === 'saved' ? (
            <>
              <span className="alert alert-ok" role="status" data-testid="consultation-saved">
                {t('consultation.saved')}
              </span>
              <button
                type="button"
                className="btn"
                onClick={() => setStatus({ kind: 'amending', consultation: status.consultation })}
              >
                {t('consultation.amend')}
              </button>
              <button type="button" className="btn" onClick={startNew}>
                {t('consultation.newForm')}
              </button>
            </>
          ) : null}
        </div>
      </form>
      {status.kind === 'amending' ? (
        <ConsultationEditor
          api={api}
          consultationId={status.consultation.id}
          onDone={() => setStatus({ kind: 'saved', consultation: status.consultation })}
        />
      ) : null}
    </section>
  );
}

const fieldId = (name: ConsultationFieldName) => `c-${FIELD_INPUTS[name].id}`;

/** Moves focus to the first field with an error so keyboard users land where to fix it. */
function focusFirstError(form: HTMLFormElement | null, errors: FieldErrors) {
  const first = CONSULTATION_FIELD_NAMES.find((f) => errors[f]);
  if (form && first) form.querySelector<HTMLElement>(`#${fieldId(first)}`)?.focus();
}
