import type { SupportHistorySummary } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';
import { formatWon } from '../../lib/format';

/** 지원이력 by year, with the over-concentration warning (특정기업 쏠림지원) on top when flagged. */
export function SupportHistoryPanel({ history }: { history: SupportHistorySummary }) {
  const { t } = useTranslation();
  const flag = history.overConcentration;
  return (
    <section className="insight" aria-labelledby="support-title" data-testid="support-history">
      <div className="insight-head">
        <h3 id="support-title">{t('insights.supportHistory')}</h3>
        <span className="muted">{t('insights.totalReceived', { amount: formatWon(history.total) })}</span>
      </div>
      {flag?.flagged ? (
        <p className="alert alert-warn" role="note" data-testid="over-concentration">
          <strong>{t('insights.overConcentration')}</strong> {flag.reason}
        </p>
      ) : null}
      {history.years.length === 0 ? (
        <p className="muted">{t('insights.noSupport')}</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">{t('insights.year')}</th>
              <th scope="col">{t('insights.program')}</th>
              <th scope="col">{t('insights.status')}</th>
              <th scope="col" className="num">
                {t('insights.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {history.years.flatMap((year) =>
              year.items.map((item, i) => (
                <tr key={item.id}>
                  {i === 0 ? (
                    <th scope="rowgroup" rowSpan={year.items.length}>
                      {year.year}
                      <div className="muted small">{formatWon(year.total)}</div>
                    </th>
                  ) : null}
                  <td>
                    {item.programName}
                    <div className="muted small">{item.agency}</div>
                  </td>
                  <td>
                    <span className={`tag tag-${item.status}`}>{t(`supportStatus.${item.status}`)}</span>
                  </td>
                  <td className="num">{formatWon(item.amount)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
