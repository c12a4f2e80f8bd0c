import type { Logger } from 'pino';
import { AriEvent, HANDLED_EVENT_TYPES } from '../../adapters/ari/events';
import type { RawAriEvent } from '../../adapters/ari/port';
import type { LiveState } from '../../adapters/redis/live-state';
import type { Announcer } from './announcer';
import type { CallChains } from './call-chains';
import type { CallIntake } from './call-intake';
import type { CallRecords } from './call-records';
import type { CallStepper } from './call-stepper';
import type { IvrDriver } from './ivr-driver';
import type { QueueAnnouncer } from './queue-announcer';
import type { VirtualHolds } from './virtual-holds';
import { MONITOR_ROLES, type Monitoring } from './monitoring';

export interface AriRouterDeps {
  node: string;
  state: LiveState;
  chains: CallChains;
  stepper: CallStepper;
  intake: CallIntake;
  ivr: IvrDriver;
  announcer: Announcer;
  /** Queue announcements: their PlaybackFinished. */
  queueAnnouncer?: Pick<QueueAnnouncer, 'playbackFinished'>;
  records: CallRecords;
  /** Supervisors' monitoring sessions: their phone legs and snoops. */
  monitoring?: Monitoring;
  /** Virtual hold: digits of callers outside the IVR (a queued caller's `*`). */
  virtualHolds?: Pick<VirtualHolds, 'digit'>;
  log: Logger;
}

/**
 * ARI events in: validated at the edge, then each handed to the one unit it concerns — a new
 * channel to the intake, a leg's arrival or departure to the call machine, digits and prompt ends
 * to the IVR (or the announcer), recordings to the call records. It decides nothing itself.
 */
export class AriRouter {
  private closed = false;

  constructor(private readonly deps: AriRouterDeps) {}

  onAriEvent(raw: RawAriEvent): void {
    const { ivr, stepper, log } = this.deps;
    if (this.closed || !raw || typeof raw.type !== 'string' || !HANDLED_EVENT_TYPES.has(raw.type)) return;
    const parsed = AriEvent.safeParse(raw);
    if (!parsed.success) {
      log.warn({ type: raw.type, issues: parsed.error.issues.slice(0, 3) }, 'malformed ARI event ignored');
      return;
    }
    const event = parsed.data;
    switch (event.type) {
      case 'StasisStart': {
        const [role, callId] = event.args;
        if (role === 'inbound')
          this.guard(this.deps.intake.inbound(event.channel.id, event.channel.caller?.number || null), event.type);
        else if (role === 'agent' && callId)
          void stepper.feed(callId, { type: 'agentAnswered', agentChannelId: event.channel.id });
        else if (role === 'consult' && callId)
          void stepper.feed(callId, { type: 'consultAnswered', channelId: event.channel.id });
        else if (role === 'customer' && callId)
          void stepper.feed(callId, { type: 'customerAnswered', channelId: event.channel.id });
        else if (role === 'partner' && callId)
          void stepper.feed(callId, { type: 'partnerAnswered', channelId: event.channel.id });
        else if (role && MONITOR_ROLES.has(role) && callId && this.deps.monitoring)
          this.deps.monitoring.channelEntered(role, callId, event.channel.id);
        else log.warn({ channelId: event.channel.id, args: event.args }, 'StasisStart with unknown args ignored');
        return;
      }
      case 'ChannelHangupRequest':
        ivr.channelLeaving(event.channel.id);
        return;
      case 'StasisEnd':
        // A snoop is seen only until its StasisEnd (no ChannelDestroyed): that is its end.
        if (this.deps.monitoring?.channelGone(event.channel.id)) return;
        ivr.channelLeaving(event.channel.id);
        this.guard(this.channelGone(event.channel.id, 'stasisEnd'), event.type);
        return;
      case 'ChannelDestroyed':
        // The supervisor's phone given up unanswered ends with ChannelDestroyed only.
        if (this.deps.monitoring?.channelGone(event.channel.id)) return;
        ivr.channelLeaving(event.channel.id);
        this.guard(this.channelGone(event.channel.id, event.cause === 19 ? 'noAnswer' : 'destroyed'), event.type);
        return;
      case 'ChannelDtmfReceived':
        this.guard(
          this.deps.state.callIdOfChannel(this.deps.node, event.channel.id).then((callId) => {
            if (callId && ivr.has(callId)) ivr.digit(callId, event.digit);
            else if (callId) return this.deps.virtualHolds?.digit(callId, event.digit);
          }),
          event.type,
        );
        return;
      case 'PlaybackFinished':
        if (ivr.playbackFinished(event.playback.id, event.playback.state)) return;
        if (this.deps.queueAnnouncer?.playbackFinished(event.playback.id)) return;
        this.deps.announcer.playbackFinished(event.playback.id, event.playback.state);
        return;
      case 'RecordingFinished':
      case 'RecordingFailed':
        this.deps.records.recordingFinished(event.recording);
        return;
      case 'ApplicationReplaced':
        log.error('another process took over the ARI application; this node no longer receives events');
        return;
      default:
        return;
    }
  }

  close(): void {
    this.closed = true;
  }

  /** Fire-and-forget work from an event handler: a failure is logged, never an unhandled rejection. */
  private guard(work: Promise<unknown>, what: string): void {
    work.catch((err: unknown) => this.deps.log.error({ err: String(err), what }, 'ARI event handling failed'));
  }

  /** A leg of one of our calls left Stasis or was destroyed: which leg decides the event. */
  private async channelGone(channelId: string, why: 'stasisEnd' | 'noAnswer' | 'destroyed'): Promise<void> {
    const { state, stepper } = this.deps;
    const callId = await state.callIdOfChannel(this.deps.node, channelId);
    if (!callId) return; // not ours (or already forgotten): nothing to do
    await this.deps.chains.serial(callId, async () => {
      const call = await state.getCall(callId);
      if (!call) return;
      if (channelId === call.callerChannelId) return stepper.step(call, { type: 'callerHangup' });
      if (channelId === call.agentChannelId) {
        if (call.state === 'offering' || call.state === 'dialingAgent')
          return stepper.step(call, {
            type: 'agentLost',
            agentChannelId: channelId,
            reason: why === 'noAnswer' ? 'noAnswer' : 'rejected',
          });
        return stepper.step(call, { type: 'agentHangup', agentChannelId: channelId });
      }
      if (channelId === call.consult?.channelId)
        return stepper.step(call, {
          type: 'consultLost',
          channelId,
          reason: call.consult.phase === 'talking' ? 'hangup' : why === 'noAnswer' ? 'noAnswer' : 'rejected',
        });
      if (channelId === call.partnerChannelId) {
        if (call.state === 'transferring')
          return stepper.step(call, {
            type: 'partnerLost',
            channelId,
            reason: why === 'noAnswer' ? 'noAnswer' : 'rejected',
          });
        return stepper.step(call, { type: 'partnerHangup', channelId });
      }
    });
  }
}
