import type { IvrDropoutReport } from '@cc1357/contracts';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api';
import { kstDate } from '../../lib/format';

/** Today's IVR drop-out report from crm-api, refreshed while the view is open. */
export function useIvrDropout(api: ApiClient, intervalMs = 15_000): IvrDropoutReport | null {
  const [report, setReport] = useState<IvrDropoutReport | null>(null);
  useEffect(() => {
    let stopped = false;
    const load = () =>
      api.ivrDropout(kstDate(Date.now())).then(
        (value) => !stopped && setReport(value),
        () => undefined, // the flows still show without the numbers
      );
    void load();
    const id = setInterval(load, intervalMs);
    return () => {
      stopped = true;
      clearInterval(id);
    };
  }, [api, intervalMs]);
  return report;
}
