import { type KpiReport, type KpiRow, wrapUpCodeLabel } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { keyLabel, WRAP_UP_CODE_KEYS, wrappedUp, wrapUpRowsOf, type WrapUpCodeKey } from './reports-model';

/** `n (xx%)` of the row's wrap-ups; '–' when the row had none. */
function cell(row: KpiRow, code: WrapUpCodeKey, language: string): string {
  const all = wrappedUp(row);
  const n = row.wrapUpCodes?.[code] ?? 0;
  if (all === 0) return '–';
  const share = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(n / all);
  return `${n} (${share})`;
}

/**
 * 후처리 코드 (issue 16): how the period's handled calls ended, by the counselors' wrap-up codes,
 * per queue (or counselor) and in all — the counts the report carries in `wrapUpCodes`. Shown
 * only when the report has any wrap-up (an older crm-api sends none). The exports write the same
 * rows (wrapUpSheetOf).
 */
export function WrapUpCodesTable({ report }: { report: KpiReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (wrappedUp(report.total) === 0) return null;
  const label = (code: WrapUpCodeKey) =>
    code === 'none' ? t('reports.wrapUpCodes.none') : wrapUpCodeLabel(code, lang === 'en' ? 'en' : 'ko');
  const line = (row: KpiRow, head: string) => (
    <tr key={row.key}>
      <th scope="row">{head}</th>
      {WRAP_UP_CODE_KEYS.map((code) => (
        <td key={code} className="num" data-code={code}>
          {cell(row, code, lang)}
        </td>
      ))}
      <td className="num">{wrappedUp(row)}</td>
    </tr>
  );
  return (
    <section className="panel" aria-labelledby="wrap-up-codes-title" data-testid="wrap-up-codes">
      <h3 id="wrap-up-codes-title">{t('reports.wrapUpCodes.title')}</h3>
      <div className="table-scroll">
        <table className="table report-table">
          <caption className="muted small">{t('reports.wrapUpCodes.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(report.by === 'queue' ? 'reports.queue' : 'reports.agent')}</th>
              {WRAP_UP_CODE_KEYS.map((code) => (
                <th scope="col" key={code}>
                  {label(code)}
                </th>
              ))}
              <th scope="col">{t('reports.wrapUpCodes.all')}</th>
            </tr>
          </thead>
          <tbody>
            {wrapUpRowsOf(report).map((row) =>
              line(
                row,
                row === report.total ? t('reports.total') : (keyLabel(report, row.key, lang) ?? t('reports.noKey')),
              ),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
