import { PARTNERS, type PartnerId } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { LiveCall } from '../../core/call';
import type { AriPort } from '../../adapters/ari/port';
import { moveToHold } from '../hold';
import { agentEndpoint } from '../phone-busy';
import type { CallRecords } from './call-records';
import type { CallFeed, EffectHandlers } from './effects';

/** The dial string of a partner center: its number as digits in the configured template. */
export function partnerEndpoint(template: string, partner: PartnerId): string {
  return template.replaceAll('{number}', PARTNERS[partner].number.replace(/\D/g, ''));
}

/** The caller id an outgoing leg shows: the caller's number, or 1357 when it was withheld. */
export function callerIdOf(call: LiveCall): string {
  return call.callerNumber ? `"${call.callerNumber}" <${call.callerNumber}>` : '"1357" <1357>';
}

export interface CallMediaDeps {
  ari: AriPort;
  records: CallRecords;
  calls: CallFeed;
  ringTimeoutSeconds: number;
  partnerRingTimeoutSeconds: number;
  /** Resolves once the caller's queue announcement is stopped: a bridged channel's playback would hold up the move. */
  quiet?: (callId: string) => Promise<void>;
}

/**
 * The channels and bridges of a call: legs dialled (agent, partner) and hung up, the caller held
 * with music, bridged with whoever answered, and the conversation recorded. A leg that cannot be
 * dialled comes back to the machine as a lost leg.
 */
export class CallMedia {
  constructor(private readonly deps: CallMediaDeps) {}

  handlers(): Pick<
    EffectHandlers,
    'hangup' | 'holdCaller' | 'originate' | 'originatePartner' | 'connect' | 'bridgePartner' | 'destroyBridges'
  > {
    const { ari } = this.deps;
    return {
      hangup: (effect) => ari.hangup(effect.channelId),
      holdCaller: (_effect, { call }) =>
        moveToHold(ari, call.holdingBridgeId ?? `${call.callId}-hold`, call.callerChannelId),
      originate: async (effect, { call, log }) => {
        try {
          await ari.originate({
            endpoint: agentEndpoint(effect.agentId),
            channelId: effect.channelId,
            appArgs: `agent,${call.callId}`,
            timeoutSeconds: this.deps.ringTimeoutSeconds,
            callerId: callerIdOf(call),
          });
        } catch (err) {
          log.warn({ err: String(err), agent: effect.agentId }, 'originate to agent failed');
          void this.deps.calls.feed(call.callId, {
            type: 'agentLost',
            agentChannelId: effect.channelId,
            reason: 'failed',
          });
        }
      },
      originatePartner: async (effect, { call, log }) => {
        try {
          await ari.originate({
            endpoint: effect.endpoint,
            channelId: effect.channelId,
            appArgs: `partner,${call.callId}`,
            timeoutSeconds: this.deps.partnerRingTimeoutSeconds,
            callerId: callerIdOf(call),
          });
        } catch (err) {
          log.warn({ err: String(err), endpoint: effect.endpoint }, 'originate to partner failed');
          void this.deps.calls.feed(call.callId, {
            type: 'partnerLost',
            channelId: effect.channelId,
            reason: 'failed',
          });
        }
      },
      connect: (_effect, { call, log }) => this.connect(call, log),
      bridgePartner: async (_effect, { call, log }) => {
        if (call.partnerChannelId) await this.bridge(call, call.partnerChannelId, log);
      },
      destroyBridges: async (_effect, { call }) => {
        for (const id of [call.mixingBridgeId, call.holdingBridgeId]) if (id) await ari.destroyBridge(id);
      },
    };
  }

  /** The agent answered: caller and agent in the mixing bridge, and the bridge recorded. */
  private async connect(call: LiveCall, log: Logger): Promise<void> {
    const mix = call.mixingBridgeId ?? `${call.callId}-mix`;
    if (!call.agentChannelId) return;
    if (!(await this.bridge(call, call.agentChannelId, log))) return;
    if (call.recordingName) {
      try {
        await this.deps.ari.recordBridge(mix, call.recordingName, 'wav');
        await this.deps.records.record(call, 'recording.started', { name: call.recordingName, format: 'wav' });
      } catch (err) {
        log.error({ err: String(err) }, 'recording did not start');
      }
    }
  }

  /**
   * Moves the caller from the holding bridge into a mixing bridge with `other`; false (and both
   * hung up) if that fails. Adding a channel to a bridge takes it out of the Stasis bridge it was
   * in (Asterisk's control_swap_channel_in_bridge; ARI-FACTS §3 shows the ChannelLeftBridge), so
   * the caller is not removed first. The holding bridge stays, silent, for the rest of the call,
   * as the desk's hold and the transfers leave it: a hold later finds it, and the call's end
   * destroys it with the mix (`destroyBridges`), once.
   */
  private async bridge(call: LiveCall, other: string, log: Logger): Promise<boolean> {
    const { ari } = this.deps;
    const mix = call.mixingBridgeId ?? `${call.callId}-mix`;
    try {
      await this.deps.quiet?.(call.callId);
      await ari.createBridge(mix, 'mixing');
      // Music first, so the caller never hears it cut into the conversation.
      if (call.holdingBridgeId) await ari.stopMoh(call.holdingBridgeId).catch(() => undefined);
      // A caller not in the holding bridge (its creation failed while ARI was cut) is still in
      // Stasis and can join the mix; only addChannels decides whether the bridge can be made.
      await ari.addChannels(mix, [call.callerChannelId, other]);
    } catch (err) {
      // Without a bridge there is no call: end it cleanly (the hangups come back as events).
      log.error({ err: String(err) }, 'could not bridge the caller; ending the call');
      await ari.hangup(call.callerChannelId).catch(() => undefined);
      await ari.hangup(other).catch(() => undefined);
      return false;
    }
    return true;
  }
}
