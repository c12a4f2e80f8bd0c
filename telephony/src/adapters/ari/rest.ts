import { Agent, type ClientRequest, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { AriRequestError, statusOf } from './errors';

/**
 * The ARI REST operations telephony uses, as Asterisk 22's spec routes them (checked against the
 * reference spec by test/adapters/ari-rest.test.ts). `{name}` segments are path parameters; every
 * other parameter goes in the query string, as in ari-client. One operation takes a JSON body
 * (`applications.filter`, whose body is the filter itself).
 */
export const ARI_ROUTES = {
  'channels.list': { method: 'GET', path: '/channels' },
  'channels.originate': { method: 'POST', path: '/channels' },
  'channels.get': { method: 'GET', path: '/channels/{channelId}' },
  'channels.hangup': { method: 'DELETE', path: '/channels/{channelId}' },
  'channels.answer': { method: 'POST', path: '/channels/{channelId}/answer' },
  'channels.mute': { method: 'POST', path: '/channels/{channelId}/mute' },
  'channels.unmute': { method: 'DELETE', path: '/channels/{channelId}/mute' },
  'channels.play': { method: 'POST', path: '/channels/{channelId}/play' },
  'channels.snoopChannel': { method: 'POST', path: '/channels/{channelId}/snoop' },
  'bridges.create': { method: 'POST', path: '/bridges' },
  'bridges.get': { method: 'GET', path: '/bridges/{bridgeId}' },
  'bridges.destroy': { method: 'DELETE', path: '/bridges/{bridgeId}' },
  'bridges.addChannel': { method: 'POST', path: '/bridges/{bridgeId}/addChannel' },
  'bridges.startMoh': { method: 'POST', path: '/bridges/{bridgeId}/moh' },
  'bridges.stopMoh': { method: 'DELETE', path: '/bridges/{bridgeId}/moh' },
  'bridges.record': { method: 'POST', path: '/bridges/{bridgeId}/record' },
  'playbacks.get': { method: 'GET', path: '/playbacks/{playbackId}' },
  'playbacks.stop': { method: 'DELETE', path: '/playbacks/{playbackId}' },
  'recordings.pause': { method: 'POST', path: '/recordings/live/{recordingName}/pause' },
  'recordings.unpause': { method: 'DELETE', path: '/recordings/live/{recordingName}/pause' },
  'endpoints.get': { method: 'GET', path: '/endpoints/{tech}/{resource}' },
  'applications.filter': { method: 'PUT', path: '/applications/{applicationName}/eventFilter' },
} as const satisfies Record<string, { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; path: string }>;

export type AriOperation = keyof typeof ARI_ROUTES;
export type AriParams = Record<string, string | number | boolean | undefined>;

/**
 * Operations sent once more when the first got no answer (status 0: timed out, refused, reset).
 * They end something, and a repeat of one that did reach Asterisk answers 404, which their callers
 * take as done; an unanswered hang-up that is never repeated can leave a caller on a dead line
 * (seen under load in bench control-plane as "call effect failed … timed out").
 */
export const SENT_AGAIN_WHEN_UNANSWERED: ReadonlySet<AriOperation> = new Set([
  'channels.hangup',
  'bridges.destroy',
  'playbacks.stop',
]);

/**
 * The request line of one operation: path parameters substituted, the rest as the query string,
 * both encoded with encodeURIComponent (as swagger-client does, so a recording name's `/` goes
 * as `%2F`).
 */
export function requestPath(operation: AriOperation, params: AriParams): string {
  const used = new Set<string>();
  const path = ARI_ROUTES[operation].path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') throw new Error(`${name} is a required path param.`);
    used.add(name);
    return encodeURIComponent(String(value));
  });
  let query = '';
  for (const [name, value] of Object.entries(params)) {
    if (used.has(name) || value === undefined) continue;
    query += `${query ? '&' : '?'}${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`;
  }
  return `/ari${path}${query}`;
}

export interface AriRestOptions {
  /** Asterisk's HTTP server (`http://host:8088`); `/ari` is added, any path given is ignored, as ari-client does. */
  url: string;
  username: string;
  password: string;
  timeoutMs: number;
}

