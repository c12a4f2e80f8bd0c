import type { CallConsultV1 } from '@cc1357/contracts';
import type { AriPort } from '../../adapters/ari/port';
import { AriRequestError } from '../../adapters/ari/errors';
import type { ConsoleBus } from '../../adapters/console/bus';
import type { LiveState } from '../../adapters/redis/live-state';
import type { Scheduler, TimerHandle } from '../../clock/scheduler';
import { consultBridgeOf } from '../../core/agent-consult';
import type { LiveCall } from '../../core/call';
import { TelephonyError } from '../../core/errors';
import { moveToHold } from '../hold';
import { agentEndpoint } from '../phone-busy';
import { callerIdOf } from './call-media';
import type { CallChains } from './call-chains';
import type { CallStepper } from './call-stepper';
import type { CallMemory, EffectHandlers } from './effects';

export interface ConsultsDeps {
  node: string;
  ari: AriPort;
  state: LiveState;
  bus: ConsoleBus;
  chains: CallChains;
  stepper: CallStepper;
  scheduler: Scheduler;
  ringTimeoutSeconds: number;
  /** How long a partner's line may ring in an attended relay (as in the blind relay). */
  partnerRingTimeoutSeconds?: number;
}

/**
 * The consult of an attended transfer over ARI: the target's leg (`consult,<callId>`), its ring
 * timer, and the moves of the counselor's leg between the call's mixing bridge (with the caller)
 * and the consult bridge (with the target). The caller waits in the holding bridge with music
 * while the counselor talks to the target; the target hears music in the consult bridge while the
 * counselor is back with the caller (swap). The decisions are `core/agent-consult.ts`.
 */
export class Consults implements CallMemory {
  private readonly timers = new Map<string, TimerHandle>();

  constructor(private readonly deps: ConsultsDeps) {}

  handlers(): Pick<
    EffectHandlers,
    'originateConsult' | 'startConsultTimer' | 'cancelConsultTimer' | 'consultMedia' | 'notifyConsult'
  > {
    const { ari, stepper } = this.deps;
    return {
      originateConsult: async (effect, { call, log }) => {
        try {
          await ari.originate({
            // A partner's line (attended relay) or the target counselor's phone.
            endpoint: effect.endpoint ?? agentEndpoint(effect.agentId),
            channelId: effect.channelId,
            appArgs: `consult,${call.callId}`,
            timeoutSeconds: this.ringSeconds(!!effect.endpoint),
            callerId: callerIdOf(call),
          });
        } catch (err) {
          log.warn({ err: String(err), agent: effect.agentId }, 'originate of the consult leg failed');
          void stepper.feed(call.callId, { type: 'consultLost', channelId: effect.channelId, reason: 'failed' });
        }
      },
      startConsultTimer: async (effect, { call }) => {
        this.forget(call.callId);
        this.timers.set(
          call.callId,
          this.deps.scheduler.setTimeout(
            () => {
              this.timers.delete(call.callId);
              void stepper.feed(call.callId, { type: 'consultLost', channelId: effect.channelId, reason: 'noAnswer' });
            },
            this.ringSeconds(!!effect.partner) * 1000,
          ),
        );
      },
      cancelConsultTimer: async (_effect, { call }) => this.forget(call.callId),
      consultMedia: (effect, cx) => this.media(effect.step, cx.before, cx.call),
      notifyConsult: async (effect, { call }) => {
        this.deps.bus.toAgent(effect.agentId, 'call.consult.v1', {
          ...consultOf(call),
          ...(effect.ended && !call.consult ? { ended: effect.ended } : {}),
        });
      },
    };
  }

  /** Console `call.consult.complete/cancel/swap.v1`; a repeat after the consult is over changes nothing. */
  async command(agentId: string, callId: string, what: 'complete' | 'cancel' | 'swap' | 'conference'): Promise<void> {
    const call = await this.deps.state.getCall(callId);
    if (call?.agentTransfer?.fromAgentId === agentId && call.agentId !== agentId && what === 'complete') return;
    // The same for an attended relay: the call is the partner's now, relayed by this counselor.
    const relayed = call?.action?.kind === 'transfer' ? call.action.fromAgentId : undefined;
    if (relayed === agentId && call?.agentId !== agentId && what === 'complete') return;
    if (!call || call.agentId !== agentId)
      throw new TelephonyError('NOT_FOUND', `call ${callId} is not with agent ${agentId}`);
    if (call.node !== this.deps.node)
      throw new TelephonyError('UNAVAILABLE', `call ${callId} is controlled by another node`);
    if (!call.consult) {
      if (what === 'cancel') return; // already back with the caller
      throw new TelephonyError('INVALID_STATE', `call ${callId} has no consult to ${what}`);
    }
    if (what !== 'cancel' && call.consult.phase !== 'talking')
      throw new TelephonyError('INVALID_STATE', `the consult of call ${callId} still rings: cancel it or wait`);
    if (what === 'conference' && call.consult.partner)
      throw new TelephonyError(
        'INVALID_STATE',
        `call ${callId} is being relayed to ${call.consult.partner.partner}: complete, swap or cancel (no conference with a partner)`,
      );
    const type = (
      {
        complete: 'consultComplete',
        cancel: 'consultCancel',
        swap: 'consultSwap',
        conference: 'consultConference',
      } as const
    )[what];
    await this.deps.stepper.feed(callId, { type, fromAgentId: agentId });
  }

