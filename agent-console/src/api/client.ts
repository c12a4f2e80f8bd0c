import {
  CallbackDto,
  CallerPop,
  CompanyDetail,
  CompanySearchHit,
  ConsultationDetail,
  ConsultationDto,
  ConsultationRevisionDto,
  ConsultationSearchHit,
  DayStats,
  ImportReport,
  type ImportKind,
  IvrDropoutReport,
  LoginResponse,
  ProgramCalendar,
  ProgramDto,
  RecommendationList,
  SmsMessageDto,
  SubCategoryCatalogue,
  type CategoryCode,
  type CreateCallbackRequest,
  type CreateConsultationRequest,
  type LoginRequest,
  type PatchConsultationRequest,
  type SendSmsRequest,
} from '@cc1357/contracts';
import { z as zod } from 'zod';
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

  async function request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown, authed = true, rawBody?: { type: string; text: string }): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (rawBody) headers['content-type'] = rawBody.type;
    const token = authed ? options.token?.() : null;
    if (token) headers.authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${path}`, { method, headers, body: rawBody ? rawBody.text : body === undefined ? undefined : JSON.stringify(body) });
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
    categories: () => request('GET', API_ROUTES.categories, SubCategoryCatalogue),
    consultation: (id: string) => request('GET', API_ROUTES.consultation(id), ConsultationDetail),
    patchConsultation: (id: string, patch: PatchConsultationRequest) => request('PATCH', API_ROUTES.consultation(id), ConsultationDetail, patch),
    revisions: (id: string) => request('GET', `${API_ROUTES.consultation(id)}/revisions`, zod.array(ConsultationRevisionDto)),
    consultationsOfCompany: (companyId: string, limit = 50) => request('GET', `${API_ROUTES.consultations}${queryOf({ companyId, limit: String(limit) })}`, zod.array(ConsultationDto)),
    searchCompanies: (params: SearchParams) => request('GET', `${API_ROUTES.searchCompanies}${queryOf(params)}`, zod.array(CompanySearchHit)),
    searchConsultations: (params: SearchParams) => request('GET', `${API_ROUTES.searchConsultations}${queryOf(params)}`, zod.array(ConsultationSearchHit)),
    company: (id: string) => request('GET', API_ROUTES.company(id), CompanyDetail),
    recommendations: (id: string) => request('GET', `${API_ROUTES.company(id)}/recommendations`, RecommendationList),
    programs: (params: { category?: CategoryCode; openOn?: string } = {}) => request('GET', `${API_ROUTES.programs}${queryOf(params)}`, zod.array(ProgramDto)),
    calendar: (params: { from?: string; weeks?: number } = {}) =>
      request('GET', `${API_ROUTES.calendar}${queryOf({ from: params.from, weeks: params.weeks === undefined ? undefined : String(params.weeks) })}`, ProgramCalendar),
    sendSms: (req: SendSmsRequest) => request('POST', API_ROUTES.sms, SmsMessageDto, req),
    smsOf: (callerNumber: string) => request('GET', `${API_ROUTES.sms}${queryOf({ callerNumber, limit: '20' })}`, zod.array(SmsMessageDto)),
    createCallback: (req: CreateCallbackRequest) => request('POST', API_ROUTES.callbacks, CallbackDto, req),
    callbacks: (params: { status?: string; number?: string } = {}) => request('GET', `${API_ROUTES.callbacks}${queryOf({ ...params, limit: '100' })}`, zod.array(CallbackDto)),
    cancelCallback: (id: string) => request('PATCH', `${API_ROUTES.callbacks}/${encodeURIComponent(id)}`, CallbackDto, { status: 'cancelled' }),
    importCsv: (kind: ImportKind, csv: string) => request('POST', API_ROUTES.imports(kind), ImportReport, undefined, true, { type: 'text/csv', text: csv }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
export type SearchParams = Partial<Record<'q' | 'bizRegNo' | 'phone' | 'region' | 'sizeClass' | 'companyId' | 'from' | 'to' | 'category' | 'counselorId' | 'limit', string>>;

/** `?a=1&b=2` from the defined, non-empty entries; '' when there are none. */
export function queryOf(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  return entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`;
}
