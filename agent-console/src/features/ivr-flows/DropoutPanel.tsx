import type { IvrDropoutReport } from '@cc1357/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPercent } from '../../lib/format';
import { dropoutRate } from './flow-model';
import { TOOLTIP_ITEM_STYLE } from '../../lib/chart-tooltip';

const OUTCOME_KINDS = new Set(['queue', 'transfer', 'callback', 'sms', 'hangup']);

/** How the IVR ended a call, in the console's language (the report keys are the runner's outcome kinds). */
export function outcomeLabel(kind: string, t: TFunction): string {
  return t(`ivr.dropout.outcomeKind.${OUTCOME_KINDS.has(kind) ? kind : 'other'}`);
}

/** Where callers gave up in the IVR today: totals, outcomes, and the nodes they left at. */
export function DropoutPanel({ report }: { report: IvrDropoutReport }) {
  const { t } = useTranslation();
  const outcomes = Object.entries(report.outcomes).sort((a, b) => b[1] - a[1]);
  return (
    <section className="panel" aria-labelledby="dropout-title" data-testid="ivr-dropout">
      <h3 id="dropout-title">{t('ivr.dropout.title', { date: report.date })}</h3>
      <ul className="kpis kpis-small">
        <li className="kpi">
          <span className="kpi-value">{report.enteredIvr}</span>
          <span className="kpi-label">{t('ivr.dropout.entered')}</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">{report.reachedOutcome}</span>
          <span className="kpi-label">{t('ivr.dropout.reached')}</span>
        </li>
        <li className={`kpi ${report.leftInIvr > 0 ? 'hot' : ''}`}>
          <span className="kpi-value">{report.leftInIvr}</span>
          <span className="kpi-label">{t('ivr.dropout.left', { rate: formatPercent(dropoutRate(report)) })}</span>
        </li>
        <li className="kpi">
          <span className="kpi-value">{report.stillInIvr}</span>
          <span className="kpi-label">{t('ivr.dropout.still')}</span>
        </li>
      </ul>
      {outcomes.length > 0 ? (
        <p className="muted small" data-testid="ivr-outcomes">
          {t('ivr.dropout.outcomes')}:{' '}
          {outcomes
            .map(([kind, n]) => t('ivr.dropout.outcomeCount', { label: outcomeLabel(kind, t), count: n }))
            .join(' · ')}
        </p>
      ) : null}
      {report.byLastNode.length === 0 ? (
        <p className="muted">{t('ivr.dropout.none')}</p>
      ) : (
        <>
          <figure className="chart" aria-label={t('ivr.dropout.chart')}>
            <figcaption className="small muted">{t('ivr.dropout.chart')}</figcaption>
            <div className="chart-box" aria-hidden="true">
              <ResponsiveContainer width="100%" height={40 + Math.min(10, report.byLastNode.length) * 28}>
                <BarChart
                  accessibilityLayer={false}
                  layout="vertical"
                  data={report.byLastNode.slice(0, 10).map((n) => ({ node: n.nodeId, calls: n.calls }))}
                  margin={{ top: 4, right: 16, bottom: 4, left: 8 }}
                >
                  <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                  <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
                  <YAxis type="category" dataKey="node" width={120} tick={{ fontSize: 12 }} />
                  <Tooltip itemStyle={TOOLTIP_ITEM_STYLE} />
                  <Bar dataKey="calls" name={t('ivr.dropout.calls')} fill="#b3261e" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <table className="table compact">
            <caption>{t('ivr.dropout.byNode')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ivr.node')}</th>
                <th scope="col">{t('ivr.prompts')}</th>
                <th scope="col" className="num">
                  {t('ivr.dropout.calls')}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.byLastNode.slice(0, 10).map((n) => (
                <tr key={`${n.flow ?? ''}-${n.nodeId}`}>
                  <th scope="row">
                    <a href={`#node-${n.nodeId}`}>{n.nodeId}</a>
                    {n.flow ? <div className="muted small">{n.flow}</div> : null}
                  </th>
                  <td className="small">{n.promptText ?? '–'}</td>
                  <td className="num">{n.calls}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
