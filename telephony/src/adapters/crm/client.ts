import { type CallEventV1, CallerPop, type CreateCallbackRequest, type CreateRelayRequest, DayStats, type IvrSmsRequest, signAccessToken } from '@cc1357/contracts';
import type { Logger } from 'pino';

/**
 * crm-api over HTTP with a `service` token telephony mints itself (same AUTH_SECRET). Every
 * request has a timeout; reads degrade (an empty pop, no stats) instead of failing a call.
 */
export interface CrmClientOptions {
  baseUrl: string;
  authSecret: string;
  log: Logger;
  timeoutMs?: number;
  now?: () => Date;
}

const TOKEN_TTL_SECONDS = 3600;

export class CrmClient {
  private token: { value: string; expiresAt: number } | null = null;

  constructor(private readonly options: CrmClientOptions) {}

  private async bearer(): Promise<string> {
    const now = (this.options.now ?? (() => new Date()))();
    if (!this.token || this.token.expiresAt - 60_000 < now.getTime()) {
      const value = await signAccessToken({ sub: 'telephony', username: 'telephony', role: 'service', skills: [] }, this.options.authSecret, TOKEN_TTL_SECONDS, now);
      this.token = { value, expiresAt: now.getTime() + TOKEN_TTL_SECONDS * 1000 };
    }
    return this.token.value;
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.options.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.bearer()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 3_000),
    });
  }

  /** The screen pop for a caller number; never throws (a failed look-up shows as a new caller). */
  async callerPop(number: string | null, callId?: string): Promise<CallerPop> {
    const empty = (status: CallerPop['status']): CallerPop => ({ status, number, companies: [], contact: null, recentConsultations: [] });
    if (!number) return empty('withheld');
    try {
      const query = callId ? `?callId=${encodeURIComponent(callId)}` : '';
      const res = await this.request('GET', `/api/callers/${encodeURIComponent(number)}/pop${query}`);
      if (!res.ok) {
        this.options.log.warn({ status: res.status, number }, 'CRM pop look-up failed');
        return empty('new');
      }
      const parsed = CallerPop.safeParse(await res.json());
      if (!parsed.success) {
        this.options.log.warn({ number, issues: parsed.error.issues.slice(0, 3) }, 'CRM pop has an unexpected shape');
        return empty('new');
      }
      return parsed.data;
    } catch (err) {
      this.options.log.warn({ err: String(err), number }, 'CRM pop look-up failed');
      return empty('new');
    }
  }

  /** Today's per-queue statistics, or null when crm-api cannot answer. */
  async todayStats(): Promise<DayStats | null> {
    try {
      const res = await this.request('GET', '/api/stats/today');
      if (!res.ok) return null;
      const parsed = DayStats.safeParse(await res.json());
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Throws on any failure so the outbox keeps the batch and retries. */
  async postCallEvents(events: CallEventV1[]): Promise<void> {
    const res = await this.request('POST', '/api/internal/call-events', { events });
    if (!res.ok) throw new Error(`crm-api refused call events: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  }

  /**
   * Books a callback. crm-api keeps one open callback per number: its 409 means the caller is
   * already on the list, which is what they asked for (`duplicate`, not an error for them).
   */
  async createCallback(req: CreateCallbackRequest): Promise<{ result: 'ok' | 'duplicate' | 'failed'; id?: string; status?: number }> {
    try {
      const res = await this.request('POST', '/api/callbacks', req);
      if (res.status === 201) return { result: 'ok', id: String(((await res.json()) as { id?: unknown }).id ?? '') };
      if (res.status === 409) return { result: 'duplicate', status: 409 };
      this.options.log.warn({ status: res.status, body: (await res.text()).slice(0, 200) }, 'crm-api refused the callback');
      return { result: 'failed', status: res.status };
    } catch (err) {
      this.options.log.warn({ err: String(err) }, 'callback request failed');
      return { result: 'failed' };
    }
  }

  /** SMS self-service: 400 on `number` = not a mobile, 409 = opted out. */
  async ivrSms(req: IvrSmsRequest): Promise<{ result: 'ok' | 'optedOut' | 'notMobile' | 'failed'; id?: string; status?: number }> {
    try {
      const res = await this.request('POST', '/api/ivr/sms', req);
      if (res.status === 201 || res.status === 200) return { result: 'ok', id: String(((await res.json()) as { id?: unknown }).id ?? '') };
      if (res.status === 409) return { result: 'optedOut', status: 409 };
      if (res.status === 400) return { result: 'notMobile', status: 400 };
      this.options.log.warn({ status: res.status }, 'crm-api refused the SMS');
      return { result: 'failed', status: res.status };
    } catch (err) {
      this.options.log.warn({ err: String(err) }, 'SMS request failed');
      return { result: 'failed' };
    }
  }

  /** The relay package for a partner transfer (idempotent by key); false when crm-api refused. */
  async createRelay(req: CreateRelayRequest): Promise<boolean> {
    try {
      const res = await this.request('POST', '/api/relays', req);
      if (res.ok) return true;
      this.options.log.warn({ status: res.status, body: (await res.text()).slice(0, 200) }, 'crm-api refused the relay');
      return false;
    } catch (err) {
      this.options.log.warn({ err: String(err) }, 'relay request failed');
      return false;
    }
  }
}