/**
 * ARI's REST side over plain node:http on a keep-alive agent: one small request per operation,
 * instead of ari-client's swagger-client stack, which rebuilt each request through several layers
 * of generic code and was the largest share of telephony's CPU per call (bench control-plane).
 *
 * Settles exactly as the ari-client path did: a 2xx resolves with the parsed JSON body (undefined
 * when empty); anything else rejects with an AriRequestError whose status comes from the body's
 * message as before (errors.ts), else from the HTTP status; no answer (refused, reset, timeout)
 * is status 0. The operations in SENT_AGAIN_WHEN_UNANSWERED are sent once more after status 0.
 */
export class AriRest {
  private readonly agent: Agent;
  private readonly send: typeof httpRequest;
  private readonly host: string;
  private readonly port: number | undefined;
  private readonly auth: string;

  constructor(private readonly options: AriRestOptions) {
    const url = new URL(options.url);
    const tls = url.protocol === 'https:';
    // Idle sockets are closed by us after 4 s, before either end's keep-alive timeout closes them
    // (Node's http server: 5 s, Asterisk's http.conf session_keep_alive: 15 s), so a request is
    // rarely written into a socket the server is closing (and then retried once, see attempt()).
    this.agent = tls
      ? new HttpsAgent({ keepAlive: true, timeout: 4_000 })
      : new Agent({ keepAlive: true, timeout: 4_000 });
    this.send = tls ? httpsRequest : httpRequest;
    this.host = url.hostname;
    this.port = url.port ? Number(url.port) : undefined;
    this.auth = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  }

  /** `body`, when given, is sent as JSON. */
  request<T>(operation: AriOperation, params: AriParams, body?: unknown): Promise<T> {
    let path: string;
    try {
      path = requestPath(operation, params);
    } catch (err) {
      return Promise.reject(new AriRequestError(operation, 400, (err as Error).message));
    }
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body), 'utf8');
    const first = this.exchange<T>(operation, path, payload);
    if (!SENT_AGAIN_WHEN_UNANSWERED.has(operation)) return first;
    return first.catch((err: unknown) => {
      if (err instanceof AriRequestError && err.status === 0) return this.exchange<T>(operation, path, payload);
      throw err;
    });
  }

  /** One request and its answer, under its own deadline. */
  private exchange<T>(operation: AriOperation, path: string, payload: Buffer | null): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const flight: Flight = {
        operation,
        path,
        payload,
        req: null,
        settled: false,
        settle: (err, value) => {
          if (flight.settled) return;
          flight.settled = true;
          clearTimeout(deadline);
          if (err) reject(err);
          else resolve(value as T);
        },
      };
      const deadline = setTimeout(() => {
        flight.settle(new AriRequestError(operation, 0, `timed out after ${this.options.timeoutMs} ms`));
        flight.req?.destroy();
      }, this.options.timeoutMs);
      this.attempt(flight, true);
    });
  }

  private attempt(flight: Flight, mayRetry: boolean): void {
    const { operation } = flight;
    const req = this.send(
      {
        agent: this.agent,
        host: this.host,
        port: this.port,
        method: ARI_ROUTES[operation].method,
        path: flight.path,
        headers: flight.payload
          ? {
              Authorization: this.auth,
              Accept: 'application/json',
              'Content-Type': 'application/json',
              'Content-Length': flight.payload.length,
            }
          : { Authorization: this.auth, Accept: 'application/json', 'Content-Length': 0 },
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (err) => flight.settle(new AriRequestError(operation, 0, err.message)));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            if (!text) return flight.settle(null, undefined);
            try {
              return flight.settle(null, JSON.parse(text));
            } catch {
              return flight.settle(
                new AriRequestError(operation, status, `unreadable ARI answer: ${text.slice(0, 200)}`),
              );
            }
          }
          const { status: known, message } = statusOf(text);
          flight.settle(new AriRequestError(operation, known ?? status, message));
        });
      },
    );
    flight.req = req;
    req.on('error', (err: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed just as we wrote to it: the request never reached
      // Asterisk, so sending it once more on a fresh socket is safe (Node's documented pattern).
      if (mayRetry && !flight.settled && req.reusedSocket && err.code === 'ECONNRESET')
        return this.attempt(flight, false);
      flight.settle(new AriRequestError(operation, 0, err.message));
    });
    req.end(flight.payload ?? undefined);
  }

  close(): void {
    this.agent.destroy();
  }
}

/** One request under way: its current attempt and how it settles (once). */
interface Flight {
  operation: AriOperation;
  path: string;
  /** The JSON body, or null for none. */
  payload: Buffer | null;
  req: ClientRequest | null;
  settled: boolean;
  settle(err: AriRequestError | null, value?: unknown): void;
}
