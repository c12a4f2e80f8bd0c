import { type TokenClaims, signAccessToken } from '@cc1357/contracts';
import { io as connect } from 'socket.io-client';
import { type Center, type ConsoleClient, SECRET, until } from './center';

/**
 * A supervisor's console on telephony's socket: role `supervisor`, with a phone (`agentId` =
 * their extension) unless `phone` is null. Same shape as Center.agentConsole's client.
 */
export async function supervisorConsole(
  center: Center,
  options: { userId?: string; phone?: string | null; role?: 'supervisor' | 'admin' } = {},
): Promise<ConsoleClient> {
  const phone = options.phone === undefined ? '2001' : options.phone;
  const claims: TokenClaims = {
    sub: options.userId ?? 'u-sup',
    username: 'supervisor',
    role: options.role ?? 'supervisor',
    ...(phone ? { agentId: phone } : {}),
    skills: [],
  };
  const token = await signAccessToken(claims, SECRET, 600);
  const url = center.telephony[0]?.url;
  if (!url) throw new Error('start telephony first');
  const socket = connect(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const received: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return {
    socket,
    received,
    next: <T>(event: string, match: (p: T) => boolean = () => true) =>
      until(
        () => received.find((r) => r.event === event && match(r.payload as T))?.payload as T | undefined,
        `supervisor console: ${event}`,
      ),
    command: (event, payload) => socket.timeout(5_000).emitWithAck(event, payload),
    stateBecomes: () => Promise.reject(new Error('a supervisor console has no agent state')),
  };
}

/** Plain ARI REST as the tests read it (the same on pbx-sim and on Asterisk). */
export function ariRest(ari: { url: string; username: string; password: string }) {
  const auth = `Basic ${Buffer.from(`${ari.username}:${ari.password}`).toString('base64')}`;
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${ari.url}/ari${path}`, { headers: { authorization: auth } });
    if (!res.ok) throw new Error(`ARI GET ${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  return {
    bridges: () => get<{ id: string; channels: string[]; bridge_type: string }[]>('/bridges'),
    channels: () => get<{ id: string; name: string; state: string }[]>('/channels'),
  };
}
