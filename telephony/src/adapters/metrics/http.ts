import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type HealthReport, healthStatus } from '@cc1357/contracts';
import type { TelephonyMetrics } from './telephony-metrics';

/**
 * The HTTP side of health and metrics.
 *
 * Health (`/health/live`, `/health/ready`) is served on telephony's public port beside the
 * console gateway, like the older `/health`: orchestrators and load balancers reach it there,
 * and it says only which dependency is down.
 *
 * `/metrics` is never served on the public port. It has its own listener (METRICS_PORT, bound
 * to METRICS_HOST, 127.0.0.1 unless set): in the compose stack that port is open on the compose
 * network only, where Prometheus scrapes it, and is not published on the host.
 */
export interface HealthEndpoints {
  live: () => HealthReport;
  ready: () => Promise<HealthReport>;
}

/** Answers `/health/live` and `/health/ready`; false when the request is for another path. */
export function serveHealth(req: IncomingMessage, res: ServerResponse, health: HealthEndpoints): boolean {
  const path = (req.url ?? '').split('?')[0];
  if (path === '/health/live') {
    sendJson(res, 200, health.live());
    return true;
  }
  if (path === '/health/ready') {
    health.ready().then(
      (report) => sendJson(res, healthStatus(report), report),
      (err: unknown) =>
        sendJson(res, 503, {
          status: 'unavailable',
          service: 'telephony',
          checks: { readiness: { ok: false, ms: 0, error: String(err) } },
        }),
    );
    return true;
  }
  return false;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/** The metrics listener: `GET /metrics` (Prometheus text format), 404 for anything else. */
export async function startMetricsServer(
  metrics: TelephonyMetrics,
  options: { host: string; port: number },
): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
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
