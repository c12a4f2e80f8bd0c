import type { CallConnectedV1, CallOfferedV1 } from '@cc1357/contracts';
import { TelephonyError } from '../../core/errors';
import type { AriPort } from '../../adapters/ari/port';
import type { PhoneDriver } from '../../adapters/phone-driver';
import type { LiveState } from '../../adapters/redis/live-state';
import type { CallFeed } from './effects';
import type { CallNotifier } from './notifier';

export interface ConsoleCommandsDeps {
  node: string;
  ari: AriPort;
  state: LiveState;
  phone: PhoneDriver;
  calls: CallFeed;
  notifier: CallNotifier;
}

/** What an agent's console may ask of a call: answer it, hang it up; and what it must see when it (re)connects. */
export class ConsoleCommands {
  constructor(private readonly deps: ConsoleCommandsDeps) {}

  async answer(agentId: string, callId: string): Promise<void> {
    const call = await this.deps.state.getCall(callId);
    // The target of an attended transfer answers the consult leg ringing on their phone.
    if (call?.consult?.agentId === agentId && call.consult.phase === 'ringing') return this.deps.phone.answer(agentId);
    if (!call || call.agentId !== agentId)
      throw new TelephonyError('NOT_FOUND', `call ${callId} is not offered to agent ${agentId}`);
    // An outbound call rings the counselor's own phone first (`dialingAgent`): answered the same way.
    if (call.state !== 'offering' && call.state !== 'dialingAgent')
      throw new TelephonyError('INVALID_STATE', `call ${callId} is ${call.state}, not ringing`);
    await this.deps.phone.answer(agentId);
  }

  async hangup(agentId: string, callId: string): Promise<void> {
    const call = await this.deps.state.getCall(callId);
    // The target of an attended transfer leaves the consult (the caller goes back to the first counselor).
    if (call?.consult?.agentId === agentId && call.node === this.deps.node)
      return this.deps.ari.hangup(call.consult.channelId);
    if (!call || call.agentId !== agentId || !call.agentChannelId)
      throw new TelephonyError('NOT_FOUND', `call ${callId} is not with agent ${agentId}`);
    if (call.node !== this.deps.node)
      throw new TelephonyError('UNAVAILABLE', `call ${callId} is controlled by another node`);
    // Hanging up the agent leg is enough: its StasisEnd / ChannelDestroyed drives the rest.
    await this.deps.ari.hangup(call.agentChannelId);
  }

  /** The agent's console is gone: a call ringing for them moves on as if it rang out. False if another node controls it. */
  async withdrawOffer(agentId: string, callId: string): Promise<boolean> {
    const call = await this.deps.state.getCall(callId);
    if (!call || call.node !== this.deps.node) return false;
    if (
      call.agentId === agentId &&
      (call.state === 'offering' || call.state === 'dialingAgent') &&
      call.agentChannelId
    ) {
      await this.deps.calls.feed(callId, { type: 'ringTimeout', agentChannelId: call.agentChannelId });
    }
    return true;
  }

  /** What a (re)connecting console must see: the call offered to or connected with this agent. */
  currentCallOf(agentId: string): Promise<{ offered: CallOfferedV1 | null; connected: CallConnectedV1 | null }> {
    return this.deps.notifier.currentCallOf(agentId);
  }
}
