import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An http:// URL on loopback where nothing listens (a port just freed): a service that is down. */
export async function deadUrl(): Promise<string> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
