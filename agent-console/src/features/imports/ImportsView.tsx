import type { ImportReport } from '@cc1357/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient, ImportKind } from '../../api';
import { checkCsv, IMPORT_COLUMNS, reasonCounts, type FileCheck } from './import-model';

type Phase = { kind: 'idle' } | { kind: 'reading' } | { kind: 'checked'; text: string; check: FileCheck; name: string } | { kind: 'running'; rows: number; startedAt: number } | { kind: 'done'; report: ImportReport; seconds: number } | { kind: 'failed'; message: string };

/** Admin CSV upload of companies or support history: check, send, progress, then the report. */
export function ImportsView({ api }: { api: ApiClient }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>('companies');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  async function pick(file: File | undefined) {
    if (!file) return;
    setPhase({ kind: 'reading' });
    const text = await file.text();
    setPhase({ kind: 'checked', text, check: checkCsv(kind, text), name: file.name });
  }

  async function run() {
    if (phase.kind !== 'checked') return;
    const startedAt = Date.now();
    setPhase({ kind: 'running', rows: phase.check.rows, startedAt });
    try {
      const report = await api.importCsv(kind, phase.text);
      setPhase({ kind: 'done', report, seconds: Math.round((Date.now() - startedAt) / 100) / 10 });
    } catch (e) {
      setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }

  return (
    <div className="wallboard" data-testid="imports-view">
      <div className="wallboard-head">
        <h2>{t('imports.title')}</h2>
      </div>
      <section className="panel">
        <fieldset className="inline-choices" disabled={phase.kind === 'running'}>
          <legend>{t('imports.kind')}</legend>
          {(['companies', 'support-history'] as const).map((k) => (
            <label key={k} className="check">
              <input type="radio" name="import-kind" value={k} checked={kind === k} onChange={() => (setKind(k), setPhase({ kind: 'idle' }))} /> {t(`imports.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        <p className="muted small">
          {t('imports.columns')} <code>{IMPORT_COLUMNS[kind].join(',')}</code>
        </p>
        <div className="field">
          <label htmlFor="import-file">{t('imports.file')}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" disabled={phase.kind === 'running'} onChange={(e) => void pick(e.target.files?.[0])} />
        </div>
        {phase.kind === 'checked' ? (
          <div>
            <p data-testid="import-check">
              {t('imports.checked', { name: phase.name, rows: phase.check.rows })}
            </p>
            {phase.check.missing.length > 0 ? (
              <p className="alert alert-error" role="alert">
                {t('imports.missing', { columns: phase.check.missing.join(', ') })}
              </p>
            ) : null}
            <button type="button" className="btn btn-primary" disabled={phase.check.missing.length > 0 || phase.check.rows === 0} onClick={() => void run()}>
              {t('imports.run', { rows: phase.check.rows })}
            </button>
          </div>
        ) : null}
        {phase.kind === 'running' ? (
          <div role="status" aria-live="polite" data-testid="import-progress">
            <p>{t('imports.running', { rows: phase.rows })}</p>
            <progress aria-label={t('imports.running', { rows: phase.rows })} />
          </div>
        ) : null}
        {phase.kind === 'failed' ? <p className="alert alert-error" role="alert">{t('imports.failed', { message: phase.message })}</p> : null}
      </section>
      {phase.kind === 'done' ? <ImportReportPanel report={phase.report} seconds={phase.seconds} /> : null}
    </div>
  );
}

function ImportReportPanel({ report, seconds }: { report: ImportReport; seconds: number }) {
  const { t } = useTranslation();
  const share = report.total > 0 ? (report.total - report.rejected.length) / report.total : 0;
  return (
    <section className="panel" aria-labelledby="import-report" data-testid="import-report">
      <h3 id="import-report">{t('imports.report', { seconds })}</h3>
      <div className="meter" aria-hidden="true">
        <span style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <ul className="kpis kpis-small">
        {(['total', 'inserted', 'updated', 'unchanged'] as const).map((k) => (
          <li key={k} className="kpi">
            <span className="kpi-value">{report[k]}</span>
            <span className="kpi-label">{t(`imports.counts.${k}`)}</span>
          </li>
        ))}
        <li className={`kpi ${report.rejected.length > 0 ? 'hot' : ''}`}>
          <span className="kpi-value">{report.rejected.length}</span>
          <span className="kpi-label">{t('imports.counts.rejected')}</span>
        </li>
      </ul>
      {report.rejected.length > 0 ? (
        <>
          <h4>{t('imports.byReason')}</h4>
          <ul className="plain">
            {reasonCounts(report).map((r) => (
              <li key={r.reason}>
                {r.reason} <span className="muted">({t('imports.rows', { count: r.rows })})</span>
              </li>
            ))}
          </ul>
          <table className="table compact" data-testid="import-rejected">
            <caption>{t('imports.rejectedRows')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('imports.line')}</th>
                <th scope="col">{t('imports.reasons')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rejected.slice(0, 200).map((r) => (
                <tr key={r.row}>
                  <th scope="row">{r.row}</th>
                  <td>{r.reasons.join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
