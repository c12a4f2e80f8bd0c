import type { IncomingMessage, ServerResponse } from 'node:http';
import { type HealthReport, healthStatus } from '@cc1357/contracts';

/**
 * The HTTP side of health and metrics.
 *
 * Health (`/health/live`, `/health/ready`) is served on telephony's public port beside the
 * console gateway, like the older `/health`: orchestrators and load balancers reach it there,
 * and it says only which dependency is down.
 *
 * `/metrics` is never served on the public port: it has its own listener, contracts'
 * `startMetricsServer` (`@cc1357/contracts/node`), as crm-api's has.
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
