import { WRAP_UP_CODES, type KpiReport, type KpiRow, wrapUpCodeLabel } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { keyLabel } from './reports-model';

type CodeColumn = (typeof WRAP_UP_CODES)[number] | 'none';
const CODE_COLUMNS: readonly CodeColumn[] = [...WRAP_UP_CODES, 'none'];

const handledWithCode = (row: KpiRow) => Object.values(row.wrapUpCodes ?? {}).reduce((a, n) => a + (n ?? 0), 0);

/** `n (xx%)` of the row's wrap-ups; '–' when the row had none. */
function cell(row: KpiRow, code: CodeColumn, language: string): string {
  const all = handledWithCode(row);
  const n = row.wrapUpCodes?.[code] ?? 0;
  if (all === 0) return '–';
  const share = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(n / all);
  return `${n} (${share})`;
}

/**
 * 후처리 코드 (issue 16): how the period's handled calls ended, by the counselors' wrap-up codes,
 * per queue (or counselor) and in all — the counts the report carries in `wrapUpCodes`. Shown
 * only when the report has any wrap-up (an older crm-api sends none).
 */
export function WrapUpCodesTable({ report }: { report: KpiReport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (handledWithCode(report.total) === 0) return null;
  const label = (code: CodeColumn) =>
    code === 'none' ? t('reports.wrapUpCodes.none') : wrapUpCodeLabel(code, lang === 'en' ? 'en' : 'ko');
  const line = (row: KpiRow, head: string) => (
    <tr key={row.key}>
      <th scope="row">{head}</th>
      {CODE_COLUMNS.map((code) => (
        <td key={code} className="num" data-code={code}>
          {cell(row, code, lang)}
        </td>
      ))}
      <td className="num">{handledWithCode(row)}</td>
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
              {CODE_COLUMNS.map((code) => (
                <th scope="col" key={code}>
                  {label(code)}
                </th>
              ))}
              <th scope="col">{t('reports.wrapUpCodes.all')}</th>
            </tr>
          </thead>
          <tbody>
            {report.totals
              .filter((row) => handledWithCode(row) > 0)
              .map((row) => line(row, keyLabel(report, row.key, lang) ?? t('reports.noKey')))}
            {line(report.total, t('reports.total'))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
