import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api';
import { csvBlobOf, download, xlsxBlobOf } from '../reports/report-files';
import '../reports/reports.css';
import { AnalysisFilters } from './AnalysisFilters';
import {
  analysisFileName,
  defaultAnalysisForm,
  fcrFormulaRowsOf,
  fcrSheetOf,
  pivotSheetOf,
  queriesOf,
  type FcrQueryInput,
  type PivotQueryInput,
} from './analysis-model';
import { FcrTable } from './FcrTable';
import { PivotChart } from './PivotChart';
import { PivotTable } from './PivotTable';
import { useAnswer } from './useAnswer';

type AnalysisApi = Pick<ApiClient, 'consultationPivot' | 'fcrReport'>;

/**
 * 상담 분석 (issue 16): what callers ask about — consultations by two chosen dimensions (pivot
 * table with totals and a chart) and first-contact resolution, with CSV and Excel export made by
 * the reports screen's writers. Loaded lazily (App.tsx): counselors never download it.
 */
export function AnalysisView({ api, now = Date.now }: { api: AnalysisApi; now?: () => number }) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState(() => defaultAnalysisForm(now()));
  const [queries, setQueries] = useState(() => queriesOf(form));
  const loadPivot = useCallback((q: PivotQueryInput) => api.consultationPivot(q), [api]);
  const loadFcr = useCallback((q: FcrQueryInput) => api.fcrReport(q), [api]);
  const pivot = useAnswer(loadPivot, queries.pivot);
  const fcr = useAnswer(loadFcr, queries.fcr);
  const loading = pivot.loading || fcr.loading;
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const fieldErrors = Object.fromEntries(
    [...(pivot.error?.fields ?? []), ...(fcr.error?.fields ?? [])].map((f) => [f.path, f.message]),
  );
  const otherError = [pivot.error, fcr.error].find((e) => e && (e.fields ?? []).length === 0) ?? null;

  const keyTexts = { unknown: t('analysis.unknown'), total: t('analysis.total') };
  const sheets = () => ({
    pivot: pivot.data
      ? pivotSheetOf(
          pivot.data,
          {
            ...keyTexts,
            corner: `${t(`analysis.dimensions.${pivot.data.rows}`)} \\ ${t(`analysis.dimensions.${pivot.data.cols}`)}`,
          },
          i18n.language,
        )
      : [],
    fcr: fcr.data
      ? fcrSheetOf(
          fcr.data,
          {
            ...keyTexts,
            key: t(`analysis.fcrGroupings.${fcr.data.by}`),
            contacts: t('analysis.contacts'),
            repeated: t('analysis.repeated'),
            resolved: t('analysis.resolved'),
            rate: t('analysis.rate'),
            formula: t('analysis.formula'),
          },
          i18n.language,
        )
      : [],
  });
  const exportAs = async (kind: 'pivot' | 'fcr' | 'all') => {
    const period = pivot.data ?? fcr.data;
    if (!period) return;
    setExporting(true);
    setExportError(null);
    try {
      const s = sheets();
      const formulas = fcr.data
        ? fcrFormulaRowsOf(fcr.data, i18n.language, ['ID', t('analysis.formula'), 'expression'])
        : [];
      if (kind === 'all') {
        // One data sheet (the pivot, a blank line, the FCR table) and the formula sheet, as the reports screen writes them.
        const blob = await xlsxBlobOf([...s.pivot, [], ...s.fcr], formulas, {
          data: t('analysis.title'),
          formulas: t('analysis.formula'),
        });
        download(blob, analysisFileName('all', period, 'xlsx'));
      } else {
        const sheet = kind === 'pivot' ? s.pivot : [...s.fcr, [], ...formulas];
        download(csvBlobOf(sheet), analysisFileName(kind, period, 'csv'));
      }
    } catch (err) {
      setExportError(t('analysis.exportFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="wallboard" data-testid="analysis-view">
      <div className="wallboard-head">
        <h2>{t('analysis.title')}</h2>
      </div>
      <p className="muted small">{t('analysis.intro')}</p>
      <AnalysisFilters
        form={form}
        fieldErrors={fieldErrors}
        busy={loading}
        onChange={setForm}
        onSubmit={() => setQueries(queriesOf(form))}
      />
      <p className="muted small" role="status" aria-live="polite">
        {loading ? (
          <>
            <progress aria-label={t('analysis.loading')} /> {t('analysis.loading')}
          </>
        ) : pivot.data && !pivot.error ? (
          t('analysis.loaded', { count: pivot.data.total })
        ) : (
          ''
        )}
      </p>
      {otherError ? (
        <p className="alert alert-error" role="alert">
          {otherError.message}
        </p>
      ) : null}
      {pivot.data || fcr.data ? (
        <div className="form-actions">
          <button
            type="button"
            className="btn"
            disabled={exporting || !pivot.data}
            onClick={() => void exportAs('pivot')}
          >
            {t('analysis.exportPivotCsv')}
          </button>
          <button type="button" className="btn" disabled={exporting || !fcr.data} onClick={() => void exportAs('fcr')}>
            {t('analysis.exportFcrCsv')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={exporting || !pivot.data || !fcr.data}
            onClick={() => void exportAs('all')}
          >
            {t('analysis.exportXlsx')}
          </button>
        </div>
      ) : null}
      {exporting ? <p role="status">{t('analysis.exporting')}</p> : null}
      {exportError ? (
        <p className="alert alert-error" role="alert">
          {exportError}
        </p>
      ) : null}
      {pivot.data ? (
        <section className="panel" aria-labelledby="analysis-pivot-title" aria-busy={loading}>
          <h3 id="analysis-pivot-title">{t('analysis.pivot')}</h3>
          {pivot.data.total > 0 ? <PivotChart pivot={pivot.data} /> : null}
          <PivotTable pivot={pivot.data} />
        </section>
      ) : null}
      {fcr.data ? <FcrTable report={fcr.data} /> : null}
    </div>
  );
}
