import type { ImportReport } from '@cc1357/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient, ImportKind } from '../../api';
import {
  checkCsv,
  columnName,
  IMPORT_COLUMNS,
  reasonCounts,
  rejectedRowsCsv,
  templateCsv,
  type FileCheck,
} from './import-model';

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading' }
  | { kind: 'checked'; bytes: Uint8Array; check: FileCheck; name: string }
  | { kind: 'running'; rows: number; startedAt: number }
  | { kind: 'done'; report: ImportReport; seconds: number }
  | { kind: 'failed'; message: string };

/** Admin CSV upload of companies or support history: check, send, progress, then the report. */
export function ImportsView({ api }: { api: ApiClient }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind>('companies');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  async function pick(file: File | undefined) {
    if (!file) return;
    setPhase({ kind: 'reading' });
    // Bytes, not file.text(): that would read a CP949 file (Korean Excel's plain CSV) as broken UTF-8.
    const bytes = new Uint8Array(await file.arrayBuffer());
    setPhase({ kind: 'checked', bytes, check: checkCsv(kind, bytes), name: file.name });
  }

  async function run() {
    if (phase.kind !== 'checked' || !phase.check.ok) return;
    const startedAt = Date.now();
    setPhase({ kind: 'running', rows: phase.check.rows, startedAt });
    try {
      const report = await api.importCsv(kind, phase.bytes);
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
              <input
                type="radio"
                name="import-kind"
                value={k}
                checked={kind === k}
                onChange={() => (setKind(k), setPhase({ kind: 'idle' }))}
              />{' '}
              {t(`imports.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        <p className="muted small" id="import-columns">
          {t('imports.columns')}
        </p>
        <ul className="plain inline-list small" aria-labelledby="import-columns" data-testid="import-columns">
          {IMPORT_COLUMNS[kind].map((c) => (
            <li key={c}>{columnName(c)}</li>
          ))}
        </ul>
        <p className="small">
          {t('imports.encodings')}{' '}
          <button
            type="button"
            className="btn btn-link"
            onClick={() => downloadCsv(`${kind}-template.csv`, templateCsv(kind))}
            data-testid="import-template"
          >
            {t('imports.template')}
          </button>
        </p>
        <div className="field">
          <label htmlFor="import-file">{t('imports.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            disabled={phase.kind === 'running'}
            onChange={(e) => void pick(e.target.files?.[0])}
          />
        </div>
        {phase.kind === 'checked' && !phase.check.ok ? (
          <p className="alert alert-error" role="alert" data-testid="import-encoding-refused">
            {phase.check.reason}
          </p>
        ) : null}
        {phase.kind === 'checked' && phase.check.ok ? (
          <div>
            <p data-testid="import-check">
              {t('imports.checked', { name: phase.name, rows: phase.check.rows, count: phase.check.rows })} ·{' '}
              {t(`imports.encoding.${phase.check.encoding}`)}
            </p>
            {phase.check.missing.length > 0 ? (
              <p className="alert alert-error" role="alert">
                {t('imports.missing', { columns: phase.check.missing.map(columnName).join(', ') })}
              </p>
            ) : null}
            <button
              type="button"
              className="btn btn-primary"
              disabled={phase.check.missing.length > 0 || phase.check.rows === 0}
              onClick={() => void run()}
            >
              {t('imports.run', { rows: phase.check.rows, count: phase.check.rows })}
            </button>
          </div>
        ) : null}
        {phase.kind === 'running' ? (
          <div role="status" aria-live="polite" data-testid="import-progress">
            <p>{t('imports.running', { rows: phase.rows, count: phase.rows })}</p>
            <progress aria-label={t('imports.running', { rows: phase.rows, count: phase.rows })} />
          </div>
        ) : null}
        {phase.kind === 'failed' ? (
          <p className="alert alert-error" role="alert">
            {t('imports.failed', { message: phase.message })}
          </p>
        ) : null}
      </section>
      {phase.kind === 'done' ? <ImportReportPanel kind={kind} report={phase.report} seconds={phase.seconds} /> : null}
    </div>
  );
}

function ImportReportPanel({ kind, report, seconds }: { kind: ImportKind; report: ImportReport; seconds: number }) {
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
          <p>
            <button
              type="button"
              className="btn"
              onClick={() => downloadCsv(`${kind}-rejected.csv`, rejectedRowsCsv(kind, report))}
              data-testid="import-download-rejected"
            >
              {t('imports.downloadRejected', { count: report.rejected.length })}
            </button>
          </p>
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

/** Hands a CSV to the browser as a download (a Blob URL, released once clicked). */
function downloadCsv(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
