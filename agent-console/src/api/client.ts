import {
  createCrmClient,
  queryStringOf,
  type CallbackStatus,
  type CategoryCode,
  type CrmRoutes,
  type CrmResult,
  type CallbackActionRequest,
  type CreateCallbackRequest,
  type CreateConsultationRequest,
  type CreateRelayRequest,
  type FetchLike,
  type ImportKind,
  type LoginLockDto,
  type LoginRequest,
  type PatchConsultationRequest,
  type RelayOutcomeRequest,
  type RelayStatus,
  type SendSmsRequest,
} from '@cc1357/contracts';
import type { z } from 'zod';
import { ApiError } from './errors';

export type { FetchLike };

export interface ApiClientOptions {
  /** Current access token, read on every request so a new login takes effect at once. */
  token?: () => string | null;
  fetch?: FetchLike;
  baseUrl?: string;
  /** Called on any 401 so the app can drop a dead session. */
  onUnauthorized?: () => void;
}

/** The console's convention on top of the contracts client: the data, or a thrown ApiError. */
async function data<T>(pending: Promise<CrmResult<T>>): Promise<T> {
  const result = await pending;
  if (result.ok) return result.data;
  throw new ApiError(result.status ?? 0, result.code, result.message, result.fields);
}

/**
 * Typed REST calls to crm-api, through the contracts' client and route table (the paths and
 * shapes are crm-api's own). Every answer is checked against its contract schema, every
 * failure is an ApiError.
 */
