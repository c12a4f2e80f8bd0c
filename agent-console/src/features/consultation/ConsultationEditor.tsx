import type { ConsultationDetail, ConsultationRevisionDto } from '@cc1357/contracts';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiClient } from '../../api';
import { formatKstDateTime } from '../../lib/format';
import { editFieldsOf, patchOf, revisionLines, type EditFields } from './edit';
import { ConsultationFieldInputs } from './ConsultationFieldInputs';
import { FIELD_INPUTS } from './fields';

type Load =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; detail: ConsultationDetail; revisions: ConsultationRevisionDto[] };

/**
 * Edit of a saved consultation (PATCH with the revision it was read at) and its revision
 * history. A concurrent edit answers 409: the counselor reloads and sees the other change.
 */
export function ConsultationEditor({
  api,
  consultationId,
  onDone,
}: {
  api: ApiClient;
  consultationId: string;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  // The answer is kept with the request it answers: while a newer request (another consultation,
  // or a reload) is out, the editor shows loading without resetting state inside the effect.
  const [answer, setAnswer] = useState<{ request: string; load: Load } | null>(null);
  const [fields, setFields] = useState<EditFields | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [reloads, setReloads] = useState(0);

  const request = `${consultationId}#${reloads}`;
  const load: Load = answer?.request === request ? answer.load : { kind: 'loading' };
  useEffect(() => {
    let live = true;
    const setLoad = (next: Load) => setAnswer({ request: `${consultationId}#${reloads}`, load: next });
    Promise.all([api.consultation(consultationId), api.revisions(consultationId)]).then(
      ([detail, revisions]) => {
        if (!live) return;
        setLoad({ kind: 'ready', detail, revisions });
        setFields(editFieldsOf(detail));
      },
      (error: unknown) =>
        live && setLoad({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [api, consultationId, reloads]);

  if (load.kind === 'loading' || !fields) {
    return load.kind === 'failed' ? (
      <p className="alert alert-error" role="alert">
        {load.message}
      </p>
    ) : (
      <p className="muted" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (load.kind !== 'ready') return null;
  const { detail, revisions } = load;
  const set = <K extends keyof EditFields>(k: K, v: EditFields[K]) => setFields({ ...fields, [k]: v });

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!fields) return;
    const patch = patchOf(detail, fields);
    if (!patch) {
      setMessage({ kind: 'error', text: t('edit.nothingChanged') });
      return;
    }
    setBusy(true);
    try {
      const updated = await api.patchConsultation(consultationId, patch);
      setMessage({ kind: 'ok', text: t('edit.saved', { revision: updated.revision }) });
      setReloads((n) => n + 1);
    } catch (error) {
      const apiError = asApiError(error);
      setMessage({
        kind: 'error',
        text:
          apiError.status === 409
            ? t('edit.conflict', { message: apiError.message })
            : t('edit.failed', { message: apiError.message }),
      });
    } finally {
      setBusy(false);
    }
  }

  const id = (name: string) => `e-${consultationId}-${name}`;
  return (
    <section className="editor" aria-labelledby={id('title')} data-testid="consultation-editor">
      <h3 id={id('title')}>
        {t('edit.title')} <span className="muted small">{t('edit.revision', { revision: detail.revision })}</span>
      </h3>
      {detail.updatedAt ? (
        <p className="muted small">
          {t('edit.lastChanged', { at: formatKstDateTime(detail.updatedAt), name: detail.updatedByName ?? '' })}
        </p>
      ) : null}
      {message ? (
        <p
          className={`alert ${message.kind === 'ok' ? 'alert-ok' : 'alert-error'}`}
          role={message.kind === 'ok' ? 'status' : 'alert'}
          data-testid="edit-message"
        >
          {message.text}
          {message.kind === 'error' ? (
            <button type="button" className="btn btn-link" onClick={() => setReloads((n) => n + 1)}>
              {t('edit.reload')}
            </button>
          ) : null}
        </p>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <ConsultationFieldInputs
          values={fields}
          idOf={(name) => id(FIELD_INPUTS[name].id)}
          set={(name, value) => set(name, value)}
          textRows={4}
        />
        <label className="check">
          <input
            type="checkbox"
            checked={fields.followUpClosed}
            onChange={(e) => set('followUpClosed', e.target.checked)}
          />{' '}
          {t('edit.followUpClosed')}
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('consultation.saving') : t('edit.save')}
          </button>
          {onDone ? (
            <button type="button" className="btn" onClick={onDone}>
              {t('edit.done')}
            </button>
          ) : null}
        </div>
      </form>
      <h4>{t('edit.history')}</h4>
      {revisions.length === 0 ? (
        <p className="muted small">{t('edit.noHistory')}</p>
      ) : (
        <ol className="revisions" data-testid="revisions">
          {revisionLines(revisions).map((line) => (
            <li key={line.revision}>
              <strong>{t('edit.revision', { revision: line.revision })}</strong>{' '}
              <span className="muted small">
                {formatKstDateTime(line.changedAt)} · {line.changedByName}
              </span>
              <ul>
                {line.changes.map((c) => (
                  <li key={c.field}>
                    {t(`edit.fields.${c.field}`, { defaultValue: c.field })}:{' '}
                    <span className="muted">{t('edit.before')}</span> {c.value || '–'}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
