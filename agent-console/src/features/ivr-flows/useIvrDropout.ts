import type { IvrDropoutReport } from '@cc1357/contracts';
import { useCallback } from 'react';
import type { ApiClient } from '../../api';
import { kstDate } from '../../lib/format';
import { usePolled } from '../../lib/usePolled';

/** Today's IVR drop-out report from crm-api, refreshed while the view is open (the flows still show without it). */
export function useIvrDropout(api: ApiClient, intervalMs = 15_000): IvrDropoutReport | null {
  const load = useCallback(() => api.ivrDropout(kstDate(Date.now())), [api]);
  return usePolled(load, intervalMs);
}
