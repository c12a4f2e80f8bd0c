import { PlaceCallResponse, type PhoneMode } from '@cc1357/contracts';

/**
 * The outside world for a browser scenario, spoken straight to pbx-sim's steering API
 * (`/control`, contracts' pbx-control schemas) so the scenario depends on that contract only:
 * place a call, press keys, set a phone's mode; plus one ARI read to see where the caller is.
 */
export class SimSteering {
  private readonly auth: string;

  constructor(
    private readonly baseUrl: string,
    username: string,
    password: string,
  ) {
    this.auth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { authorization: this.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`pbx-sim ${method} ${path} → ${response.status} ${await response.text().catch(() => '')}`);
    return response;
  }

  async placeCall(from: string): Promise<PlaceCallResponse> {
    return PlaceCallResponse.parse(await (await this.request('POST', '/control/calls', { from, to: '1357' })).json());
  }

  async sendDtmf(channelId: string, digits: string): Promise<void> {
    await this.request('POST', `/control/channels/${encodeURIComponent(channelId)}/dtmf`, { digits, gapMs: 100 });
  }

  async setPhone(endpoint: string, mode: PhoneMode): Promise<void> {
    await this.request('PUT', `/control/phones/${encodeURIComponent(endpoint)}`, { mode, answerAfterMs: 0 });
  }

  /** 'gone' once the channel no longer exists, 'bridged' in any bridge (queued or talking), else 'ivr'. */
  async whereIs(channelId: string): Promise<'gone' | 'bridged' | 'ivr'> {
    const channel = await fetch(`${this.baseUrl}/ari/channels/${encodeURIComponent(channelId)}`, { headers: { authorization: this.auth }, signal: AbortSignal.timeout(5_000) });
    if (channel.status === 404) return 'gone';
    const bridges = (await (await this.request('GET', '/ari/bridges')).json()) as Array<{ channels: string[] }>;
    return bridges.some((b) => b.channels.includes(channelId)) ? 'bridged' : 'ivr';
  }
}
