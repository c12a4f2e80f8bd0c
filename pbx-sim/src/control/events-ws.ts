import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { Pbx } from '../model/pbx';

/** `/control/events`: every SimEvent as one JSON text frame, so drivers never poll. */
export class ControlEventSockets {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly unsubscribe: () => void;

  constructor(pbx: Pbx) {
    this.unsubscribe = pbx.onSimEvent((event) => {
      const text = JSON.stringify(event);
      for (const ws of this.wss.clients) if (ws.readyState === WebSocket.OPEN) ws.send(text);
    });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => ws.terminate());
      this.wss.emit('connection', ws, req);
    });
  }

  close(): void {
    this.unsubscribe();
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}
