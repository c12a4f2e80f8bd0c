import type { DayStats } from '@cc1357/contracts';
import { useCallback } from 'react';
import type { ApiClient } from '../../api';
import { usePolled } from '../../lib/usePolled';
import type { Received } from '../../lib/received';

/** Polls crm-api for today's numbers while the wallboard is open; failures keep the last value (the socket feed still updates the board). */
export function useTodayStats(api: ApiClient, intervalMs = 5000): Received<DayStats> | null {
  const load = useCallback(async () => ({ value: await api.todayStats(), receivedAt: Date.now() }), [api]);
  return usePolled(load, intervalMs);
}
