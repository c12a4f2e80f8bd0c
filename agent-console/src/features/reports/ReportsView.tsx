import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api';
import { useLoaded } from '../../lib/useLoaded';
import { RelayRatePanel } from '../relays/RelayRatePanel';
import { FormulaList } from './FormulaList';
import { download, exportSectionsOf, sectionsCsvBlobOf, sectionsXlsxBlobOf } from './report-files';
import { ReportChart } from './ReportChart';
import { ReportFilters } from './ReportFilters';
import { ReportTable } from './ReportTable';
import { defaultReportForm, fileNameOf, reportQueryOf } from './reports-model';
import { useKpiReport } from './useKpiReport';
import { WrapUpCodesTable } from './WrapUpCodesTable';
import './reports.css';

/**
 * 보고서 (issue 16): historical KPIs per queue or counselor over 15/30/60-minute, day or month
 * intervals — filters, a chart, the table with each column's formula, wrap-up codes, the relay
 * rate; CSV and Excel export of all of it.
 * Loaded lazily (App.tsx): counselors never download it.
 */
export function ReportsView({
  api,
  now = Date.now,
}: {
  /** Without relayStats the page has no relay-rate panel (tests of the table alone). */
  api: Pick<ApiClient, 'kpiReport'> & Partial<Pick<ApiClient, 'relayStats'>>;
  now?: () => number;
}) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState(() => defaultReportForm(now()));
  const [query, setQuery] = useState(() => reportQueryOf(form));
  const { report, error, loading } = useKpiReport(api, query);
  // The relay rate with context carried over the report's period (issue 12), beside its KPIs.
  const relayRate = useLoaded(
    () => (report && api.relayStats ? api.relayStats(report.from, report.to) : null),
    [api, report?.from, report?.to],
  );
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const fieldErrors = Object.fromEntries((error?.fields ?? []).map((f) => [f.path, f.message]));

  const exportAs = async (kind: 'csv' | 'xlsx') => {
    if (!report) return;
    setExporting(true);
    setExportError(null);
    try {
      // What the screen shows, the relay rate included once it has loaded for this report's period.
      const relays =
        relayRate.value &&
        relayRate.value.date === report.from &&
        (relayRate.value.to ?? relayRate.value.date) === report.to
          ? relayRate.value
          : null;
      const sections = exportSectionsOf(report, relays, t, i18n.language);
      const blob = kind === 'csv' ? sectionsCsvBlobOf(sections) : await sectionsXlsxBlobOf(sections);
      download(blob, fileNameOf(report, kind));
    } catch (err) {
      setExportError(t('reports.exportFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div className="wallboard" data-testid="reports-view">
      <div className="wallboard-head">
        <h2>{t('reports.title')}</h2>
      </div>
      <p className="muted small">{t('reports.intro')}</p>
      <ReportFilters
        form={form}
        fieldErrors={fieldErrors}
        busy={loading}
        onChange={setForm}
        onSubmit={() => setQuery(reportQueryOf(form))}
      />
      <p className="muted small" role="status" aria-live="polite">
        {loading ? (
          <>
            <progress aria-label={t('reports.loading')} /> {t('reports.loading')}
          </>
        ) : report && !error ? (
          t('reports.loaded', { count: report.rows.length })
        ) : (
          ''
        )}
      </p>
      {error && Object.keys(fieldErrors).length === 0 ? (
        <p className="alert alert-error" role="alert">
          {error.message}
        </p>
      ) : null}
      {report ? (
        <section className="panel" aria-labelledby="report-results-title" aria-busy={loading}>
          <div className="panel-head">
            <h3 id="report-results-title">{t('reports.table')}</h3>
            <div className="form-actions">
              <button
                type="button"
                className="btn"
                disabled={exporting || report.rows.length === 0}
                onClick={() => void exportAs('csv')}
              >
                {t('reports.exportCsv')}
              </button>
              <button
                type="button"
                className="btn"
                disabled={exporting || report.rows.length === 0}
                onClick={() => void exportAs('xlsx')}
              >
                {t('reports.exportXlsx')}
              </button>
            </div>
          </div>
          {exporting ? <p role="status">{t('reports.exporting')}</p> : null}
          {exportError ? (
            <p className="alert alert-error" role="alert">
              {exportError}
            </p>
          ) : null}
          {report.rows.length > 0 ? <ReportChart report={report} /> : null}
          <ReportTable report={report} />
        </section>
      ) : null}
      {report ? <WrapUpCodesTable report={report} /> : null}
      {report && relayRate.value ? <RelayRatePanel stats={relayRate.value} /> : null}
      {report ? <FormulaList report={report} /> : null}
    </div>
  );
}
