import ari, { type AriClient } from 'ari-client';
import type { Logger } from 'pino';
import type { Scheduler, TimerHandle } from '../../clock/scheduler';
import { AriRequestError, isNotFound, toAriError } from './errors';
import type {
  AriChannelInfo,
  AriEndpointInfo,
  AriPort,
  HangupReason,
  MuteDirection,
  OriginateRequest,
  RawAriEvent,
  SnoopRequest,
} from './port';
import { quietSwaggerClient } from './quiet-swagger';
import { type AriOperation, type AriParams, AriRest } from './rest';

// ari-client has loaded its swagger-client (and that client's global `log`) by now.
quietSwaggerClient();

export interface AriConnectionOptions {
  url: string;
  username: string;
  password: string;
  app: string;
  /** Every REST call gets this timeout: ari-client requests can hang forever (ARI-FACTS §11). */
  requestTimeoutMs?: number;
  log: Logger;
  scheduler: Scheduler;
  /**
   * Told of every REST request once it settled: its operation (`channels.answer`), how long it
   * took and, when it failed, its status (0 = no answer). The one place ARI latency and errors
   * are measured (metrics); it must not throw.
   */
  onRequest?: (operation: string, seconds: number, status: number | null) => void;
  /**
   * The event types the app acts on: each time the socket (re)connects, Asterisk is asked to send
   * only these (`PUT /applications/{app}/eventFilter`). On a real Asterisk most of a call's events
   * are ones telephony ignores (47 in reference trace P1, 18 of them acted on); each still cost a
   * frame and a JSON parse here and a send there. Absent: every event, as before.
   */
  eventTypes?: readonly string[];
}

export interface AriHandlers {
  onEvent(event: RawAriEvent): void;
  /** After a reconnect: the app must resync (Asterisk replays nothing, ARI-FACTS §8). */
  onReconnected(): void;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * ARI for telephony: ari-client loads the API and keeps the event socket, made safe to live with;
 * REST requests go out directly (rest.ts), not through ari-client:
 *  - every REST call has a timeout and rejects with an AriRequestError carrying a status;
 *  - events come to one handler, taken off each socket ari-client opens by wrapping its
 *    `message` listener (no per-channel listeners, so nothing leaks); frames ari-client would
 *    crash on (non-JSON, unknown `type`) are dropped there;
 *  - ari-client gives up after ~10 reconnect attempts; we start it again with our own backoff,
 *    forever, until `close()`.
 */
export class AriConnection implements AriPort {
  private client: AriClient | null = null;
  private closed = false;
  private connectedOnce = false;
  /** A restart chain of ours is running (see WebSocketMaxRetries). */
  private restarting = false;
  private socketUp = false;
  private retryTimer: TimerHandle | null = null;
  private readonly timeoutMs: number;
  private readonly log: Logger;
  private readonly rest: AriRest;

  constructor(
    private readonly options: AriConnectionOptions,
    private readonly handlers: AriHandlers,
  ) {
    this.timeoutMs = options.requestTimeoutMs ?? 5_000;
    this.log = options.log;
    this.rest = new AriRest({
      url: options.url,
      username: options.username,
      password: options.password,
      timeoutMs: this.timeoutMs,
    });
  }

  /** Connects (retrying with backoff until it works or `close()`); resolves on the first connect. */
  async connect(): Promise<void> {
    let attempt = 0;
    while (!this.closed) {
      try {
        await this.connectOnce();
        return;
      } catch (err) {
        const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt++);
        this.log.warn({ err: String(err), delay }, 'ARI connect failed; retrying');
        await new Promise<void>((resolve) => {
          this.retryTimer = this.options.scheduler.setTimeout(resolve, delay);
        });
      }
    }
  }

  private async connectOnce(): Promise<void> {
    const { url, username, password, app } = this.options;
    const client = await this.withTimeout('connect', ari.connect(url, username, password), this.timeoutMs * 2);
    this.guardSocket(client);
    client.on('WebSocketConnected', () => {
      this.socketUp = true;
      this.filterEvents();
      if (this.connectedOnce) {
        this.log.info('ARI websocket reconnected; resyncing');
        this.handlers.onReconnected();
      }
      this.connectedOnce = true;
    });
    client.on('WebSocketReconnecting', (err: unknown) => {
      this.socketUp = false;
      this.log.warn({ err: String(err ?? '') }, 'ARI websocket lost; ari-client reconnecting');
    });
    client.on('WebSocketMaxRetries', () => {
      this.socketUp = false;
      // ari-client emits this AND rejects the start() of our own restart: one chain of restarts
      // only, or every failed attempt would add another chain (sockets taking the app from
      // each other long after the outage).
      if (this.restarting) return;
      this.log.error('ari-client gave up reconnecting; restarting it ourselves');
      this.restartSocket(client, 0);
    });
    client.on('APILoadError', (err: unknown) => this.log.error({ err: String(err) }, 'ARI API load error'));
    this.client = client;
    // start() resolves on the first open only; later reconnects are reported by events.
    await this.withTimeout('start', client.start(app), this.timeoutMs * 2);
  }

