import type { ClientToServerEvents, CommandAck, ServerToClientEvents, SessionReplacedV1 } from '@cc1357/contracts';
import { io, type Socket } from 'socket.io-client';
import type { Received } from '../lib/received';
import { disconnectedAck, normalizeAck } from './ack';
import { SERVER_EVENT_SCHEMAS, type ServerEventName, type ServerEventPayload } from './schemas';

/**
 * The one owner of the socket.io connection to telephony's gateway. Features subscribe to
 * typed, validated events and send commands that always resolve to a CommandAck; nothing
 * else in the console imports socket.io-client.
 */

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';
export interface ConnectionStatus {
  state: ConnectionState;
  /** Why the last attempt failed (e.g. an expired token), null when fine. */
  error: string | null;
  /** The gateway refused the token: reconnecting will not help, the user must log in again. */
  unauthorized: boolean;
  /**
   * A newer console of the same counselor (another tab or PC) took the session over and the
   * server disconnected this one: it stays disconnected (no automatic reconnect fighting the
   * other screen) until the user takes the session back (`Realtime.reconnect`).
   */
  replaced?: SessionReplacedV1;
}

/** The gateway's refusals carry `data.code` and a message starting with the code. */
export function isUnauthorized(error: { message: string; data?: unknown }): boolean {
  const code = (error.data as { code?: unknown } | undefined)?.code;
  return code === 'UNAUTHORIZED' || error.message.startsWith('UNAUTHORIZED');
}

export interface RealtimeOptions {
  token: string;
  /** Origin of the gateway; undefined = the page's own origin (through the proxy). */
  url?: string;
  commandTimeoutMs?: number;
  /** Called for a server event that fails its schema: it is dropped, not passed on. */
  onInvalidEvent?: (event: string, issues: string) => void;
}

export interface Realtime {
  on<E extends ServerEventName>(event: E, handler: (payload: ServerEventPayload<E>) => void): () => void;
  /**
   * The last valid payload of an event, so a view opened after a push (the wallboard, the IVR
   * flows; both pushed on join and on change) starts from it instead of from nothing.
   */
  latest<E extends ServerEventName>(event: E): Received<ServerEventPayload<E>> | null;
  command<E extends keyof ClientToServerEvents>(
    event: E,
    payload: Parameters<ClientToServerEvents[E]>[0],
  ): Promise<CommandAck>;
  status(): ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  /** Connects again after the server ended the connection (a takeover): this console takes the session back. */
  reconnect(): void;
  close(): void;
}

type AnyHandler = (payload: unknown) => void;

export function connectRealtime(options: RealtimeOptions): Realtime {
  const commandTimeoutMs = options.commandTimeoutMs ?? 8000;
  const socketOptions = {
    path: '/socket.io',
    auth: { token: options.token },
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    transports: ['websocket', 'polling'],
  };
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = options.url
    ? io(options.url, socketOptions)
    : io(socketOptions);

  const handlers = new Map<ServerEventName, Set<AnyHandler>>();
  const last = new Map<ServerEventName, Received<unknown>>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let current: ConnectionStatus = { state: 'connecting', error: null, unauthorized: false };

  function setStatus(next: ConnectionStatus): void {
    current = next;
    for (const listener of statusListeners) listener(next);
  }

  // Another console of this counselor took over (`session.replaced.v1`, validated below with the other events).
  let replaced: SessionReplacedV1 | null = null;
  socket.on('connect', () => {
    replaced = null;
    setStatus({ state: 'connected', error: null, unauthorized: false });
  });
  // The session ended (logout on another screen, the account deactivated): back to the login.
  let revoked = false;
  socket.on('session.revoked.v1', () => {
    revoked = true;
    setStatus({ state: 'disconnected', error: '세션이 종료되었습니다', unauthorized: true });
  });
  socket.on('disconnect', (reason) => {
    // A server-side disconnect is not retried by socket.io itself; the gateway does that when
    // the token is no longer valid, so say so instead of spinning.
    if (revoked) return;
    // Taken over: stay disconnected. Retrying would take the session back from the other screen,
    // which would take it back again — the user decides (reconnect).
    // (`socket.active` is false here: socket.io schedules no reconnect after the server's disconnect.)
    if (replaced && reason === 'io server disconnect')
      setStatus({ state: socket.active ? 'connecting' : 'disconnected', error: null, unauthorized: false, replaced });
    else if (reason === 'io server disconnect')
      setStatus({ state: 'disconnected', error: '서버가 연결을 끊었습니다', unauthorized: false });
    else setStatus({ state: 'connecting', error: null, unauthorized: false });
  });
  socket.on('connect_error', (error) =>
    setStatus({
      state: socket.active ? 'connecting' : 'disconnected',
      error: error.message,
      unauthorized: isUnauthorized(error as Error & { data?: unknown }),
    }),
  );

  for (const event of Object.keys(SERVER_EVENT_SCHEMAS) as ServerEventName[]) {
    const schema = SERVER_EVENT_SCHEMAS[event];
    (socket as unknown as Socket).on(event, (payload: unknown) => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        options.onInvalidEvent?.(event, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        return;
      }
      if (event === 'session.replaced.v1') replaced = parsed.data as SessionReplacedV1;
      last.set(event, { value: parsed.data, receivedAt: Date.now() });
      for (const handler of handlers.get(event) ?? []) handler(parsed.data);
    });
  }

  return {
    on(event, handler) {
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      set.add(handler as AnyHandler);
      return () => set.delete(handler as AnyHandler);
    },
    latest(event) {
      return (last.get(event) as Received<ServerEventPayload<typeof event>> | undefined) ?? null;
    },
    command(event, payload) {
      // Call control is not buffered while offline: an Answer sent a minute late is wrong.
      if (!socket.connected) return Promise.resolve(disconnectedAck(event));
      return new Promise<CommandAck>((resolve) => {
        (socket as unknown as Socket).timeout(commandTimeoutMs).emit(event, payload, (err: unknown, ack: unknown) => {
          resolve(normalizeAck(event, err, ack));
        });
      });
    },
    status: () => current,
    reconnect() {
      if (socket.connected || revoked) return;
      replaced = null;
      setStatus({ state: 'connecting', error: null, unauthorized: false });
      socket.connect();
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close() {
      handlers.clear();
      last.clear();
      statusListeners.clear();
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
}
