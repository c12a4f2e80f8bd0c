import { PlaceCallResponse, type PlaceCallRequest } from '@cc1357/contracts';

/**
 * A small typed client for pbx-sim: its steering API (the outside world) and the plain ARI
 * REST reads a caller needs to know where it stands (bridges). Basic auth on both, as Asterisk.
 */
export class SimClient {
  private readonly auth: string;

  constructor(
    private readonly baseUrl: string, // http://127.0.0.1:port (no /ari)
    username: string,
    password: string,
  ) {
    this.auth = 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: { authorization: this.auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) {
      const text = await response.text().catch(() => '');
      throw new Error(`pbx-sim ${method} ${path} → ${response.status} ${text}`);
    }
    return response;
  }

  async placeCall(request: Partial<PlaceCallRequest>): Promise<PlaceCallResponse> {
    const response = await this.request('POST', '/control/calls', { to: '1357', ...request });
    return PlaceCallResponse.parse(await response.json());
  }

  async sendDtmf(channelId: string, digits: string, gapMs = 200): Promise<void> {
    await this.request('POST', `/control/channels/${encodeURIComponent(channelId)}/dtmf`, { digits, gapMs });
  }

  /** Hangs up as the caller would (remote hangup). A channel already gone is not an error. */
  async hangup(channelId: string): Promise<void> {
    try {
      await this.request('POST', `/control/channels/${encodeURIComponent(channelId)}/hangup`, {});
    } catch (error) {
      if (!String(error).includes('→ 404')) throw error;
    }
  }

  async setPhone(endpoint: string, mode: string, answerAfterMs = 500): Promise<void> {
    await this.request('PUT', `/control/phones/${encodeURIComponent(endpoint)}`, { mode, answerAfterMs });
  }

  /** Where the channel is: gone, in a holding bridge (queued), in a mixing bridge with someone, or neither (IVR). */
  async whereIs(channelId: string): Promise<'gone' | 'queued' | 'talking' | 'ivr'> {
    const channel = await fetch(`${this.baseUrl}/ari/channels/${encodeURIComponent(channelId)}`, {
      headers: { authorization: this.auth },
      signal: AbortSignal.timeout(5_000),
    });
    if (channel.status === 404) return 'gone';
    const response = await this.request('GET', '/ari/bridges');
    const bridges = (await response.json()) as Array<{ bridge_type: string; channels: string[] }>;
    const bridge = bridges.find((b) => b.channels.includes(channelId));
    if (!bridge) return 'ivr';
    if (bridge.bridge_type.includes('holding')) return 'queued';
    return bridge.channels.length > 1 ? 'talking' : 'queued';
  }
}