export function createApiClient(options: ApiClientOptions = {}) {
  const { call } = createCrmClient({
    baseUrl: options.baseUrl ?? '',
    ...(options.token ? { token: options.token } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.onUnauthorized ? { onUnauthorized: options.onUnauthorized } : {}),
  });

  return {
    login: (req: LoginRequest) => data(call('login', { body: req })),
    /** Ends the user's sessions on the server (this token and its socket stop working). */
    logout: () => data(call('logout')),
    createConsultation: (req: CreateConsultationRequest) => data(call('createConsultation', { body: req })),
    todayStats: () => data(call('todayStats')),
    /** The signed-in counselor's own day (figures and calls); no date = today in Asia/Seoul. */
    myDay: (date?: string) => data(call('myDay', { query: date ? { date } : {} })),
    ivrDropout: (date: string) => data(call('ivrDropout', { query: { date } })),
    /** Historical KPIs per queue or agent (supervisors, admins); each figure carries its formula id. */
    kpiReport: (query: z.input<CrmRoutes['kpiReport']['query']>) => data(call('kpiReport', { query })),
    /** Consultations counted by two dimensions (supervisors, admins). */
    consultationPivot: (query: z.input<CrmRoutes['consultationPivot']['query']>) =>
      data(call('consultationPivot', { query })),
    /** First-contact resolution per queue, category or counselor (formula fcr.v1). */
    fcrReport: (query: z.input<CrmRoutes['fcrReport']['query']>) => data(call('fcrReport', { query })),
    /** The pop narrowed to one company (the counselor's choice among a shared number's companies); null = withheld. */
    callerPop: (number: string | null, query: { bizRegNo?: string; callId?: string } = {}) =>
      data(call('callerPop', { params: { number: number ?? '' }, query })),
    categories: () => data(call('categories')),
    consultation: (id: string) => data(call('consultation', { params: { id } })),
    patchConsultation: (id: string, patch: PatchConsultationRequest) =>
      data(call('patchConsultation', { params: { id }, body: patch })),
    revisions: (id: string) => data(call('revisions', { params: { id } })),
    consultationsOfCompany: (companyId: string, limit = 50) =>
      data(call('consultations', { query: { companyId, limit } })),
    /** Free text from the screen (a region typed or read off a record) is the server's to refuse: a 400 naming the field. */
    searchCompanies: (params: CompanySearchParams | SearchParams) =>
      data(call('searchCompanies', { query: params as CompanySearchParams })),
    searchConsultations: (params: ConsultationSearchParams) => data(call('searchConsultations', { query: params })),
    company: (id: string) => data(call('company', { params: { id } })),
    recommendations: (id: string) => data(call('recommendations', { params: { id } })),
    programs: (query: { category?: CategoryCode; openOn?: string } = {}) => data(call('programs', { query })),
    calendar: (query: { from?: string; weeks?: number } = {}) => data(call('calendar', { query })),
    sendSms: (req: SendSmsRequest) => data(call('sendSms', { body: req })),
    smsOf: (callerNumber: string) => data(call('smsHistory', { query: { callerNumber, limit: 20 } })),
    createCallback: (req: CreateCallbackRequest) => data(call('createCallback', { body: req })),
    callbacks: (query: { status?: CallbackStatus; number?: string } = {}) =>
      data(call('callbacks', { query: { ...query, limit: 100 } })),
    cancelCallback: (id: string) => data(call('updateCallback', { params: { id }, body: { status: 'cancelled' } })),
    /** Claim, dial, or set the outcome of a callback (issue 12 §4). */
    callbackAction: (id: string, body: CallbackActionRequest) => data(call('callbackAction', { params: { id }, body })),
    /** The file as read (bytes: crm-api decides UTF-8 or CP949) or as text (sent as UTF-8). */
    importCsv: (kind: ImportKind, csv: string | Uint8Array) =>
      data(call(kind === 'companies' ? 'importCompanies' : 'importSupportHistory', { body: csv })),
    /** Accounts and addresses locked out after too many login attempts (admins only). */
    loginLocks: () => data(call('loginLocks')).then((r) => r.locks),
    /** Lifts one lock (204); a lock already gone is a 404 ApiError. */
    liftLoginLock: (kind: LoginLockDto['kind'], key: string) => data(call('liftLoginLock', { params: { kind, key } })),
    /* ---------- partner-center relays (issue 12 §3) ---------- */
    /** Relays (a partner user gets only its own center's). */
    relays: (query: { status?: RelayStatus } = {}) => data(call('relays', { query: { ...query, limit: 100 } })),
    /** Relay packages whose webhook delivery failed every attempt (supervisors, admins). */
    relayDeadLetters: () => data(call('relayDeadLetters', { query: { limit: 100 } })),
    /** A day's relays and the share whose package reached the partner before it answered (supervisors, admins). */
    /** A day's relay rate, or with `to` a period's (the 보고서 page's). */
    relayStats: (date: string, to?: string) => data(call('relayStats', { query: to ? { date, to } : { date } })),
    redeliverRelay: (id: string) => data(call('redeliverRelay', { params: { id } })),
    /** A partner user's answer to a relay addressed to its center. */
    postRelayOutcome: (id: string, body: RelayOutcomeRequest) => data(call('relayOutcome', { params: { id }, body })),
    partnerCenters: () => data(call('partnerCenters')),
    /** A relay without the call (e.g. a closed partner's callback request); idempotent by key. */
    createRelay: (body: CreateRelayRequest) => data(call('createRelay', { body })),
    /* ---------- recordings (issue 13) ---------- */
    /** Recordings (a counselor gets only their own calls). */
    recordings: (query: RecordingSearchParams) => data(call('recordings', { query })),
    recording: (id: string) => data(call('recording', { params: { id } })),
    /** A short-lived signed URL to the audio; crm-api writes each one to the audit log. */
    recordingUrl: (id: string, disposition: 'inline' | 'attachment' = 'inline') =>
      data(call('recordingUrl', { params: { id }, body: { disposition } })),
    setLegalHold: (id: string, legalHold: boolean) =>
      data(call('setLegalHold', { params: { id }, body: { legalHold } })),
    reviewCriteria: () => data(call('reviewCriteria')),
    createReviewCriterion: (body: ReviewCriterionBody) => data(call('createReviewCriterion', { body })),
    /** Replaces every field of the criterion (crm-api's PATCH takes the whole criterion). */
    updateReviewCriterion: (id: string, body: ReviewCriterionBody) =>
      data(call('updateReviewCriterion', { params: { id }, body })),
    /** Every criterion's id in the new order; answers the list. */
    reorderReviewCriteria: (ids: string[]) => data(call('reorderReviewCriteria', { body: { ids } })),
    saveReview: (id: string, body: { scores: Record<string, number>; comment: string }) =>
      data(call('saveReview', { params: { id }, body })),
    reviewSummary: (query: { from?: string; to?: string } = {}) => data(call('reviewSummary', { query })),
    recordingStorage: (days = 30) => data(call('recordingStorage', { query: { days } })),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
/** The search routes' query parameters, as their contract schemas take them. */
export type CompanySearchParams = z.input<CrmRoutes['searchCompanies']['query']>;
export type ConsultationSearchParams = z.input<CrmRoutes['searchConsultations']['query']>;
export type RecordingSearchParams = z.input<CrmRoutes['recordings']['query']>;
export type ReviewCriterionBody = { label: string; maxScore: number; active: boolean; sortOrder: number };
export type SearchParams = Partial<
  Record<
    | 'q'
    | 'bizRegNo'
    | 'phone'
    | 'region'
    | 'sizeClass'
    | 'companyId'
    | 'from'
    | 'to'
    | 'category'
    | 'counselorId'
    | 'limit',
    string
  >
>;

/** `?a=1&b=2` from the defined, non-empty entries; '' when there are none. */
export function queryOf(params: Record<string, string | undefined>): string {
  return queryStringOf(params);
}
