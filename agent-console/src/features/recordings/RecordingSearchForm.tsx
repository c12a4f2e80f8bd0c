import { CATEGORY_CODES, QUEUES, type CategoryCode, type QueueId } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { categoryLabel, queueLabel } from '../../i18n/labels';
import type { RecordingSearchForm as Form } from './recordings-model';

/** The recordings search: a plain form (Enter searches), every field labelled; a 400's field message under its field. */
export function RecordingSearchForm({
  form,
  showCounselor,
  fieldErrors,
  onChange,
  onSubmit,
  onReset,
}: {
  form: Form;
  /** Counselors search only their own calls: no counselor field for them. */
  showCounselor: boolean;
  fieldErrors: Record<string, string>;
  onChange: (form: Form) => void;
  onSubmit: () => void;
  onReset: () => void;
}) {
  const { t, i18n } = useTranslation();
  const text = (
    key: 'from' | 'to' | 'agentId' | 'companyId' | 'callerNumber' | 'minSeconds' | 'maxSeconds',
    type = 'text',
  ) => (
    <label className="field" key={key}>
      <span>{t(`recordings.${key}`)}</span>
      <input
        name={key}
        type={type}
        value={form[key]}
        inputMode={type === 'text' && key !== 'agentId' ? 'numeric' : undefined}
        aria-invalid={fieldErrors[key] ? true : undefined}
        aria-describedby={fieldErrors[key] ? `rec-${key}-error` : undefined}
        onChange={(e) => onChange({ ...form, [key]: e.target.value })}
      />
      {fieldErrors[key] ? (
        <span id={`rec-${key}-error`} className="field-error">
          {fieldErrors[key]}
        </span>
      ) : null}
    </label>
  );
  return (
    <form
      className="panel recording-search"
      aria-label={t('recordings.search')}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {text('from', 'date')}
      {text('to', 'date')}
      {showCounselor ? text('agentId') : null}
      <label className="field">
        <span>{t('recordings.queue')}</span>
        <select
          name="queue"
          value={form.queue}
          onChange={(e) => onChange({ ...form, queue: e.target.value as QueueId | '' })}
        >
          <option value="">{t('recordings.any')}</option>
          {QUEUES.map((q) => (
            <option key={q.id} value={q.id}>
              {queueLabel(q.id, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      {text('companyId')}
      {text('callerNumber')}
      <label className="field">
        <span>{t('recordings.category')}</span>
        <select
          name="category"
          value={form.category}
          onChange={(e) => onChange({ ...form, category: e.target.value as CategoryCode | '' })}
        >
          <option value="">{t('recordings.any')}</option>
          {CATEGORY_CODES.map((c) => (
            <option key={c} value={c}>
              {categoryLabel(c, i18n.language)}
            </option>
          ))}
        </select>
      </label>
      {text('minSeconds', 'number')}
      {text('maxSeconds', 'number')}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {t('recordings.find')}
        </button>
        <button type="button" className="btn" onClick={onReset}>
          {t('recordings.reset')}
        </button>
      </div>
    </form>
  );
}
