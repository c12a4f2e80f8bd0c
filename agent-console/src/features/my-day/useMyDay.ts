import { useCallback, useEffect, useState } from 'react';
import type { MyDay } from '@cc1357/contracts';
import type { ApiClient } from '../../api';
import type { ApiError } from '../../api/errors';
import { useLoaded } from '../../lib/useLoaded';
import { useOptionalRealtime } from '../../realtime';

export interface MyDayState {
  value: MyDay | null;
  error: ApiError | null;
  /** The first load is under way (a refresh keeps the last figures on screen). */
  loading: boolean;
}

/** Between the refreshes a call's end brings, in case an event is missed (e.g. a call ended in another tab). */
export const MY_DAY_POLL_MS = 60_000;

/**
 * The counselor's day while the panel is open: loaded on opening, again when one of their calls
 * ends and when they leave wrap-up (its after-call work is then in the handle time), and every
 * MY_DAY_POLL_MS besides.
 */
export function useMyDay(api: ApiClient, open: boolean): MyDayState & { reload: () => void } {
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const loaded = useLoaded(() => (open ? api.myDay() : null), [api, open, tick]);

  useEffect(() => {
    if (!open) return;
    const id = setInterval(reload, MY_DAY_POLL_MS);
    return () => clearInterval(id);
  }, [open, reload]);

  const rt = useOptionalRealtime();
  useEffect(() => {
    if (!rt || !open) return;
    const offEnded = rt.on('call.ended.v1', () => reload());
    const offState = rt.on('agent.state.v1', (s) => {
      if (s.state === 'ready' || s.state === 'notReady') reload();
    });
    return () => {
      offEnded();
      offState();
    };
  }, [rt, open, reload]);

  return { ...loaded, loading: open && loaded.value === null && loaded.error === null, reload };
}
