import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { handleAri, type RequestLogEntry } from './ari/http';
import { AriEventSockets } from './ari/events-ws';
import { ControlEventSockets } from './control/events-ws';
import { handleControl } from './control/routes';
import { isAuthorized, NO_CACHE, sendJson, UNAUTHORIZED_BODY, WWW_AUTHENTICATE } from './http/util';
import { createMediaCatalog } from './media/durations';
import { RecordingStore } from './media/store';
import { StasisApps } from './model/apps';
import { createScheduler } from './model/clock';
import { mergeDialplan, type Dialplan } from './model/dialplan';
import { Pbx } from './model/pbx';

export type { Dialplan, LocalBehaviour, InboundRoute } from './model/dialplan';
export { DEFAULT_DIALPLAN } from './model/dialplan';
export type { RequestLogEntry } from './ari/http';
export { wavDurationMs } from './media/wav';
export { PbxSimControlClient, PbxSimControlError, type PbxSimControlOptions } from './client';

const MAX_LOGGED_REQUESTS = 10_000;

export interface PbxSimOptions {
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  /** 1 = real time; tests use e.g. 0.02 to shorten media/ring time. */
  timeScale?: number;
  recordingDir?: string;
  /** 'cc1357/ko/notice' → 4200 (media id after `sound:`), simulated ms. */
  soundDurationsMs?: Record<string, number>;
  defaultSoundMs?: number;
  knownSounds?: 'any' | Set<string>;
  dialplan?: Partial<Dialplan>;
  asteriskId?: string;
  logger?: Logger;
  /** The longest any recording runs (seconds; PbxDeps.maxRecordingSeconds). Absent: no limit. */
  maxRecordingSeconds?: number;
}

export interface PbxSim {
  /** http://host:port */
  url: string;
  /** http://host:port/ari (what ari-client.connect wants is `url`) */
  ariUrl: string;
  controlUrl: string;
  username: string;
  password: string;
  recordingDir: string;
  timeScale: number;
  /** The simulated PBX itself (state inspection in tests). */
  pbx: Pbx;
  requests(): RequestLogEntry[];
  close(): Promise<void>;
}

export async function startPbxSim(options: PbxSimOptions = {}): Promise<PbxSim> {
  const username = options.username ?? 'asterisk';
  const password = options.password ?? 'asterisk';
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0)) throw new Error(`timeScale must be > 0, got ${timeScale}`);
  const log = (options.logger ?? pino({ level: 'silent' })).child({ component: 'pbx-sim' });
  const ownsDir = !options.recordingDir;
  const recordingDir = options.recordingDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pbx-sim-rec-'));
  const store = new RecordingStore(recordingDir);
  const scheduler = createScheduler(timeScale);
  const asteriskId = options.asteriskId ?? '02:fc:00:00:00:01';
  const apps = new StasisApps(scheduler.now, asteriskId);
  const media = createMediaCatalog({
    soundDurationsMs: options.soundDurationsMs,
    defaultSoundMs: options.defaultSoundMs,
    knownSounds: options.knownSounds,
    recordingDurationMs: (name) => {
      const found = store.find(name);
      return found ? store.durationMs(found) : null;
    },
  });
  const pbx = new Pbx({
    scheduler,
    apps,
    dialplan: mergeDialplan(options.dialplan),
    media,
    store,
    logger: log,
    asteriskId,
    ...(options.maxRecordingSeconds ? { maxRecordingSeconds: options.maxRecordingSeconds } : {}),
  });
  const requestLog: RequestLogEntry[] = [];
  const ariSockets = new AriEventSockets(apps, log);
  const controlSockets = new ControlEventSockets(pbx);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const authorized = isAuthorized(req, url.searchParams, username, password);
    const done = (p: Promise<void>) =>
      p.catch((err) => {
        log.error({ err }, 'request failed');
        if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
      });
    if (url.pathname === '/ari' || url.pathname.startsWith('/ari/')) {
      if (!authorized) return sendJson(res, 401, UNAUTHORIZED_BODY, { ...WWW_AUTHENTICATE, ...NO_CACHE });
      return done(
        handleAri(pbx, req, res, url, log, (e) => {
          // Bounded, so a long demo or load run does not grow without limit.
          if (requestLog.push(e) > MAX_LOGGED_REQUESTS) requestLog.shift();
        }),
      );
    }
    if (url.pathname === '/control' || url.pathname.startsWith('/control/')) {
      if (!authorized)
        return sendJson(
          res,
          401,
          { error: { code: 'UNAUTHORIZED', message: 'Authentication required' } },
          WWW_AUTHENTICATE,
        );
      return done(
        handleControl(req, res, url, {
          pbx,
          log,
          requests: () => [...requestLog],
          clearRequests: () => void requestLog.splice(0),
          dropSockets: (app) => ariSockets.drop(app),
        }),
      );
    }
    sendJson(res, 404, { message: 'Resource not found' });
  });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!isAuthorized(req, url.searchParams, username, password)) {
      const body = JSON.stringify(UNAUTHORIZED_BODY);
      socket.end(
        `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="Asterisk REST Interface"\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    if (url.pathname === '/ari/events') return ariSockets.handleUpgrade(req, socket, head, url.searchParams);
    if (url.pathname === '/control/events') return controlSockets.handleUpgrade(req, socket, head);
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}`;
  log.info({ url, timeScale, recordingDir }, 'pbx-sim listening');

  let closed = false;
  return {
    url,
    ariUrl: `${url}/ari`,
    controlUrl: `${url}/control`,
    username,
    password,
    recordingDir,
    timeScale,
    pbx,
    requests: () => [...requestLog],
    async close() {
      if (closed) return;
      closed = true;
      ariSockets.close();
      controlSockets.close();
      pbx.close();
      scheduler.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsDir) fs.rmSync(recordingDir, { recursive: true, force: true });
    },
  };
}
