import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a service's metrics registry hands the listener: Prometheus text and its content type. */
export interface MetricsSource {
  exposition(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * `GET /metrics` on a listener of its own (METRICS_PORT, bound to METRICS_HOST, 127.0.0.1 unless
 * set), 404 for anything else; telephony and crm-api both serve it this way. Never the public
 * port: the API and the console gateway are public, metrics are for the operator's Prometheus,
 * and in the compose stack this port is open on the compose network only.
 */
export async function startMetricsServer(
  metrics: MetricsSource,
  options: { host: string; port: number },
): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && (req.url ?? '').split('?')[0] === '/metrics') {
      metrics.exposition().then(
        ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        (err: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${String(err)}`),
      );
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: metrics are at /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  return {
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
