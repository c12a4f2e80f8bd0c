import type { SupportHistorySummary } from '@cc1357/contracts';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatWon } from '../../lib/format';
import { TOOLTIP_ITEM_STYLE } from '../../lib/chart-tooltip';

/** Support received per year (oldest left) — the shape of a company's history at a glance; the table carries the numbers. */
export function SupportYearChart({ history }: { history: SupportHistorySummary }) {
  const { t } = useTranslation();
  if (history.years.length < 2) return null;
  const data = [...history.years].reverse().map((y) => ({ year: String(y.year), total: y.total }));
  return (
    <figure className="chart" aria-label={t('insights.byYearChart')}>
      <figcaption className="small muted">{t('insights.byYearChart')}</figcaption>
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height={160}>
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="year" tick={{ fontSize: 12 }} />
            <YAxis tick={{ fontSize: 11 }} tickFormatter={(v: number) => formatWon(v)} width={80} />
            <Tooltip itemStyle={TOOLTIP_ITEM_STYLE} formatter={(v) => formatWon(Number(v))} />
            <Bar
              dataKey="total"
              name={t('insights.amount')}
              fill={history.overConcentration?.flagged ? '#b3261e' : '#3b6fd8'}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
