import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, WebSocket } from 'ws';
import type { EventSink, StasisApps } from '../model/apps';

/**
 * The ARI event socket `GET /ari/events?app=a,b[&subscribeAll=true]`. Connecting activates the
 * apps; a second socket for an app takes it over and the first one gets `ApplicationReplaced`
 * and stays open (ARI-FACTS §8). Only JSON text frames of known event types are ever sent.
 */
const SLOW_CONSUMER_BYTES = 1024 * 1024;

interface Session {
  ws: WebSocket;
  apps: string[];
  sink: EventSink;
}

export class AriEventSockets {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Set<Session>();

  constructor(
    private readonly apps: StasisApps,
    private readonly log: Logger,
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, query: URLSearchParams): void {
    const names = query
      .getAll('app')
      .flatMap((a) => a.split(','))
      .map((a) => a.trim())
      .filter(Boolean);
    if (names.length === 0) {
      const body =
        '<html><head><title>400 Bad Request</title></head><body><h1>Bad Request</h1><p>HTTP request is missing param: [app]</p></body></html>';
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    if (names.some((n) => n.length > 128)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const subscribeAll = ['true', '1', 'yes'].includes((query.get('subscribeAll') ?? '').toLowerCase());
    // Asterisk registers the apps while it handles the upgrade request, so the socket being
    // replaced hears ApplicationReplaced before the new socket's handshake completes (observed on
    // 22.10.1). Events for the new socket meanwhile wait in `pending` until it is open.
    const pending: Record<string, unknown>[] = [];
    let ws: WebSocket | null = null;
    const sink: EventSink = {
      send: (message) => {
        if (!ws) pending.push(message);
        else this.write(ws, names, message);
      },
    };
    for (const name of names) {
      const replaced = this.apps.activate(name, sink, subscribeAll);
      if (replaced) this.apps.sendTo(replaced, 'ApplicationReplaced', name);
    }
    const abandoned = () => {
      for (const name of names) this.apps.deactivate(name, sink);
    };
    // A handshake that never completes (bad key, peer gone) must not leave the apps held.
    socket.once('close', abandoned);
    this.wss.handleUpgrade(req, socket, head, (opened) => {
      socket.off('close', abandoned);
      ws = opened;
      this.open(opened, names, subscribeAll, sink);
      for (const message of pending.splice(0)) this.write(opened, names, message);
    });
  }

  private write(ws: WebSocket, names: string[], message: Record<string, unknown>): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    // Asterisk drops a consumer that stops reading (websocket_write_timeout); so do we,
    // once a megabyte is stuck in the socket's buffer.
    if (ws.bufferedAmount > SLOW_CONSUMER_BYTES) {
      this.log.warn({ apps: names }, 'ARI event socket not reading; disconnecting it');
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(message));
  }

  private open(ws: WebSocket, names: string[], subscribeAll: boolean, sink: EventSink): void {
    // Asterisk always closes with 1000 (ast_websocket_close: "no reason → normal closure"),
    // also when answering a client's close frame that carried no code; `ws` would answer with
    // no code (1005) there, so its close() is given Asterisk's default.
    const close = ws.close.bind(ws);
    ws.close = (code?: number, reason?: string | Buffer) => close(code ?? 1000, reason);
    const session: Session = { ws, apps: names, sink };
    this.sessions.add(session);
    this.log.info({ apps: names, subscribeAll }, 'ARI event socket connected');
    ws.on('message', () => {
      // Clients have nothing to say on this socket; ignore anything they send.
    });
    ws.on('error', (err) => this.log.debug({ err }, 'ARI event socket error'));
    ws.on('close', () => {
      this.sessions.delete(session);
      for (const name of names) this.apps.deactivate(name, sink);
      this.log.info({ apps: names }, 'ARI event socket closed; apps deactivated');
    });
  }

  /** Close sockets abruptly (no close frame), as a network failure would. */
  drop(app?: string): number {
    let dropped = 0;
    for (const session of [...this.sessions]) {
      if (app && !session.apps.includes(app)) continue;
      session.ws.terminate();
      dropped++;
    }
    return dropped;
  }

  close(): void {
    for (const session of this.sessions) session.ws.terminate();
    this.sessions.clear();
    this.wss.close();
  }
}
