import type { Request, RequestHandler } from 'express';
import type { CrmMetrics } from './crmMetrics';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * The route pattern a request matched (`/api/companies/:id`), never its URL: ids, numbers and
 * query strings would make a series per request. A route mounted under several paths (aliases)
 * is labelled with its first, the contract's path. A request no route took is `(unmatched)`.
 */
export function routeLabel(req: Pick<Request, 'route' | 'baseUrl'>): string {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  const pattern = Array.isArray(path) ? path[0] : path;
  if (typeof pattern !== 'string') return '(unmatched)';
  return `${req.baseUrl ?? ''}${pattern}`;
}

/** Times every request and labels it by method, route pattern and status once the response is done. */
export function httpMetrics(metrics: CrmMetrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.http.startTimer();
    res.once('close', () => {
      end({
        method: METHODS.has(req.method) ? req.method : 'OTHER',
        route: routeLabel(req),
        status: String(res.statusCode),
      });
    });
    next();
  };
}
