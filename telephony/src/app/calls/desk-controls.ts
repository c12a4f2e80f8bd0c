import type { CallControlsV1 } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { AriPort } from '../../adapters/ari/port';
import type { ConsoleBus } from '../../adapters/console/bus';
import type { LiveState } from '../../adapters/redis/live-state';
import type { LiveCall } from '../../core/call';
import { TelephonyError } from '../../core/errors';
import { isNotFound } from '../../adapters/ari/errors';
import { moveToHold } from '../hold';
import type { CallFeed, EffectHandlers } from './effects';

export interface DeskControlsDeps {
  node: string;
  ari: AriPort;
  state: LiveState;
  bus: ConsoleBus;
  calls: CallFeed;
  log: Logger;
}

/**
 * Hold and mute at the counselor's desk: the console's commands (checked here, so a refusal
 * reaches the counselor as an ack) and the media that carries them out.
 *
 * Hold moves the caller from the mixing bridge into the call's holding bridge with music (the
 * same bridge and music as the queue): the caller hears music, the counselor and the caller no
 * longer hear each other, and the mixing bridge — with the counselor and the recording — stays
 * as it is, so resuming is one move back. Asterisk moves a channel between bridges with one
 * addChannel (ChannelLeftBridge, then ChannelEnteredBridge). Channel hold (`POST
 * /channels/{id}/hold`) was not used: it only signals hold to the caller's device and plays
 * nothing itself; bridge-wide music would play to the counselor too.
 *
 * Mute drops the audio coming from the counselor's phone (`direction=in` on the agent leg): the
 * caller stops hearing the counselor, the counselor still hears the caller.
 *
 * Recording pause pauses the call's live bridge recording (`POST /recordings/live/{name}/pause`,
 * DELETE to resume); Asterisk leaves the paused span out of the file and reports no event, so
 * the spans are ours to record (`recording.paused` / `recording.resumed`).
 */
export class DeskControls {
  constructor(private readonly deps: DeskControlsDeps) {}

  handlers(): Pick<EffectHandlers, 'holdMedia' | 'muteAgent' | 'notifyControls' | 'pauseRecording'> {
    const { ari, bus } = this.deps;
    return {
      holdMedia: async (effect, { call }) => {
        const hold = call.holdingBridgeId ?? `${call.callId}-hold`;
        const mix = call.mixingBridgeId ?? `${call.callId}-mix`;
        if (effect.held) return moveToHold(ari, hold, call.callerChannelId);
        // Music first, so the caller never hears it cut into the conversation.
        await ari.stopMoh(hold).catch(() => undefined);
        await ari.addChannels(mix, [call.callerChannelId]);
      },
      muteAgent: async (effect, { call }) => {
        if (!call.agentChannelId) return;
        if (effect.muted) await ari.mute(call.agentChannelId, 'in');
        else await ari.unmute(call.agentChannelId, 'in');
      },
      pauseRecording: async (effect, { log }) => {
        // A recording already finished (the last party just left) has nothing left to pause.
        const op = effect.paused ? ari.pauseRecording(effect.name) : ari.unpauseRecording(effect.name);
        await op.catch((err: unknown) => {
          if (!isNotFound(err)) throw err;
          log.info({ recording: effect.name }, 'recording already finished: pause/resume skipped');
        });
      },
      notifyControls: async (effect, { call }) => {
        bus.toAgent(effect.agentId, 'call.controls.v1', controlsOf(call));
      },
    };
  }

  /** Console `call.hold.v1`: the caller on hold (`held`) or back; the same state again changes nothing. */
  async hold(agentId: string, callId: string, held: boolean): Promise<void> {
    await this.connectedCall(agentId, callId, held ? 'hold' : 'resume');
    await this.deps.calls.feed(callId, { type: 'hold', held });
  }

  /** Console `call.mute.v1`. */
  async mute(agentId: string, callId: string, muted: boolean): Promise<void> {
    await this.connectedCall(agentId, callId, muted ? 'mute' : 'unmute');
    await this.deps.calls.feed(callId, { type: 'mute', muted });
  }

  /** Console `call.recordingPause.v1`: the recording paused while the caller gives sensitive details, or resumed. */
  async recordingPause(agentId: string, callId: string, paused: boolean): Promise<void> {
    const call = await this.connectedCall(agentId, callId, paused ? 'pause its recording' : 'resume its recording');
    if (!call.recordingName) throw new TelephonyError('INVALID_STATE', `call ${callId} is not being recorded`);
    await this.deps.calls.feed(callId, { type: 'recordingPause', paused });
  }

  /** What a (re)connecting console must show of its connected call's hold and mute; null when none. */
  async currentControlsOf(callId: string): Promise<CallControlsV1 | null> {
    const call = await this.deps.state.getCall(callId);
    return call?.state === 'connected' ? controlsOf(call) : null;
  }

  private async connectedCall(agentId: string, callId: string, what: string): Promise<LiveCall> {
    const call = await this.deps.state.getCall(callId);
    if (!call || call.agentId !== agentId)
      throw new TelephonyError('NOT_FOUND', `call ${callId} is not with agent ${agentId}`);
    if (call.node !== this.deps.node)
      throw new TelephonyError('UNAVAILABLE', `call ${callId} is controlled by another node`);
    if (call.state !== 'connected')
      throw new TelephonyError('INVALID_STATE', `call ${callId} is ${call.state}: only a connected call can ${what}`);
    return call;
  }
}

export function controlsOf(call: LiveCall): CallControlsV1 {
  return {
    callId: call.callId,
    heldSince: call.heldAt ?? null,
    heldSeconds: call.heldSeconds ?? 0,
    muted: call.muted ?? false,
    recordingPaused: Boolean(call.recordingPausedAt),
  };
}
