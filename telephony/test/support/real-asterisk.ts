import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { PbxDriver } from './center';

/**
 * The same `PbxDriver` over a real Asterisk, steered through ARI alone: a caller is a Local
 * channel whose `;1` half this helper app holds (digits = POST /dtmf on it, hang-up = DELETE it)
 * and whose `;2` half runs the dialplan into `Stasis(callcenter,inbound)`. Agent phones must be
 * real endpoints that answer by themselves (e.g. SIPp UAS registered as PJSIP/1001), listed in
 * TEST_ASTERISK_AUTO_ANSWER_AGENTS.
 */
export interface RealAsteriskEnv {
  url: string;
  username: string;
  password: string;
  inbound: string;
  autoAnswerAgents: string[];
}

const HELPER_APP = 'cc-test-caller';

export async function realAsteriskPbx(env: RealAsteriskEnv): Promise<PbxDriver> {
  const auth = `Basic ${Buffer.from(`${env.username}:${env.password}`).toString('base64')}`;
  const ari = async (method: string, path: string, query: Record<string, string> = {}) => {
    const qs = new URLSearchParams(query).toString();
    const res = await fetch(`${env.url}/ari${path}${qs ? `?${qs}` : ''}`, { method, headers: { authorization: auth } });
    if (!res.ok && res.status !== 404) throw new Error(`ARI ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return res;
  };
  // Holding the ;1 halves in Stasis needs the helper app to be connected.
  const wsUrl = `${env.url.replace(/^http/, 'ws')}/ari/events?app=${HELPER_APP}&api_key=${encodeURIComponent(env.username)}:${encodeURIComponent(env.password)}`;
  const socket = new WebSocket(wsUrl);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const phoneHalf = new Map<string, string>(); // ;2 (what telephony sees) → ;1 (our handset)

  const unsupported = (what: string) => Promise.reject(new Error(`${what} is not available on a real Asterisk`));
  return {
    ari: { url: env.url, username: env.username, password: env.password },
    phoneControlUrl: null,
    async placeCall(from) {
      const handset = randomUUID();
      const line = `${handset};2`;
      await ari('POST', '/channels', {
        endpoint: env.inbound,
        app: HELPER_APP,
        appArgs: 'caller',
        channelId: handset,
        otherChannelId: line,
        callerId: `"${from}" <${from}>`,
      });
      phoneHalf.set(line, handset);
      return line;
    },
    dtmf: async (channelId, digits) =>
      void (await ari('POST', `/channels/${encodeURIComponent(phoneHalf.get(channelId) ?? channelId)}/dtmf`, {
        dtmf: digits,
      })),
    hangup: async (channelId) =>
      void (await ari('DELETE', `/channels/${encodeURIComponent(phoneHalf.get(channelId) ?? channelId)}`)),
    setPhone: (agentId, mode) =>
      mode === 'autoAnswer' && env.autoAnswerAgents.includes(agentId)
        ? Promise.resolve()
        : unsupported(`phone mode ${mode} for ${agentId}`),
    dropAriSocket: () => unsupported('dropping the ARI socket'),
    async recordingStored(name) {
      return (await ari('GET', `/recordings/stored/${encodeURIComponent(name)}`)).status === 200;
    },
    async channelIds() {
      return ((await (await ari('GET', '/channels')).json()) as { id: string }[]).map((c) => c.id);
    },
    originates: () => unsupported('counting originates'),
    async close() {
      for (const handset of phoneHalf.values())
        await ari('DELETE', `/channels/${encodeURIComponent(handset)}`).catch(() => undefined);
      socket.close();
    },
  };
}