  /** What a (re)connecting console must show of its call's consult; null when there is none. */
  async currentOf(callId: string): Promise<CallConsultV1 | null> {
    const call = await this.deps.state.getCall(callId);
    return call?.consult ? consultOf(call) : null;
  }

  private ringSeconds(partner: boolean): number {
    return partner
      ? (this.deps.partnerRingTimeoutSeconds ?? this.deps.ringTimeoutSeconds)
      : this.deps.ringTimeoutSeconds;
  }

  forget(callId: string): void {
    const t = this.timers.get(callId);
    if (t) this.deps.scheduler.clearTimeout(t);
    this.timers.delete(callId);
  }

  close(): void {
    for (const t of this.timers.values()) this.deps.scheduler.clearTimeout(t);
    this.timers.clear();
  }

  private async media(
    step: 'talkToTarget' | 'talkToCaller' | 'backToCaller' | 'complete' | 'conference',
    before: LiveCall,
    call: LiveCall,
  ): Promise<void> {
    const { ari } = this.deps;
    const mix = call.mixingBridgeId ?? `${call.callId}-mix`;
    const hold = call.holdingBridgeId ?? `${call.callId}-hold`;
    const consultBridge = consultBridgeOf(call.callId);
    const caller = call.callerChannelId;
    // Out of a conference everyone left is already in the mixing bridge: only the consult bridge goes.
    const wasConference = before.consult?.with === 'all';
    switch (step) {
      case 'talkToTarget': {
        const agentLeg = call.agentChannelId;
        const target = call.consult?.channelId;
        if (!agentLeg || !target) return;
        await moveToHold(ari, hold, caller);
        await ari.createBridge(consultBridge, 'mixing').catch((err: unknown) => {
          if (!(err instanceof AriRequestError && err.status === 409)) throw err;
        });
        await ari.stopMoh(consultBridge).catch(() => undefined);
        await ari.addChannels(consultBridge, [agentLeg, target]);
        return;
      }
      case 'talkToCaller': {
        if (!call.agentChannelId) return;
        await ari.startMoh(consultBridge);
        await ari.stopMoh(hold).catch(() => undefined);
        await ari.addChannels(mix, [caller, call.agentChannelId]);
        return;
      }
      case 'backToCaller': {
        if (call.agentChannelId && !wasConference) await ari.addChannels(mix, [call.agentChannelId]);
        await ari.destroyBridge(consultBridge).catch(() => undefined);
        return;
      }
      case 'complete': {
        const target = before.consult?.channelId;
        if (!target) return;
        if (wasConference) return void (await ari.destroyBridge(consultBridge).catch(() => undefined));
        // An attended relay's partner gets a conversation of its own (the counselor's bridge goes after).
        if (before.mixingBridgeId !== call.mixingBridgeId) await ari.createBridge(mix, 'mixing');
        await ari.stopMoh(hold).catch(() => undefined);
        await ari.addChannels(mix, [caller, target]);
        await ari.destroyBridge(consultBridge).catch(() => undefined);
        return;
      }
      case 'conference': {
        // Caller, counselor and target in the call's bridge (music stops first, never cut into talk).
        const agentLeg = call.agentChannelId;
        const target = call.consult?.channelId;
        if (!agentLeg || !target) return;
        await ari.stopMoh(hold).catch(() => undefined);
        await ari.stopMoh(consultBridge).catch(() => undefined);
        await ari.addChannels(mix, [caller, agentLeg, target]);
        await ari.destroyBridge(consultBridge).catch(() => undefined);
        return;
      }
    }
  }
}

function consultOf(call: LiveCall): CallConsultV1 {
  const c = call.consult;
  return {
    callId: call.callId,
    consult: c
      ? { agentId: c.agentId, phase: c.phase, with: c.with, ...(c.partner ? { partner: c.partner.partner } : {}) }
      : null,
  };
}
