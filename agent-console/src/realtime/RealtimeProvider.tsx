import {
  createContext,
  useContext,
  useEffect,
  useEffectEvent,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { Received } from '../lib/received';
import { connectRealtime, type ConnectionStatus, type Realtime } from './connection';
import type { ServerEventName, ServerEventPayload } from './schemas';

const RealtimeContext = createContext<Realtime | null>(null);

/** Opens the one socket for the logged-in user and closes it on logout or token change. */
export function RealtimeProvider({ token, children }: { token: string; children: ReactNode }) {
  const [realtime, setRealtime] = useState<Realtime | null>(null);
  useEffect(() => {
    const rt = connectRealtime({
      token,
      onInvalidEvent: (event, issues) => console.warn(`dropped invalid ${event}: ${issues}`),
    });
    // The socket is an outside resource the effect opens and closes; state hands it to children.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setRealtime(rt);
    return () => rt.close();
  }, [token]);
  if (!realtime) return null;
  return <RealtimeContext.Provider value={realtime}>{children}</RealtimeContext.Provider>;
}

export function useRealtime(): Realtime {
  const rt = useContext(RealtimeContext);
  if (!rt) throw new Error('useRealtime outside RealtimeProvider');
  return rt;
}

/** The connection when there is one (a screen also shown outside the provider, e.g. in a static render), else null. */
export function useOptionalRealtime(): Realtime | null {
  return useContext(RealtimeContext);
}

/** Subscribes a handler to one server event for the component's lifetime. */
export function useRealtimeEvent<E extends ServerEventName>(
  event: E,
  handler: (payload: ServerEventPayload<E>) => void,
): void {
  const rt = useRealtime();
  // An effect event: the latest handler runs, without resubscribing on every render.
  const onEvent = useEffectEvent(handler);
  useEffect(() => rt.on(event, (payload) => onEvent(payload)), [rt, event]);
}

export function useConnectionStatus(): ConnectionStatus {
  const rt = useRealtime();
  return useSyncExternalStore(
    (onChange) => rt.onStatus(onChange),
    () => rt.status(),
  );
}

/** The last payload of an event (and when it came), re-rendering on each new one. */
export function useLatestEvent<E extends ServerEventName>(event: E): Received<ServerEventPayload<E>> | null {
  const rt = useRealtime();
  return useSyncExternalStore(
    (onChange) => rt.on(event, () => onChange()),
    () => rt.latest(event),
  );
}
