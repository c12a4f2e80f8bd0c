import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { queueLabel } from '../../i18n/labels';
import type { QueueRow } from './floor-model';
import { TOOLTIP_ITEM_STYLE } from '../../lib/chart-tooltip';

/** Offered / answered / abandoned per queue. The table next to it carries the same numbers for screen readers. */
export function QueueChart({ rows }: { rows: QueueRow[] }) {
  const { t, i18n } = useTranslation();
  const data = rows.map((r) => ({
    name: queueLabel(r.queue, i18n.language),
    offered: r.offered,
    answered: r.answered,
    abandoned: r.abandoned,
  }));
  return (
    <figure className="chart" aria-label={t('supervisor.chart')}>
      <figcaption>{t('supervisor.chart')}</figcaption>
      <div className="chart-box" aria-hidden="true">
        <ResponsiveContainer width="100%" height={260}>
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
            <Tooltip itemStyle={TOOLTIP_ITEM_STYLE} />
            <Legend itemSorter={null} />
            <Bar dataKey="offered" name={t('supervisor.offered')} fill="#3b6fd8" isAnimationActive={false} />
            <Bar dataKey="answered" name={t('supervisor.answered')} fill="#2e9e6b" isAnimationActive={false} />
            <Bar dataKey="abandoned" name={t('supervisor.abandoned')} fill="#d9534f" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
