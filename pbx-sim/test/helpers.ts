import WebSocket from 'ws';
import { startPbxSim, type PbxSim, type PbxSimOptions } from '../src/index';

export const SCALE = 0.02;

export async function sim(options: PbxSimOptions = {}): Promise<PbxSim> {
  return startPbxSim({ timeScale: SCALE, ...options });
}

export function authHeader(s: PbxSim): string {
  return `Basic ${Buffer.from(`${s.username}:${s.password}`).toString('base64')}`;
}

export interface HttpResult {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Plain HTTP against the sim (ARI or control). `query` values are appended in order. */
export async function http(
  s: PbxSim,
  method: string,
  path: string,
  o: { query?: Record<string, string | number | boolean>; body?: unknown; auth?: string | null } = {},
): Promise<HttpResult> {
  const url = new URL(s.url + path);
  for (const [k, v] of Object.entries(o.query ?? {})) url.searchParams.append(k, String(v));
  const headers: Record<string, string> = {};
  if (o.auth !== null) headers.authorization = o.auth ?? authHeader(s);
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // keep text
  }
  return { status: res.status, body, headers: res.headers };
}

export const ari = (
  s: PbxSim,
  method: string,
  path: string,
  query?: Record<string, string | number | boolean>,
  body?: unknown,
) => http(s, method, `/ari${path}`, { query, body });

export const control = (s: PbxSim, method: string, path: string, body?: unknown) =>
  http(s, method, `/control${path}`, { body });

export type AriEvent = Record<string, unknown> & { type: string };

/** A raw ARI event socket that records every frame (and fails the test on a non-JSON one). */
export class EventSocket {
  readonly events: AriEvent[] = [];
  readonly raw: string[] = [];
  private ws!: WebSocket;
  closed = false;

  static async open(s: PbxSim, apps: string, subscribeAll = false): Promise<EventSocket> {
    const sock = new EventSocket();
    const url = `${s.url.replace('http', 'ws')}/ari/events?app=${encodeURIComponent(apps)}&api_key=${s.username}:${s.password}${subscribeAll ? '&subscribeAll=true' : ''}`;
    sock.ws = new WebSocket(url);
    sock.ws.on('message', (data) => {
      const text = data.toString();
      sock.raw.push(text);
      sock.events.push(JSON.parse(text) as AriEvent);
    });
    sock.ws.on('close', () => (sock.closed = true));
    await new Promise<void>((resolve, reject) => {
      sock.ws.once('open', () => resolve());
      sock.ws.once('error', reject);
    });
    return sock;
  }

  of(type: string): AriEvent[] {
    return this.events.filter((e) => e.type === type);
  }

  async waitFor(pred: (e: AriEvent) => boolean, what = 'event', timeoutMs = 3000): Promise<AriEvent> {
    return waitUntil(() => this.events.find(pred), what, timeoutMs);
  }

  close(): void {
    this.ws.close();
  }
}

/** Bounded polling for a condition (never a fixed sleep); the condition may be async. */
export async function waitUntil<T>(
  fn: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 3000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Awaited: a pending Promise is truthy, so an unawaited async check would pass at once.
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const chan = (e: AriEvent) =>
  (e.channel as { id: string; state: string; name: string }) ?? { id: '', state: '', name: '' };
