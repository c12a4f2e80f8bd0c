import WebSocket from 'ws';

export interface ObservedEvent {
  type: string;
  channel: string | null;
  bridge: string | null;
  /** ChannelVarset's variable. */
  variable?: string;
  /** Playback events' playback (id, state, what it plays and to whom). */
  playback?: { id: string; state: string; media_uri: string; target_uri: string };
}

export interface AriObserver {
  events: ObservedEvent[];
  close(): Promise<void>;
}

/**
 * A second ARI app with `subscribeAll=true`: it sees every event of the system (ARI-FACTS §2),
 * so a test can record what Asterisk — or pbx-sim — says about channels telephony controls
 * without telephony having to pass them on. It controls nothing.
 */
export async function observeAri(ari: { url: string; username: string; password: string }): Promise<AriObserver> {
  const url = new URL('/ari/events', ari.url.replace(/^http/, 'ws'));
  url.searchParams.set('app', `observer-${process.pid}`);
  url.searchParams.set('subscribeAll', 'true');
  url.searchParams.set('api_key', `${ari.username}:${ari.password}`);
  const socket = new WebSocket(url);
  const events: ObservedEvent[] = [];
  socket.on('message', (data) => {
    const e = JSON.parse(String(data)) as {
      type: string;
      channel?: { id: string };
      bridge?: { id: string };
      variable?: string;
      playback?: { id: string; state: string; media_uri: string; target_uri: string };
    };
    events.push({
      type: e.type,
      channel: e.channel?.id ?? null,
      bridge: e.bridge?.id ?? null,
      ...(e.variable ? { variable: e.variable } : {}),
      ...(e.playback ? { playback: e.playback } : {}),
    });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    events,
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}
