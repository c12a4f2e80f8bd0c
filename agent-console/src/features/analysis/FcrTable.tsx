import { kpiFormulaById, type FcrReport, type FcrRow } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { keyLabel } from './analysis-model';

/**
 * First-contact resolution per queue, category or counselor, and the formula it was computed
 * with, shown from the id crm-api sent (contracts' KPI_FORMULAS): the table says how it counts.
 */
export function FcrTable({ report }: { report: FcrReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const texts = { unknown: t('analysis.unknown'), total: t('analysis.total') };
  const id = report.total.rate.formula;
  const formula = kpiFormulaById(id);
  const formulaText = formula ? (lang === 'en' ? formula.en : formula.ko) : t('analysis.unknownFormula', { id });
  const rate = (r: FcrRow) => (r.rate.value === null ? '–' : `${(Math.round(r.rate.value * 1000) / 10).toString()}%`);
  const line = (r: FcrRow) => (
    <tr key={r.key}>
      <th scope="row">{keyLabel(report.by, r.key, lang, texts, report.names)}</th>
      <td className="num">{r.contacts.toLocaleString('ko-KR')}</td>
      <td className="num">{r.repeated.toLocaleString('ko-KR')}</td>
      <td className="num">{r.resolved.toLocaleString('ko-KR')}</td>
      <td className="num" data-formula={r.rate.formula}>
        {rate(r)}
      </td>
    </tr>
  );
  return (
    <section className="panel" aria-labelledby="fcr-title">
      <h3 id="fcr-title">{t('analysis.fcr')}</h3>
      {report.rows.length === 0 ? (
        <p className="muted">{t('analysis.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table report-table" aria-label={t('analysis.fcr')}>
            <caption className="muted small">
              {t('analysis.fcrCaption', { from: report.from, to: report.to, days: report.windowDays })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(`analysis.fcrGroupings.${report.by}`)}</th>
                <th scope="col">{t('analysis.contacts')}</th>
                <th scope="col">{t('analysis.repeated')}</th>
                <th scope="col">{t('analysis.resolved')}</th>
                <th scope="col" title={formulaText}>
                  {t('analysis.rate')}{' '}
                  <a className="formula-ref small" href="#fcr-formula" aria-label={`${t('analysis.formula')} ${id}`}>
                    {id}
                  </a>
                </th>
              </tr>
            </thead>
            <tbody>{report.rows.map(line)}</tbody>
            <tfoot>{line(report.total)}</tfoot>
          </table>
        </div>
      )}
      <dl className="formula-list">
        <div id="fcr-formula" tabIndex={-1}>
          <dt className="mono">
            {t('analysis.formula')} {id}
          </dt>
          <dd>
            {formulaText}
            {formula ? (
              <>
                <br />
                <code>{formula.expression}</code>
              </>
            ) : null}
          </dd>
        </div>
      </dl>
      {report.unidentified > 0 ? (
        <p className="muted small">{t('analysis.unidentified', { count: report.unidentified })}</p>
      ) : null}
    </section>
  );
}
