import { CRM_ROUTES } from '../rest/routes';
import type { RouteSpec } from '../rest/route';

/**
 * The only crm-api routes a `service` token may reach: what telephony calls (its CrmClient) and
 * nothing else — the routes marked `serviceToken` in CRM_ROUTES. crm-api answers 403 to a
 * service token anywhere else, so a stolen telephony key cannot read companies, search or
 * change records.
 */
export const SERVICE_ROUTES: ReadonlyArray<{ method: string; path: RegExp }> = (
  Object.values(CRM_ROUTES) as RouteSpec[]
)
  .filter((r) => r.serviceToken)
  .flatMap((r) => [r.path, ...(r.aliases ?? [])].map((path) => ({ method: r.method, path: pathPattern(path) })));

/** `/api/callers/:number/pop` → /^\/api\/callers\/[^/]*\/pop$/ (a parameter may be empty: withheld). */
function pathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]*' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('\\/');
  return new RegExp(`^${source}$`);
}

export function serviceMayCall(method: string, path: string): boolean {
  return SERVICE_ROUTES.some((r) => r.method === method.toUpperCase() && r.path.test(path));
}
