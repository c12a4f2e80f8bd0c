import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A partner center's webhook receiver, for real: a node:http server on 127.0.0.1 (ephemeral
 * port) that records every request (headers and exact body) and answers with the status the
 * test sets, as a partner's system would.
 */
export interface PartnerReceiver {
  url: string;
  received: { path: string; headers: IncomingHttpHeaders; body: string }[];
  /** The status the next requests get (200 by default). */
  answer: number;
  close(): Promise<void>;
}

export async function startPartnerReceiver(): Promise<PartnerReceiver> {
  const receiver: PartnerReceiver = { url: '', received: [], answer: 200, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver.received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(receiver.answer, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}
