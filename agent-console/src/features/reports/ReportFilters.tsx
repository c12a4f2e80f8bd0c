import { KPI_INTERVALS, type KpiGrouping, type KpiInterval } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import type { ReportForm } from './reports-model';

/** The report's settings: a plain form (Enter runs it), every field labelled, a 400's message under its field. */
export function ReportFilters({
  form,
  fieldErrors,
  busy,
  onChange,
  onSubmit,
}: {
  form: ReportForm;
  fieldErrors: Record<string, string>;
  busy: boolean;
  onChange: (form: ReportForm) => void;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const errorOf = (key: string) =>
    fieldErrors[key] ? (
      <span id={`report-${key}-error`} className="field-error">
        {fieldErrors[key]}
      </span>
    ) : null;
  const input = (key: 'from' | 'to' | 'serviceLevelSeconds' | 'shortAbandonSeconds', type: 'date' | 'number') => (
    <label className="field">
      <span>{t(`reports.${key}`)}</span>
      <input
        name={key}
        type={type}
        value={form[key]}
        required={type === 'date'}
        min={type === 'number' ? (key === 'serviceLevelSeconds' ? 1 : 0) : undefined}
        aria-invalid={fieldErrors[key] ? true : undefined}
        aria-describedby={fieldErrors[key] ? `report-${key}-error` : undefined}
        onChange={(e) => onChange({ ...form, [key]: e.target.value })}
      />
      {errorOf(key)}
    </label>
  );
  return (
    <form
      className="panel recording-search"
      aria-label={t('reports.filters')}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {input('from', 'date')}
      {input('to', 'date')}
      <label className="field">
        <span>{t('reports.interval')}</span>
        <select
          name="interval"
          value={form.interval}
          onChange={(e) => onChange({ ...form, interval: e.target.value as KpiInterval })}
        >
          {KPI_INTERVALS.map((i) => (
            <option key={i} value={i}>
              {t(`reports.intervals.${i}`)}
            </option>
          ))}
        </select>
        {errorOf('interval')}
      </label>
      <fieldset className="field">
        <legend>{t('reports.by')}</legend>
        {(['queue', 'agent'] as const satisfies readonly KpiGrouping[]).map((by) => (
          <label key={by}>
            <input
              type="radio"
              name="by"
              value={by}
              checked={form.by === by}
              onChange={() => onChange({ ...form, by })}
            />{' '}
            {t(by === 'queue' ? 'reports.byQueue' : 'reports.byAgent')}
          </label>
        ))}
      </fieldset>
      {input('serviceLevelSeconds', 'number')}
      {input('shortAbandonSeconds', 'number')}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} aria-disabled={busy}>
          {t('reports.run')}
        </button>
      </div>
    </form>
  );
}
