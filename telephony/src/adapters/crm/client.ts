import {
  type AgentStateChangeV1,
  createCrmClient,
  signAccessToken,
  type CallbackDto,
  type CallEventV1,
  type CallerPop,
  type CreateCallbackRequest,
  type CreateRelayRequest,
  type CrmApiClient,
  type CrmFailure,
  type CrmResult,
  type DayStats,
  type IvrSmsRequest,
  type PartnerCenterDto,
  type SessionRef,
  type SupervisorActionAuditResult,
  type SupervisorActionAuditV1,
} from '@cc1357/contracts';
import type { Logger } from 'pino';
import { RefusedBatchError } from './redis-outbox';

/**
 * crm-api over HTTP, through the contracts' typed client (CRM_ROUTES: the paths and shapes are
 * crm-api's own), with a `service` token telephony signs itself: with its own private key
 * (TELEPHONY_PRIVATE_KEY; crm-api holds the public half and lets these tokens reach only
 * telephony's routes), or the development AUTH_SECRET.
 *
 * One failure convention underneath: every request resolves to a CrmResult (data, or what
 * went wrong: crm-api's refusal, no answer within the timeout, an answer of the wrong shape)
 * and never throws; each method below turns that into what its caller needs, and logs the
 * failure once. Reads degrade instead of failing a call: a pop that could not be fetched is
 * `unavailable` (the counselor searches by hand), never a new caller.
 */
export interface CrmClientOptions {
  baseUrl: string;
  /** Signs the service token: a PEM private key, or the development HMAC secret. */
  authSecret: string;
  log: Logger;
  timeoutMs?: number;
  /**
   * The wall clock the service token's lifetime is measured on. Not the business clock
   * (`Scheduler.now`): crm-api checks the token's `iat`/`exp` against its own wall clock, so a
   * token minted on a steered or replayed business time would be rejected as expired.
   */
  wallClock?: () => Date;
}

const TOKEN_TTL_SECONDS = 3600;

/** A failure in one line for the log and for errors: status (or "no answer"), code, message. */
export function describeFailure(failure: CrmFailure): string {
  return `${failure.status ?? 'no answer'} ${failure.code} ${failure.message}`.slice(0, 300);
}

/**
 * crm-api's answer about what was sent (400 validation, 413 too large, 422 unprocessable):
 * sending the same entries again gets the same answer. Other 4xx are about us or the deployment
 * — 401 a token being renewed, 403 a service key without the role, 404 a crm-api older than the
 * route during a rolling deploy, 408/429 slow down — and a retry once that is fixed delivers:
 * dead-lettering them would bury every event behind a configuration mistake.
 */
export function isRefusedAsInvalid(status: number | null): boolean {
  return status === 400 || status === 413 || status === 422;
}

export class CrmClient {
  private token: { value: string; expiresAt: number } | null = null;
  private readonly crm: CrmApiClient;

  constructor(private readonly options: CrmClientOptions) {
    this.crm = createCrmClient({
      baseUrl: options.baseUrl,
      token: () => this.bearer(),
      timeoutMs: options.timeoutMs ?? 3_000,
    });
  }

  private async bearer(): Promise<string> {
    const now = (this.options.wallClock ?? (() => new Date()))();
    if (!this.token || this.token.expiresAt - 60_000 < now.getTime()) {
      const value = await signAccessToken(
        { sub: 'telephony', username: 'telephony', role: 'service', skills: [] },
        this.options.authSecret,
        TOKEN_TTL_SECONDS,
        now,
      );
      this.token = { value, expiresAt: now.getTime() + TOKEN_TTL_SECONDS * 1000 };
    }
    return this.token.value;
  }

  /** Logs a failed request once, with what was asked. */
  private failed<T>(result: CrmResult<T>, what: string, context: Record<string, unknown> = {}): result is CrmFailure {
    if (result.ok) return false;
    this.options.log.warn(
      { ...context, status: result.status, code: result.code, message: result.message.slice(0, 200) },
      `crm-api: ${what} failed`,
    );
    return true;
  }

  /** The screen pop for a caller number: `withheld` without one, `unavailable` when crm-api could not answer. */
  async callerPop(number: string | null, callId?: string): Promise<CallerPop> {
    const empty = (status: CallerPop['status']): CallerPop => ({
      status,
      number,
      companies: [],
      contact: null,
      recentConsultations: [],
    });
    if (!number) return empty('withheld');
    const result = await this.crm.call('callerPop', { params: { number }, query: callId ? { callId } : {} });
    return this.failed(result, 'pop look-up', { number }) ? empty('unavailable') : result.data;
  }

  /** Which of these console sessions are over; throws when crm-api cannot tell (the caller keeps the sockets). */
  async revokedSessions(sessions: SessionRef[]): Promise<SessionRef[]> {
    const result = await this.crm.call('sessionCheck', { body: { sessions } });
    if (this.failed(result, 'session check')) throw new Error(`crm-api session check: ${describeFailure(result)}`);
    return result.data.revoked;
  }

