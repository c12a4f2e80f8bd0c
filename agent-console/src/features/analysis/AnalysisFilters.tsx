import { ANALYSIS_DIMENSIONS, FCR_GROUPINGS, type AnalysisDimension, type FcrGrouping } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import type { AnalysisForm } from './analysis-model';

/** The analysis settings: a plain form (Enter runs it), every field labelled, a 400's message under its field. */
export function AnalysisFilters({
  form,
  fieldErrors,
  busy,
  onChange,
  onSubmit,
}: {
  form: AnalysisForm;
  fieldErrors: Record<string, string>;
  busy: boolean;
  onChange: (form: AnalysisForm) => void;
  onSubmit: () => void;
}) {
  const { t } = useTranslation();
  const errorOf = (key: string) =>
    fieldErrors[key] ? (
      <span id={`analysis-${key}-error`} className="field-error">
        {fieldErrors[key]}
      </span>
    ) : null;
  const described = (key: string) => ({
    'aria-invalid': fieldErrors[key] ? true : undefined,
    'aria-describedby': fieldErrors[key] ? `analysis-${key}-error` : undefined,
  });
  const dimensionPicker = (key: 'rows' | 'cols') => (
    <label className="field">
      <span>{t(`analysis.${key}`)}</span>
      <select
        name={key}
        value={form[key]}
        {...described(key)}
        onChange={(e) => onChange({ ...form, [key]: e.target.value as AnalysisDimension })}
      >
        {ANALYSIS_DIMENSIONS.map((d) => (
          <option key={d} value={d}>
            {t(`analysis.dimensions.${d}`)}
          </option>
        ))}
      </select>
      {errorOf(key)}
    </label>
  );
  return (
    <form
      className="panel recording-search"
      aria-label={t('analysis.filters')}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {(['from', 'to'] as const).map((key) => (
        <label className="field" key={key}>
          <span>{t(`analysis.${key}`)}</span>
          <input
            name={key}
            type="date"
            required
            value={form[key]}
            {...described(key)}
            onChange={(e) => onChange({ ...form, [key]: e.target.value })}
          />
          {errorOf(key)}
        </label>
      ))}
      {dimensionPicker('rows')}
      {dimensionPicker('cols')}
      <label className="field">
        <span>{t('analysis.fcrBy')}</span>
        <select
          name="fcrBy"
          value={form.fcrBy}
          {...described('by')}
          onChange={(e) => onChange({ ...form, fcrBy: e.target.value as FcrGrouping })}
        >
          {FCR_GROUPINGS.map((g) => (
            <option key={g} value={g}>
              {t(`analysis.fcrGroupings.${g}`)}
            </option>
          ))}
        </select>
        {errorOf('by')}
      </label>
      <label className="field">
        <span>{t('analysis.windowDays')}</span>
        <input
          name="windowDays"
          type="number"
          min={1}
          max={90}
          value={form.windowDays}
          {...described('windowDays')}
          onChange={(e) => onChange({ ...form, windowDays: e.target.value })}
        />
        {errorOf('windowDays')}
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} aria-disabled={busy}>
          {t('analysis.run')}
        </button>
      </div>
    </form>
  );
}
