import type { ConsultationPivot } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { keyLabel } from './analysis-model';

/** The pivot: row keys down, column keys across, a total per row and per column, the grand total. */
export function PivotTable({ pivot }: { pivot: ConsultationPivot }) {
  const { t, i18n } = useTranslation();
  const texts = { unknown: t('analysis.unknown'), total: t('analysis.total') };
  const label = (d: ConsultationPivot['rows'], k: string) => keyLabel(d, k, i18n.language, texts);
  const n = (v: number) => v.toLocaleString('ko-KR');
  if (pivot.total === 0) return <p className="muted">{t('analysis.empty')}</p>;
  const rowsName = t(`analysis.dimensions.${pivot.rows}`);
  const colsName = t(`analysis.dimensions.${pivot.cols}`);
  return (
    <div className="table-scroll">
      <table className="table report-table" aria-label={t('analysis.pivot')}>
        <caption className="muted small">
          {t('analysis.pivotCaption', { from: pivot.from, to: pivot.to, rows: rowsName, cols: colsName })}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              {rowsName} \ {colsName}
            </th>
            {pivot.colKeys.map((k) => (
              <th scope="col" key={k}>
                {label(pivot.cols, k)}
              </th>
            ))}
            <th scope="col">{t('analysis.total')}</th>
          </tr>
        </thead>
        <tbody>
          {pivot.rowKeys.map((k, i) => (
            <tr key={k}>
              <th scope="row">{label(pivot.rows, k)}</th>
              {pivot.counts[i]!.map((v, j) => (
                <td key={pivot.colKeys[j]} className="num">
                  {n(v)}
                </td>
              ))}
              <td className="num">
                <strong>{n(pivot.rowTotals[i]!)}</strong>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('analysis.total')}</th>
            {pivot.colTotals.map((v, j) => (
              <td key={pivot.colKeys[j]} className="num">
                <strong>{n(v)}</strong>
              </td>
            ))}
            <td className="num">
              <strong>{n(pivot.total)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
