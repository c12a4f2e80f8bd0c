import { type SippCall, startCall } from '@cc1357/asterisk-config/testbed';
import type { PbxDriver } from '../../support/center';
import { SLACK_MS, type Tier, TRUNK_HOST } from './tier';

/**
 * `PbxDriver` over the real tier: a caller is a SIPp carrier call to 1357 (RTP, RFC 4733
 * digits), known to telephony by its PJSIP channel; agents' phones are the tier's SIPp phones,
 * which answer by themselves. Steps only the real world has (dropping the ARI socket, counting
 * originates) are refused.
 */
export interface SippPbx extends PbxDriver {
  /** The SIPp call behind a channel placeCall returned. */
  callOf(channelId: string): SippCall;
  /** A carrier call that telephony may never see (e.g. the dialplan fallback): no channel lookup. */
  dial(from: string): Promise<SippCall>;
  /** Hangs up every call still up (a failed test leaves none behind for the next one). */
  endAll(): Promise<void>;
}

interface AriChannel {
  id: string;
  name: string;
  caller: { number: string };
}

/** `tier`: the Asterisk, the phones registered with it and where SIPp logs (a `Tier`, or one PBX of a `PbxPair`). */
export function sippPbx(tier: Pick<Tier, 'asterisk' | 'phones' | 'logDir'>): SippPbx {
  const { ari } = tier.asterisk;
  const auth = `Basic ${Buffer.from(`${ari.username}:${ari.password}`).toString('base64')}`;
  const get = async <T>(path: string): Promise<{ status: number; body: T | null }> => {
    const res = await fetch(`${ari.url}/ari${path}`, { headers: { authorization: auth } });
    return { status: res.status, body: res.ok ? ((await res.json()) as T) : null };
  };
  const calls = new Map<string, SippCall>();
  const all: SippCall[] = [];
  const unsupported = (what: string) => Promise.reject(new Error(`${what} is not available on the real tier`));

  const dial = async (from: string) => {
    const call = await startCall({ target: tier.asterisk.sip, from, trunkHost: TRUNK_HOST, logDir: tier.logDir });
    all.push(call);
    return call;
  };

  return {
    ari,
    phoneControlUrl: null,
    dial,
    callOf(channelId) {
      const call = calls.get(channelId);
      if (!call) throw new Error(`no SIPp call behind channel ${channelId}`);
      return call;
    },
    async placeCall(from) {
      const call = await dial(from);
      const deadline = Date.now() + SLACK_MS;
      for (;;) {
        const channels = (await get<AriChannel[]>('/channels')).body ?? [];
        const mine = channels.find(
          (c) => c.caller.number === from && c.name.startsWith('PJSIP/carrier') && !calls.has(c.id),
        );
        if (mine) {
          calls.set(mine.id, call);
          return mine.id;
        }
        if (call.ended())
          throw new Error(`call from ${from} ended before Asterisk had its channel (${call.sipp.diagnostics()})`);
        if (Date.now() > deadline) throw new Error(`no channel for the call from ${from}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    dtmf: (channelId, digits) =>
      calls.get(channelId)?.press(digits) ?? unsupported(`digits on unknown channel ${channelId}`),
    hangup: (channelId) => calls.get(channelId)?.hangup() ?? unsupported(`hang-up of unknown channel ${channelId}`),
    setPhone: (agentId, mode) =>
      mode === 'autoAnswer' && tier.phones.has(agentId)
        ? Promise.resolve()
        : unsupported(`phone mode ${mode} for ${agentId}`),
    dropAriSocket: () => unsupported('dropping the ARI socket'),
    recordingStored: async (name) => (await get(`/recordings/stored/${encodeURIComponent(name)}`)).status === 200,
    channelIds: async () => ((await get<AriChannel[]>('/channels')).body ?? []).map((c) => c.id),
    originates: () => unsupported('counting originates'),
    async endAll() {
      // A call whose hang-up is under way is not told again: hangup() waits for that one (a
      // second `bye` reaching SIPp mid-hang-up aborted the call with a BYE Asterisk refused, and
      // the call stayed up). Side by side: a call that never answered waits out its bound.
      await Promise.all(
        all.splice(0).map(async (call) => {
          if (!call.ended()) await call.hangup().catch(() => undefined);
          await call.close();
        }),
      );
      calls.clear();
    },
    close() {
      return this.endAll();
    },
  };
}
