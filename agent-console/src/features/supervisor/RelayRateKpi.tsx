import type { RelayDayStats } from '@cc1357/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../api';
import { kstDate } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';
import { relayRatePercent } from '../relays/RelayRatePanel';

/** Today's relay figures for the wallboard, polled like today's numbers (slower: they change per relay). */
export function useRelayRate(api: ApiClient, intervalMs = 15_000): RelayDayStats | null {
  const load = useCallback(() => api.relayStats(kstDate(Date.now())), [api]);
  return usePolled(load, intervalMs);
}

/**
 * The wallboard's 맥락 전달률 tile (issue 12): the share of today's relays the partner answered
 * whose package reached the partner's system first, with how many relays it is out of — the
 * same figure as the 이관 page's panel, so the floor sees it without leaving the board.
 */
export function RelayRateKpi({ stats }: { stats: RelayDayStats | null }) {
  const { t } = useTranslation();
  const rate = stats ? relayRatePercent(stats.contextRate) : null;
  // The label stays as short as the other tiles' (a taller row moved the whole board); the counts
  // behind the share are in the tile's title and its accessible name.
  const of = t('supervisor.relayRateOf', { carried: stats?.contextCarried ?? 0, answered: stats?.answered ?? 0 });
  return (
    <li className="kpi" title={`${of} — ${t('relays.rateHint')}`}>
      <span
        className="kpi-value"
        data-testid="kpi-relay-rate"
        data-rate={stats?.contextRate ?? ''}
        aria-describedby="kpi-relay-rate-of"
      >
        {rate ?? '—'}
      </span>
      <span className="kpi-label">{t('supervisor.relayRate')}</span>
      <span id="kpi-relay-rate-of" className="sr-only">
        {of}
      </span>
    </li>
  );
}
