import type { KpiReport } from '@cc1357/contracts';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { TOOLTIP_ITEM_STYLE } from '../../lib/chart-tooltip';

/**
 * Offered / answered / abandoned per interval (all queues or counselors together) and the
 * service level as a line, from crm-api's per-interval totals. The chart is decoration for
 * sighted users: the table carries the same numbers for screen readers, so the chart is hidden from them.
 */
export function ReportChart({ report }: { report: KpiReport }) {
  const { t } = useTranslation();
  const data = report.byInterval.map((r) => ({
    name: report.interval === 'day' || report.interval === 'month' ? r.label : r.label.slice(5),
    offered: r.counts.offered,
    answered: r.counts.answered,
    abandoned: r.counts.abandoned,
    serviceLevel: r.figures.serviceLevel.value === null ? null : Math.round(r.figures.serviceLevel.value * 1000) / 10,
  }));
  return (
    <figure className="chart" aria-label={t('reports.chart')}>
      <figcaption>{t('reports.chart')}</figcaption>
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height={280}>
          <ComposedChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} />
            <YAxis yAxisId="calls" allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis yAxisId="sl" orientation="right" domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
            <Tooltip itemStyle={TOOLTIP_ITEM_STYLE} />
            <Legend itemSorter={null} />
            <Bar
              yAxisId="calls"
              dataKey="offered"
              name={t('reports.columns.offered')}
              fill="#3b6fd8"
              isAnimationActive={false}
            />
            <Bar
              yAxisId="calls"
              dataKey="answered"
              name={t('reports.columns.answered')}
              fill="#2e9e6b"
              isAnimationActive={false}
            />
            {report.by === 'queue' ? (
              <Bar
                yAxisId="calls"
                dataKey="abandoned"
                name={t('reports.columns.abandoned')}
                fill="#d9534f"
                isAnimationActive={false}
              />
            ) : null}
            <Line
              yAxisId="sl"
              dataKey="serviceLevel"
              name={`${t('reports.columns.serviceLevel')} (%)`}
              stroke="#7a4fd8"
              connectNulls
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
