import { PbxSimControlClient, PbxSimControlError } from '@cc1357/pbx-sim';

/**
 * What a simulated caller needs from pbx-sim: its steering API (dial, press keys, hang up —
 * pbx-sim's own typed client) and the one thing only ARI tells: where the caller's channel is
 * (its bridges), read through plain ARI REST with basic auth as any ARI client would.
 */
export class SimClient {
  readonly control: PbxSimControlClient;
  private readonly auth: string;

  constructor(
    private readonly baseUrl: string, // http://127.0.0.1:port (no /ari)
    username: string,
    password: string,
  ) {
    this.control = new PbxSimControlClient({ url: baseUrl, username, password });
    this.auth = 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64');
  }

  placeCall(from: string) {
    return this.control.placeCall({ from, to: '1357' });
  }

  sendDtmf(channelId: string, digits: string, gapMs = 200) {
    return this.control.pressDigits(channelId, digits, gapMs);
  }

  /** Hangs up as the caller would (remote hangup). A channel already gone is not an error. */
  async hangup(channelId: string): Promise<void> {
    try {
      await this.control.hangup(channelId);
    } catch (error) {
      if (!(error instanceof PbxSimControlError && error.status === 404)) throw error;
    }
  }

  async setPhone(endpoint: string, mode: 'manual' | 'autoAnswer', answerAfterMs?: number): Promise<void> {
    await this.control.setPhone(endpoint, mode, answerAfterMs);
  }

  private async ari(path: string): Promise<Response> {
    return fetch(`${this.baseUrl}/ari${path}`, {
      headers: { authorization: this.auth },
      signal: AbortSignal.timeout(5_000),
    });
  }

  /** Whether the center has answered the caller's channel yet (the IVR speaks only then); null when gone. */
  async isAnswered(channelId: string): Promise<boolean | null> {
    const channel = await this.ari(`/channels/${encodeURIComponent(channelId)}`);
    if (channel.status === 404) return null;
    if (!channel.ok) throw new Error(`ARI GET /channels/${channelId} → ${channel.status}`);
    return ((await channel.json()) as { state: string }).state === 'Up';
  }

  /** Where the channel is: gone, in a holding bridge (queued), in a mixing bridge with someone, or neither (IVR). */
  async whereIs(channelId: string): Promise<'gone' | 'queued' | 'talking' | 'ivr'> {
    const channel = await this.ari(`/channels/${encodeURIComponent(channelId)}`);
    if (channel.status === 404) return 'gone';
    const response = await this.ari('/bridges');
    if (!response.ok) throw new Error(`ARI GET /bridges → ${response.status}`);
    const bridges = (await response.json()) as Array<{ bridge_type: string; channels: string[] }>;
    const bridge = bridges.find((b) => b.channels.includes(channelId));
    if (!bridge) return 'ivr';
    if (bridge.bridge_type.includes('holding')) return 'queued';
    return bridge.channels.length > 1 ? 'talking' : 'queued';
  }
}
