import { randomUUID } from 'node:crypto';
import type { CallRelayCommandV1 as CallRelaySchema } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { CrmClient } from '../../adapters/crm/client';
import type { LiveState } from '../../adapters/redis/live-state';
import type { LiveCall } from '../../core/call';
import { TelephonyError } from '../../core/errors';
import { partnerConsultTarget } from '../../core/agent-consult';
import { alreadyRelayed, relayDecision } from '../../core/partner-relay';
import type { CallChains } from './call-chains';
import type { CallStepper } from './call-stepper';

export type RelayCommand = z.output<typeof CallRelaySchema>;

export interface PartnerRelaysDeps {
  node: string;
  state: LiveState;
  crm: Pick<CrmClient, 'partnerCenters' | 'createDeskRelay'>;
  chains: CallChains;
  stepper: CallStepper;
  log: Logger;
  /** `PJSIP/{number}` (pbx-sim) or e.g. `Local/{number}@partners` (Asterisk): for partners configured by number. */
  partnerDialTemplate: string;
}

/**
 * Console `call.relay.v1`: the counselor relays the connected call to a partner center. The
 * checks and the two crm-api requests (is the partner open, store the relay with its package)
 * run before the call's chain, so a slow crm-api never holds up the call's own events; the step
 * itself runs in the chain, where the call is checked again (a hang-up may have come between).
 * A refusal reaches the counselor as the command's error with the caller kept; a repeated
 * command is answered ok and relays once (the relay record is idempotent by a key of the call's
 * conversation, the step by the call's state).
 *
 * `mode: 'attended'` stores the relay the same way, then starts the consult of an attended
 * transfer with the partner's line as its leg (`core/agent-consult.ts`): the counselor talks to
 * the partner, who already has the package, and completes, swaps or cancels with the consult's
 * commands (`agent-transfer-consult.ts`).
 */
export class PartnerRelays {
  constructor(private readonly deps: PartnerRelaysDeps) {}

  async relay(agentId: string, command: RelayCommand): Promise<void> {
    const { callId, partnerId } = command;
    const call = await this.deps.state.getCall(callId);
    if (call && alreadyRelayed(call, agentId, partnerId)) return;
    const connected = this.connectedCall(call, agentId, callId);
    const partners = await this.deps.crm.partnerCenters();
    if (!partners)
      throw new TelephonyError(
        'UNAVAILABLE',
        'partner centers could not be read (crm-api); the caller is still with you',
      );
    const decision = relayDecision(partnerId, partners, this.deps.partnerDialTemplate);
    if (!decision.ok) throw new TelephonyError(decision.code, decision.message);
    const stored = await this.deps.crm.createDeskRelay({
      // An attended relay may be cancelled and another partner tried on the same conversation.
      idempotencyKey:
        command.mode === 'attended'
          ? `desk-relay-${callId}-${connected.segments ?? 0}-${partnerId}`
          : `desk-relay-${callId}-${connected.segments ?? 0}`,
      partnerId,
      callId,
      callerNumber: connected.callerNumber,
      companyId: command.companyId,
      question: command.question,
      context: command.context,
    });
    if ('error' in stored)
      throw new TelephonyError(
        'UNAVAILABLE',
        `the relay could not be stored (${stored.error}); the caller is still with you`,
      );

    let refusal: unknown = null;
    await this.deps.chains.serial(callId, async () => {
      try {
        const now = await this.deps.state.getCall(callId);
        if (now && alreadyRelayed(now, agentId, partnerId)) return;
        const live = this.connectedCall(now, agentId, callId);
        if (command.mode === 'attended') {
          const from = await this.deps.state.getAgent(agentId);
          await this.deps.stepper.step(live, {
            type: 'consultStart',
            fromAgentId: agentId,
            fromName: from?.value.displayName ?? agentId,
            agentId: partnerConsultTarget(partnerId),
            channelId: randomUUID(),
            context: { notes: command.question, category: null, draft: null },
            partner: { partner: partnerId, endpoint: decision.endpoint, relayId: stored.id },
          });
        } else {
          await this.deps.stepper.step(live, {
            type: 'relayToPartner',
            fromAgentId: agentId,
            partner: partnerId,
            endpoint: decision.endpoint,
            channelId: randomUUID(),
            relayId: stored.id,
          });
        }
        this.deps.log.info(
          { callId, partnerId, relayId: stored.id, mode: command.mode },
          'call relayed to a partner center',
        );
      } catch (err) {
        refusal = err;
      }
    });
    if (refusal) throw refusal;
  }

  private connectedCall(call: LiveCall | null, agentId: string, callId: string): LiveCall {
    if (!call || call.agentId !== agentId)
      throw new TelephonyError('NOT_FOUND', `call ${callId} is not with agent ${agentId}`);
    if (call.node !== this.deps.node)
      throw new TelephonyError('UNAVAILABLE', `call ${callId} is controlled by another node`);
    if (call.state !== 'connected')
      throw new TelephonyError(
        'INVALID_STATE',
        `call ${callId} is ${call.state}: only a connected call can be relayed`,
      );
    if (call.consult)
      throw new TelephonyError('INVALID_STATE', `call ${callId} has a consult: complete or cancel it first`);
    return call;
  }
}