  /** Today's per-queue statistics, or null when crm-api cannot answer. */
  async todayStats(): Promise<DayStats | null> {
    const result = await this.crm.call('todayStats');
    return this.failed(result, "today's statistics") ? null : result.data;
  }

  /** Audits a supervisor's action on an agent (and stores changed skills); throws when crm-api did not take it. */
  async supervisorAction(entry: SupervisorActionAuditV1): Promise<SupervisorActionAuditResult> {
    const result = await this.crm.call('supervisorAction', { body: entry });
    if (this.failed(result, 'supervisor action', { agent: entry.agentId, action: entry.action }))
      throw new Error(`crm-api refused the supervisor action: ${describeFailure(result)}`);
    return result.data;
  }

  /**
   * Throws on any failure so the outbox keeps the batch: a RefusedBatchError when crm-api refused
   * it as invalid (the outbox sends the events one by one and moves only the refused to its dead
   * list), a plain error otherwise (the outbox backs off and retries).
   */
  async postCallEvents(events: CallEventV1[]): Promise<void> {
    const result = await this.crm.call('callEvents', { body: { events } });
    if (!this.failed(result, 'call events', { events: events.length })) return;
    const message = `crm-api refused call events: ${describeFailure(result)}`;
    throw isRefusedAsInvalid(result.status) ? new RefusedBatchError(message, result.status) : new Error(message);
  }

  /**
   * Throws on any failure so the outbox keeps the batch: a RefusedBatchError when crm-api refused
   * the batch as invalid (a 4xx that sending again cannot fix; the outbox moves it to its dead
   * list), a plain error otherwise (5xx, no answer, other 4xx: the outbox backs off and retries).
   */
  async postAgentStateChanges(changes: AgentStateChangeV1[]): Promise<void> {
    const result = await this.crm.call('agentStateChanges', { body: { changes } });
    if (!this.failed(result, 'agent state changes', { changes: changes.length })) return;
    const message = `crm-api refused agent state changes: ${describeFailure(result)}`;
    throw isRefusedAsInvalid(result.status) ? new RefusedBatchError(message, result.status) : new Error(message);
  }

  /**
   * Books a callback. crm-api keeps one open callback per number: its 409 means the caller is
   * already on the list, which is what they asked for (`duplicate`, not an error for them).
   */
  async createCallback(
    req: CreateCallbackRequest,
  ): Promise<{ result: 'ok' | 'duplicate' | 'failed'; id?: string; status?: number }> {
    const result = await this.crm.call('createCallback', { body: req });
    if (result.ok) return { result: 'ok', id: result.data.id };
    if (result.status === 409) return { result: 'duplicate', status: 409 };
    this.failed(result, 'callback');
    return { result: 'failed', ...(result.status === null ? {} : { status: result.status }) };
  }

  /** SMS self-service: 400 on `number` = not a mobile, 409 = opted out. */
  async ivrSms(
    req: IvrSmsRequest,
  ): Promise<{ result: 'ok' | 'optedOut' | 'notMobile' | 'failed'; id?: string; status?: number }> {
    const result = await this.crm.call('ivrSms', { body: req });
    if (result.ok) return { result: 'ok', id: result.data.id };
    if (result.status === 409) return { result: 'optedOut', status: 409 };
    if (result.status === 400) return { result: 'notMobile', status: 400 };
    this.failed(result, 'SMS');
    return { result: 'failed', ...(result.status === null ? {} : { status: result.status }) };
  }

  /** The relay package for a partner transfer (idempotent by key); false when crm-api refused. */
  async createRelay(req: CreateRelayRequest): Promise<boolean> {
    const result = await this.crm.call('createRelay', { body: req });
    return !this.failed(result, 'relay');
  }

  /**
   * A counselor's relay: the record and its package, before the partner is dialled. The relay
   * id, or crm-api's refusal as a one-line reason (the command tells the counselor).
   */
  async createDeskRelay(req: CreateRelayRequest): Promise<{ id: string } | { error: string }> {
    const result = await this.crm.call('createRelay', { body: req });
    return this.failed(result, 'relay') ? { error: describeFailure(result) } : { id: result.data.id };
  }

  /**
   * One callback's number and status, to check an outbound call's `callbackId`: `unknown` on a
   * 404, null when crm-api cannot answer.
   */
  async callbackForDial(id: string): Promise<Pick<CallbackDto, 'id' | 'number' | 'status'> | 'unknown' | null> {
    const result = await this.crm.call('callbackForDial', { params: { id } });
    if (result.ok) return result.data;
    if (result.status === 404) return 'unknown';
    this.failed(result, 'callback');
    return null;
  }

  /** The partner centers as configured, with whether each is open now; null when crm-api cannot answer. */
  async partnerCenters(): Promise<PartnerCenterDto[] | null> {
    const result = await this.crm.call('partnerCenters');
    return this.failed(result, 'partner centers') ? null : result.data;
  }
}
