import { ErrorBody, type ErrorCode, type FieldError } from '../vocabulary/errors';
import { pathOf, queryStringOf, type NoFields, type RouteInput, type RouteOutput, type RouteSpec } from './route';
import { CRM_ROUTES, type CrmRoutes } from './routes';

/**
 * The one way to call crm-api: a typed request per route of CRM_ROUTES, the answer checked
 * against the route's schema. It never throws: every answer is a CrmResult — the data, or
 * what went wrong (crm-api's own error body, a network failure or timeout, an answer of the
 * wrong shape). Callers pick their convention on top (the console throws ApiError, telephony
 * degrades, tests `unwrap`).
 */

export type CrmFailure = {
  ok: false;
  /** The HTTP status; null when no answer came (network, timeout). */
  status: number | null;
  code: ErrorCode;
  message: string;
  fields: FieldError[];
};
export type CrmResult<T> = { ok: true; status: number; data: T } | CrmFailure;

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface CrmClientConfig {
  /** crm-api's origin ('' = same origin, as the console behind its proxy). */
  baseUrl?: string;
  /** The bearer token, read on every request (a new login takes effect at once); null = none. */
  token?: () => string | null | Promise<string | null>;
  fetch?: FetchLike;
  /** Per-request timeout in ms (none by default). */
  timeoutMs?: number;
  /** Told of every 401 on a request that carried a token (the console drops the dead session). */
  onUnauthorized?: () => void;
}

export type CrmCall = <K extends keyof CrmRoutes>(
  name: K,
  ...input: NoFields extends RouteInput<CrmRoutes[K]>
    ? [input?: RouteInput<CrmRoutes[K]>]
    : [input: RouteInput<CrmRoutes[K]>]
) => Promise<CrmResult<RouteOutput<CrmRoutes[K]>>>;

/** A crm-api client: `call('callerPop', { params: { number }, query: { callId } })`. */
export function createCrmClient(config: CrmClientConfig = {}): {
  call: CrmCall;
  urlOf: (name: keyof CrmRoutes, input?: { params?: object; query?: object }) => string;
} {
  const doFetch: FetchLike = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = config.baseUrl ?? '';

  function urlOf(name: keyof CrmRoutes, input: { params?: object; query?: object } = {}): string {
    const spec: RouteSpec = CRM_ROUTES[name];
    return `${baseUrl}${pathOf(spec, input.params as Record<string, unknown>)}${queryStringOf(input.query as Record<string, unknown>)}`;
  }

  async function call(
    name: keyof CrmRoutes,
    input: { params?: object; query?: object; body?: unknown } = {},
  ): Promise<CrmResult<unknown>> {
    const spec: RouteSpec = CRM_ROUTES[name];
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: RequestInit['body'];
    if (input.body !== undefined) {
      const csv = spec.bodyType === 'csv';
      headers['content-type'] = csv ? 'text/csv' : 'application/json';
      body = csv ? (input.body as RequestInit['body']) : JSON.stringify(input.body);
    }
    const token = spec.roles === 'public' ? null : await config.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(urlOf(name, input), {
        method: spec.method,
        headers,
        body,
        ...(config.timeoutMs ? { signal: AbortSignal.timeout(config.timeoutMs) } : {}),
      });
    } catch (cause) {
      return {
        ok: false,
        status: null,
        code: 'UNAVAILABLE',
        message: `서버에 연결할 수 없습니다 (${cause instanceof Error ? cause.message : String(cause)})`,
        fields: [],
      };
    }
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      if (response.status === 401 && token) config.onUnauthorized?.();
      const error = ErrorBody.safeParse(json);
      if (error.success)
        return {
          ok: false,
          status: response.status,
          code: error.data.error.code,
          message: error.data.error.message,
          fields: error.data.error.fields ?? [],
        };
      return {
        ok: false,
        status: response.status,
        code: codeOfStatus(response.status),
        message: `서버 응답 오류 (HTTP ${response.status})`,
        fields: [],
      };
    }
    if (spec.response === null) return { ok: true, status: response.status, data: undefined };
    const parsed = spec.response.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ');
      return {
        ok: false,
        status: response.status,
        code: 'INTERNAL',
        message: `예상하지 못한 서버 응답입니다 (${spec.path}: ${where})`,
        fields: [],
      };
    }
    return { ok: true, status: response.status, data: parsed.data };
  }

  return { call: call as CrmCall, urlOf };
}

export type CrmApiClient = ReturnType<typeof createCrmClient>;

/** A refusal without crm-api's error body (a proxy's 502, an HTML page): its status says what it was. */
function codeOfStatus(status: number): ErrorCode {
  const known: Record<number, ErrorCode> = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHORIZED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    409: 'CONFLICT',
    429: 'TOO_MANY_REQUESTS',
    503: 'UNAVAILABLE',
  };
  return known[status] ?? (status >= 500 ? 'UNAVAILABLE' : 'INTERNAL');
}

/** The data, or an Error naming the failure (for scripts and tests that stop on any failure). */
export function unwrap<T>(result: CrmResult<T>, what = 'crm-api'): T {
  if (result.ok) return result.data;
  throw new Error(`${what}: ${result.status ?? 'no answer'} ${result.code} ${result.message}`);
}