  /**
   * Asks Asterisk for the app's event types only. Kept by Asterisk while the app is registered (so
   * a reconnect finds it set), gone with an Asterisk restart: asked again on every connect. If it
   * fails (an Asterisk before 13.26/16.3 answers 404), every event keeps coming and the router
   * drops the ones it does not act on, as before.
   */
  private filterEvents(): void {
    const types = this.options.eventTypes;
    if (!types) return;
    const allowed = types.map((type) => ({ type }));
    this.call('applications.filter', { applicationName: this.options.app }, { allowed }).then(
      () => this.log.debug({ types: types.length }, 'ARI event filter set'),
      (err: unknown) =>
        this.log.warn({ err: String(err) }, 'ARI event filter not set; every event type keeps coming (and is ignored)'),
    );
  }

  private restartSocket(client: AriClient, attempt: number): void {
    if (this.closed) return;
    this.restarting = true;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt);
    this.retryTimer = this.options.scheduler.setTimeout(() => {
      if (this.closed) return;
      client.start(this.options.app).then(
        () => {
          this.restarting = false;
        },
        (err: unknown) => {
          // start() rejects once ari-client's own retries are exhausted again; keep going.
          this.log.warn({ err: String(err), attempt }, 'ARI websocket still down');
          this.restartSocket(client, attempt + 1);
        },
      );
    }, delay);
  }

  /**
   * Takes each event frame off the sockets ari-client opens, before ari-client's own listener:
   * frames it would crash on (non-JSON, unknown `type`) are dropped, and good ones go straight to
   * our handler. ari-client's listener never runs: it parsed the frame a second time and built a
   * resource object, with every ARI operation bound to it, for each channel, bridge or playback
   * in the event — per event, for a `*` listener that uses none of them.
   */
  private guardSocket(client: AriClient): void {
    const log = this.log;
    let current: unknown;
    const knownType = (type: unknown) => typeof type === 'string' && !!client._swagger?.apis?.events?.models?.[type];
    Object.defineProperty(client, '_ws', {
      configurable: true,
      get: () => current,
      set: (ws: { on: (event: string, fn: (...args: unknown[]) => void) => unknown }) => {
        current = ws;
        if (!ws || typeof ws.on !== 'function') return;
        const on = ws.on.bind(ws);
        ws.on = (event: string, fn: (...args: unknown[]) => void) => {
          if (event !== 'message') return on(event, fn);
          return on(event, (data: unknown) => {
            const text = typeof data === 'string' ? data : Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
            let parsed: RawAriEvent | null;
            try {
              parsed = JSON.parse(text) as RawAriEvent | null;
            } catch {
              log.warn({ frame: text.slice(0, 200) }, 'ARI sent a non-JSON frame; ignored');
              return;
            }
            if (!parsed || !knownType(parsed.type)) {
              log.warn({ type: parsed?.type }, 'ARI event of unknown type; ignored');
              return;
            }
            this.dispatch(parsed);
          });
        };
      },
    });
  }

  private dispatch(event: RawAriEvent): void {
    try {
      this.handlers.onEvent(event);
    } catch (err) {
      this.log.error({ err, type: event?.type }, 'ARI event handler threw');
    }
  }

  /** True while the event socket is open (what /health reports). */
  isConnected(): boolean {
    return this.socketUp && !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) this.options.scheduler.clearTimeout(this.retryTimer);
    try {
      this.client?.removeAllListeners();
      this.client?.stop();
    } catch {
      // already closed
    }
    this.rest.close();
  }

  /* ---------- REST ---------- */

  private withTimeout<T>(operation: string, promise: PromiseLike<T>, ms = this.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(toAriError(operation, new Error(`timed out after ${ms} ms`))), ms);
      Promise.resolve(promise).then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(toAriError(operation, err));
        },
      );
    });
  }

  private call<T = unknown>(operation: AriOperation, params: AriParams, body?: unknown): Promise<T> {
    const started = performance.now();
    const request = this.request<T>(operation, params, body);
    const observe = this.options.onRequest;
    if (observe) {
      const done = (status: number | null) => observe(operation, (performance.now() - started) / 1000, status);
      request.then(
        () => done(null),
        (err: unknown) => done(err instanceof AriRequestError ? err.status : 0),
      );
    }
    return request;
  }

  private request<T>(operation: AriOperation, params: AriParams, body?: unknown): Promise<T> {
    // REST goes out only once connect() loaded the API, as it did through ari-client.
    if (!this.client) return Promise.reject(toAriError(operation, new Error('ARI not connected')));
    return this.rest.request<T>(operation, params, body);
  }

  private async goneIsFine(promise: Promise<unknown>): Promise<void> {
    try {
      await promise;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async answer(channelId: string): Promise<void> {
    await this.call('channels.answer', { channelId });
  }
  hangup(channelId: string, reason?: HangupReason): Promise<void> {
    return this.goneIsFine(this.call('channels.hangup', { channelId, reason }));
  }
  async play(channelId: string, media: string[], playbackId: string): Promise<void> {
    await this.call('channels.play', { channelId, media: media.join(','), playbackId });
  }
  stopPlayback(playbackId: string): Promise<void> {
    return this.goneIsFine(this.call('playbacks.stop', { playbackId }));
  }
  async createBridge(bridgeId: string, type: 'holding' | 'mixing'): Promise<void> {
    await this.call('bridges.create', { bridgeId, type, name: bridgeId });
  }
  async addChannels(bridgeId: string, channelIds: string[]): Promise<void> {
    await this.call('bridges.addChannel', { bridgeId, channel: channelIds.join(',') });
  }
  async mute(channelId: string, direction: MuteDirection): Promise<void> {
    await this.call('channels.mute', { channelId, direction });
  }
  unmute(channelId: string, direction: MuteDirection): Promise<void> {
    return this.goneIsFine(this.call('channels.unmute', { channelId, direction }));
  }
  async startMoh(bridgeId: string): Promise<void> {
    await this.call('bridges.startMoh', { bridgeId, mohClass: 'default' });
  }
  stopMoh(bridgeId: string): Promise<void> {
    return this.goneIsFine(this.call('bridges.stopMoh', { bridgeId }));
  }
  destroyBridge(bridgeId: string): Promise<void> {
    return this.goneIsFine(this.call('bridges.destroy', { bridgeId }));
  }
  async recordBridge(bridgeId: string, name: string, format: string): Promise<void> {
    await this.call('bridges.record', { bridgeId, name, format, ifExists: 'fail' });
  }
  async pauseRecording(name: string): Promise<void> {
    await this.call('recordings.pause', { recordingName: name });
  }
  async unpauseRecording(name: string): Promise<void> {
    await this.call('recordings.unpause', { recordingName: name });
  }
  async snoop(request: SnoopRequest): Promise<void> {
    await this.call('channels.snoopChannel', {
      channelId: request.channelId,
      snoopId: request.snoopId,
      spy: request.spy,
      whisper: request.whisper,
      app: this.options.app,
      appArgs: request.appArgs,
    });
  }
  async originate(request: OriginateRequest): Promise<void> {
    await this.call('channels.originate', {
      endpoint: request.endpoint,
      app: this.options.app,
      appArgs: request.appArgs,
      channelId: request.channelId,
      timeout: Math.max(1, Math.ceil(request.timeoutSeconds)),
      callerId: request.callerId,
    });
  }
  async listChannels(): Promise<AriChannelInfo[]> {
    const list = await this.call<{ id: string; name: string; state: string }[]>('channels.list', {});
    return list.map((c) => ({ id: c.id, name: c.name, state: c.state }));
  }
  async playbackExists(playbackId: string): Promise<boolean> {
    return (await this.orNullIfGone(this.call('playbacks.get', { playbackId }))) !== null;
  }
  async channelExists(channelId: string): Promise<boolean> {
    return (await this.orNullIfGone(this.call('channels.get', { channelId }))) !== null;
  }
  async bridgeChannels(bridgeId: string): Promise<string[] | null> {
    const bridge = await this.orNullIfGone(this.call<{ channels?: string[] }>('bridges.get', { bridgeId }));
    return bridge ? (bridge.channels ?? []) : null;
  }
  async endpoint(endpoint: string): Promise<AriEndpointInfo | null> {
    const [tech = '', ...rest] = endpoint.split('/');
    const found = await this.orNullIfGone(
      this.call<{ state?: string; channel_ids?: string[] }>('endpoints.get', { tech, resource: rest.join('/') }),
    );
    return found ? { state: found.state ?? 'unknown', channelIds: found.channel_ids ?? [] } : null;
  }

  private async orNullIfGone<T>(promise: Promise<T>): Promise<T | null> {
    try {
      return await promise;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }
}
