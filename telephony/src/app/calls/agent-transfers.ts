import { randomUUID } from 'node:crypto';
import {
  type CallTransferCommandV1 as CallTransferSchema,
  QUEUE_IDS,
  type TransferTarget,
  type TransferTargetsV1,
} from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { AriPort } from '../../adapters/ari/port';
import type { ConsoleBus } from '../../adapters/console/bus';
import type { LiveState } from '../../adapters/redis/live-state';
import type { Scheduler } from '../../clock/scheduler';
import type { AgentTransferEvent } from '../../core/agent-transfer';
import type { LiveCall } from '../../core/call';
import { TelephonyError } from '../../core/errors';
import type { AgentService } from '../agent-service';
import { phoneInUse } from '../phone-busy';
import type { CallChains } from './call-chains';
import type { CallStepper } from './call-stepper';
import type { EffectHandlers } from './effects';

export type TransferCommand = z.output<typeof CallTransferSchema>;

export interface AgentTransfersDeps {
  node: string;
  ari: AriPort;
  state: LiveState;
  agents: AgentService;
  bus: ConsoleBus;
  chains: CallChains;
  stepper: CallStepper;
  scheduler: Scheduler;
  log: Logger;
  /** True while the agent's console is away (such a counselor cannot take a transfer). */
  agentAway?: ((agentId: string) => Promise<boolean>) | undefined;
}

const sameTarget = (a: TransferTarget, b: TransferTarget) =>
  a.kind === 'queue' ? b.kind === 'queue' && b.queue === a.queue : b.kind === 'agent' && b.agentId === a.agentId;

/**
 * The counselor's transfers: the console's commands, checked here so a refusal reaches the
 * counselor as the command's error with the caller left as they were, and the one media step of
 * their own (ending the conversation's bridge). The decisions are `core/agent-transfer.ts`.
 *
 * A command runs inside the call's chain: its checks, the target's reservation and the machine's
 * step see one state, so a double click transfers once and the second click is answered ok
 * (the call was already transferred by this counselor to the same target).
 */
export class AgentTransfers {
  constructor(private readonly deps: AgentTransfersDeps) {}

  handlers(): Pick<EffectHandlers, 'dropConversation'> {
    const { ari } = this.deps;
    return {
      // The caller already moved to the holding bridge; the bridge's recording ends with it.
      dropConversation: (effect) => ari.destroyBridge(effect.bridgeId),
    };
  }

  /** Console `call.transfer.v1`. */
  async transfer(agentId: string, command: TransferCommand): Promise<void> {
    // The chain logs and swallows failures; a refusal must reach the counselor, so it is carried out.
    let refusal: unknown = null;
    await this.deps.chains.serial(command.callId, () =>
      this.transferInChain(agentId, command).catch((err: unknown) => void (refusal = err)),
    );
    if (refusal) throw refusal;
  }

  private async transferInChain(agentId: string, command: TransferCommand): Promise<void> {
    const { callId } = command;
    const call = await this.deps.state.getCall(callId);
    const repeat =
      call?.agentTransfer?.fromAgentId === agentId && sameTarget(call.agentTransfer.target, command.target);
    if (call && repeat && call.agentId !== agentId) return; // already done by the same click
    const connected = this.connectedCall(call, agentId, callId);
    const from = await this.deps.state.getAgent(agentId);
    if (command.mode === 'attended') {
      if (command.target.kind !== 'agent')
        throw new TelephonyError('BAD_REQUEST', 'target: an attended transfer goes to a named counselor');
      if (connected.consult)
        throw new TelephonyError('INVALID_STATE', `call ${callId} already has a consult: complete or cancel it first`);
      await this.deps.stepper.step(connected, {
        type: 'consultStart',
        fromAgentId: agentId,
        fromName: from?.value.displayName ?? agentId,
        agentId: await this.reserveTarget(connected, agentId, command.target.agentId),
        channelId: randomUUID(),
        context: command.context,
      });
      return;
    }
    if (connected.consult)
      throw new TelephonyError('INVALID_STATE', `call ${callId} has a consult: complete or cancel it first`);
    const event: AgentTransferEvent = {
      type: 'transferBlind',
      fromAgentId: agentId,
      fromName: from?.value.displayName ?? agentId,
      target:
        command.target.kind === 'queue'
          ? command.target
          : {
              kind: 'agent',
              agentId: await this.reserveTarget(connected, agentId, command.target.agentId),
              agentChannelId: randomUUID(),
            },
      context: command.context,
    };
    await this.deps.stepper.step(connected, event);
  }

  /** Console `call.transferTargets.v1`: the queues and the counselors Ready now, pushed to the asker. */
  async targets(agentId: string, callId: string): Promise<void> {
    const call = await this.deps.state.getCall(callId);
    this.connectedCall(call, agentId, callId);
    const agents = (await this.deps.state.listAgents())
      .map((a) => a.value)
      .filter((a) => a.state === 'ready' && a.agentId !== agentId)
      .map((a) => ({ agentId: a.agentId, displayName: a.displayName, skills: a.skills }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'ko'));
    const payload: TransferTargetsV1 = {
      callId,
      at: this.deps.scheduler.now().toISOString(),
      queues: [...QUEUE_IDS],
      agents,
    };
    this.deps.bus.toAgent(agentId, 'call.transferTargets.v1', payload);
  }

  private connectedCall(call: LiveCall | null, agentId: string, callId: string): LiveCall {
    if (!call || call.agentId !== agentId)
      throw new TelephonyError('NOT_FOUND', `call ${callId} is not with agent ${agentId}`);
    if (call.node !== this.deps.node)
      throw new TelephonyError('UNAVAILABLE', `call ${callId} is controlled by another node`);
    if (call.state !== 'connected')
      throw new TelephonyError(
        'INVALID_STATE',
        `call ${callId} is ${call.state}: only a connected call can be transferred`,
      );
    return call;
  }

  /** The named counselor, reserved for this call (atomically, as the ACD does), or a clear refusal. */
  private async reserveTarget(call: LiveCall, agentId: string, targetId: string): Promise<string> {
    if (targetId === agentId)
      throw new TelephonyError('BAD_REQUEST', 'target.agentId: cannot transfer a call to yourself');
    const target = await this.deps.state.getAgent(targetId);
    if (!target) throw new TelephonyError('NOT_FOUND', `target.agentId: no counselor ${targetId}`);
    const who = `${target.value.displayName} (${targetId})`;
    if (target.value.state !== 'ready')
      throw new TelephonyError('INVALID_STATE', `target.agentId: ${who} is ${target.value.state}, not ready`);
    if (await this.deps.agentAway?.(targetId))
      throw new TelephonyError('INVALID_STATE', `target.agentId: ${who} has no console connected`);
    if (await phoneInUse(this.deps.ari, targetId, this.deps.log))
      throw new TelephonyError('INVALID_STATE', `target.agentId: ${who}'s phone is in another call`);
    try {
      await this.deps.agents.apply(targetId, { type: 'reserve', callId: call.callId });
    } catch (err) {
      if (err instanceof TelephonyError)
        throw new TelephonyError('INVALID_STATE', `target.agentId: ${who} was just taken (${err.message})`);
      throw err;
    }
    return targetId;
  }
}
