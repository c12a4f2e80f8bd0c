import type { ConsultationPivot } from '@cc1357/contracts';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { keyLabel } from './analysis-model';
import { TOOLTIP_ITEM_STYLE } from '../../lib/chart-tooltip';

const COLORS = ['#3b6fd8', '#2e9e6b', '#d9534f', '#7a4fd8', '#e0a020', '#1fa2b8', '#b8557a', '#6b8e23', '#888888'];

/**
 * Consultations per row key, stacked by column key. Decoration for sighted users: the pivot
 * table carries the same numbers for screen readers, so the chart is hidden from them.
 */
export function PivotChart({ pivot }: { pivot: ConsultationPivot }) {
  const { t, i18n } = useTranslation();
  const texts = { unknown: t('analysis.unknown'), total: t('analysis.total') };
  const data = pivot.rowKeys.map((k, i) => ({
    name: keyLabel(pivot.rows, k, i18n.language, texts),
    ...Object.fromEntries(pivot.colKeys.map((_, j) => [`c${j}`, pivot.counts[i]![j]!])),
  }));
  const title = t('analysis.chart', {
    rows: t(`analysis.dimensions.${pivot.rows}`),
    cols: t(`analysis.dimensions.${pivot.cols}`),
  });
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>{title}</figcaption>
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height={300}>
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip itemStyle={TOOLTIP_ITEM_STYLE} />
            <Legend itemSorter={null} />
            {pivot.colKeys.map((c, j) => (
              <Bar
                key={c}
                dataKey={`c${j}`}
                stackId="all"
                name={keyLabel(pivot.cols, c, i18n.language, texts)}
                fill={COLORS[j % COLORS.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
