import type { RelayDayStats } from '@cc1357/contracts';
import { useTranslation } from 'react-i18next';

/** A share as the console shows it (one decimal, `66.7%`); null when nothing counts yet. */
export function relayRatePercent(rate: number | null): string | null {
  return rate === null ? null : `${Math.round(rate * 1000) / 10}%`;
}

/**
 * The relay rate on the 이관 page and under the 보고서 table (issue 12): the day's (or period's) relays, how many the partner answered, and
 * of those how many carried their context (the package reached the partner's system first).
 */
export function RelayRatePanel({ stats }: { stats: RelayDayStats }) {
  const { t } = useTranslation();
  const rate = relayRatePercent(stats.contextRate);
  const cells: [string, number][] = [
    ['relays.rateRelays', stats.relays],
    ['relays.rateAnswered', stats.answered],
    ['relays.rateCarried', stats.contextCarried],
    ['relays.rateCallbacks', stats.callbacks],
  ];
  return (
    <section className="panel" aria-labelledby="relay-rate-title" data-testid="relay-rate">
      <h3 id="relay-rate-title">
        {t(stats.to ? 'relays.ratePeriodTitle' : 'relays.rateTitle')}{' '}
        <span className="muted small">({stats.to ? `${stats.date} ~ ${stats.to}` : stats.date})</span>
      </h3>
      <p className="kpi" data-rate={stats.contextRate ?? ''}>
        <strong>{rate ? t('relays.rateValue', { rate }) : t('relays.rateNone')}</strong>
      </p>
      <dl className="kpi-list">
        {cells.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small">{t('relays.rateHint')}</p>
    </section>
  );
}
