import { kpiFormulaById, type KpiReport, type KpiRow } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { formulaAnchor } from './FormulaList';
import { columnsFor, formatFigure, formulaOfColumn, keyLabel } from './reports-model';

/**
 * The figures: one row per interval × queue (or counselor), then the period's totals. Each
 * column header names its formula (a tooltip, and a link to the formula list for keyboards
 * and screen readers).
 */
export function ReportTable({ report }: { report: KpiReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const columns = columnsFor(report.by);
  const keyHeader = t(report.by === 'queue' ? 'reports.queue' : 'reports.agent');
  if (report.rows.length === 0) return <p className="muted">{t('reports.empty')}</p>;
  const line = (row: KpiRow, key: string, head: string) => (
    <tr key={`${row.start}|${row.key}`}>
      <th scope="row">{head}</th>
      <td>{key}</td>
      {columns.map((c) => {
        const own = row.figures[c].formula;
        // A row computed another way than its column (occ.v1 where no state history covers it) says so.
        const differs = own !== report.total.figures[c].formula;
        const formula = differs ? kpiFormulaById(own) : null;
        return (
          <td
            key={c}
            className="num"
            data-formula={own}
            title={differs ? (formula ? (lang === 'en' ? formula.en : formula.ko) : own) : undefined}
          >
            {formatFigure(c, row.figures[c].value, lang)}
            {differs ? <sup className="formula-ref small"> {own}</sup> : null}
          </td>
        );
      })}
    </tr>
  );
  const keyOf = (row: KpiRow) => keyLabel(report, row.key, lang) ?? t('reports.noKey');
  return (
    <div className="table-scroll">
      <table className="table report-table" aria-label={t('reports.table')}>
        <caption className="muted small">
          {report.from} ~ {report.to} · {t(`reports.intervals.${report.interval}`)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('reports.period')}</th>
            <th scope="col">{keyHeader}</th>
            {columns.map((c) => {
              const formula = formulaOfColumn(report, c);
              const id = report.total.figures[c].formula;
              const name = t(`reports.columns.${c}`);
              const text = formula ? (lang === 'en' ? formula.en : formula.ko) : t('reports.unknownFormula', { id });
              return (
                <th scope="col" key={c} title={text}>
                  {name}{' '}
                  <a
                    className="formula-ref small"
                    href={`#${formulaAnchor(id)}`}
                    aria-label={t('reports.formulaOf', { name, id, text })}
                  >
                    {id}
                  </a>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{report.rows.map((r) => line(r, keyOf(r), r.label))}</tbody>
        <tbody aria-label={t('reports.totals')}>
          {report.totals.map((r) => line(r, keyOf(r), t('reports.totals')))}
          {line(report.total, t('reports.total'), t('reports.totals'))}
        </tbody>
      </table>
    </div>
  );
}
