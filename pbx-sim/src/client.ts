import WebSocket from 'ws';
import { PhoneStatus, PlaceCallResponse, SimEvent, type PhoneMode, type PlaceCallRequest } from '@cc1357/contracts';

/**
 * A typed client of the steering API for drivers (demo callers, e2e, telephony's SimPhoneDriver).
 * Answers are validated with the contracts schemas; a non-2xx answer throws PbxSimControlError.
 */
export class PbxSimControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`pbx-sim control answered ${status}: ${JSON.stringify(body)}`);
  }
}

export interface PbxSimControlOptions {
  /** Base URL of the sim, e.g. `http://127.0.0.1:8088` (not the /control URL). */
  url: string;
  username?: string;
  password?: string;
}

export class PbxSimControlClient {
  private readonly auth: string;
  private readonly user: string;
  private readonly pass: string;

  constructor(private readonly options: PbxSimControlOptions) {
    this.user = options.username ?? 'asterisk';
    this.pass = options.password ?? 'asterisk';
    this.auth = `Basic ${Buffer.from(`${this.user}:${this.pass}`).toString('base64')}`;
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.options.url}/control${path}`, {
      method,
      headers: { authorization: this.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new PbxSimControlError(res.status, parsed);
    return parsed;
  }

  async placeCall(req: Partial<PlaceCallRequest> = {}): Promise<PlaceCallResponse> {
    return PlaceCallResponse.parse(await this.call('POST', '/calls', req));
  }

  async callFate(channelId: string): Promise<{ route: string; hungUp: boolean; cause: number | null }> {
    return (await this.call('GET', `/calls/${encodeURIComponent(channelId)}`)) as {
      route: string;
      hungUp: boolean;
      cause: number | null;
    };
  }

  async pressDigits(channelId: string, digits: string, gapMs?: number): Promise<void> {
    await this.call('POST', `/channels/${encodeURIComponent(channelId)}/dtmf`, {
      digits,
      ...(gapMs === undefined ? {} : { gapMs }),
    });
  }

  async hangup(channelId: string, cause?: number): Promise<void> {
    await this.call('POST', `/channels/${encodeURIComponent(channelId)}/hangup`, cause === undefined ? {} : { cause });
  }

  async setPhone(endpoint: string, mode: PhoneMode, answerAfterMs?: number): Promise<PhoneStatus> {
    return PhoneStatus.parse(
      await this.call('PUT', `/phones/${encodeURIComponent(endpoint)}`, {
        mode,
        ...(answerAfterMs === undefined ? {} : { answerAfterMs }),
      }),
    );
  }

  async phone(endpoint: string): Promise<PhoneStatus> {
    return PhoneStatus.parse(await this.call('GET', `/phones/${encodeURIComponent(endpoint)}`));
  }

  async answerPhone(endpoint: string): Promise<void> {
    await this.call('POST', `/phones/${encodeURIComponent(endpoint)}/answer`);
  }

  async rejectPhone(endpoint: string): Promise<void> {
    await this.call('POST', `/phones/${encodeURIComponent(endpoint)}/reject`);
  }

  async dropSockets(app?: string): Promise<void> {
    await this.call('POST', '/ws/drop', app === undefined ? {} : { app });
  }

  async requests(): Promise<
    { method: string; path: string; query: Record<string, string>; status: number; at: string }[]
  > {
    return (await this.call('GET', '/requests')) as {
      method: string;
      path: string;
      query: Record<string, string>;
      status: number;
      at: string;
    }[];
  }

  /** Subscribe to SimEvents; resolves once the socket is open. Call the returned function to stop. */
  async onEvent(listener: (event: SimEvent) => void): Promise<() => void> {
    const url = `${this.options.url.replace(/^http/, 'ws')}/control/events?api_key=${encodeURIComponent(this.user)}:${encodeURIComponent(this.pass)}`;
    const ws = new WebSocket(url);
    ws.on('message', (data) => {
      const parsed = SimEvent.safeParse(JSON.parse(data.toString()));
      if (parsed.success) listener(parsed.data);
    });
    ws.on('error', () => ws.terminate());
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return () => ws.close();
  }
}
