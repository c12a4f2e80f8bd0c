import type { DayStats } from '@cc1357/contracts';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api';
import type { Received } from './floor-model';

/** Polls crm-api for today's numbers while the wallboard is open; failures keep the last value. */
export function useTodayStats(api: ApiClient, intervalMs = 5000): Received<DayStats> | null {
  const [stats, setStats] = useState<Received<DayStats> | null>(null);
  useEffect(() => {
    let stopped = false;
    const load = () =>
      api.todayStats().then(
        (value) => !stopped && setStats({ value, receivedAt: Date.now() }),
        () => undefined, // the socket feed still updates the board
      );
    void load();
    const id = setInterval(load, intervalMs);
    return () => {
      stopped = true;
      clearInterval(id);
    };
  }, [api, intervalMs]);
  return stats;
}
