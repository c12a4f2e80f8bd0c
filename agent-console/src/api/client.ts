import {
  CallerPop,
  ConsultationDto,
  DayStats,
  IvrDropoutReport,
  LoginResponse,
  type CreateConsultationRequest,
  type LoginRequest,
} from '@cc1357/contracts';
import type { z } from 'zod';
import { ApiError, apiErrorOf, networkError } from './errors';
import { API_ROUTES } from './routes';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiClientOptions {
  /** Current access token, read on every request so a new login takes effect at once. */
  token?: () => string | null;
  fetch?: FetchLike;
  baseUrl?: string;
  /** Called on any 401 so the app can drop a dead session. */
  onUnauthorized?: () => void;
}

/**
 * Typed REST calls to crm-api. Every answer is checked against its contract schema, every
 * failure is an ApiError.
 */
export function createApiClient(options: ApiClientOptions = {}) {
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const baseUrl = options.baseUrl ?? '';

  async function request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown, authed = true): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = authed ? options.token?.() : null;
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (cause) {
      throw networkError(cause);
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = apiErrorOf(response.status, json);
      if (response.status === 401 && authed) options.onUnauthorized?.();
      throw error;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiError(response.status, 'INTERNAL', `예상하지 못한 서버 응답입니다 (${path})`);
    return parsed.data;
  }

  return {
    login: (req: LoginRequest) => request('POST', API_ROUTES.login, LoginResponse, req, false),
    createConsultation: (req: CreateConsultationRequest) => request('POST', API_ROUTES.consultations, ConsultationDto, req),
    todayStats: () => request('GET', API_ROUTES.todayStats, DayStats),
    ivrDropout: (date: string) => request('GET', API_ROUTES.ivrDropout(date), IvrDropoutReport),
    /** The pop narrowed to one company (the counselor's choice among a shared number's companies). */
    callerPop: (number: string | null, params: { bizRegNo?: string; callId?: string } = {}) => {
      const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string')).toString();
      return request('GET', `${API_ROUTES.callerPop(number)}${query ? `?${query}` : ''}`, CallerPop);
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
