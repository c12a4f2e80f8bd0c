import { randomUUID } from 'node:crypto';
import { type CallDialCommandV1 as CallDialSchema, dialableNumber } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { AriPort } from '../../adapters/ari/port';
import type { LiveState } from '../../adapters/redis/live-state';
import type { Scheduler } from '../../clock/scheduler';
import type { AgentRecord } from '../../core/agent-state';
import { TelephonyError } from '../../core/errors';
import { callbackCheck, newOutboundCall } from '../../core/outbound-call';
import type { CrmClient } from '../../adapters/crm/client';
import type { AgentService } from '../agent-service';
import { phoneInUse } from '../phone-busy';
import type { CallChains } from './call-chains';
import type { CallStepper } from './call-stepper';
import type { EffectHandlers } from './effects';

export type DialCommand = z.output<typeof CallDialSchema>;

/** What the customer's phone shows: the center's number, whoever dials. */
export const OUTBOUND_CALLER_ID = '"1357" <1357>';

export interface OutboundCallsDeps {
  node: string;
  ari: AriPort;
  state: LiveState;
  agents: Pick<AgentService, 'apply'>;
  chains: CallChains;
  stepper: CallStepper;
  scheduler: Scheduler;
  log: Logger;
  /** The node's dial string for outside numbers (`PJSIP/{number}`), the one partner relays use. */
  dialTemplate: string;
  ringTimeoutSeconds: number;
  /** crm-api, to check a `callbackId` (absent: not checked). */
  crm?: Partial<Pick<CrmClient, 'callbackForDial'>>;
}

const ON_A_CALL = new Set(['reserved', 'ringing', 'onCall']);

/**
 * Console `call.dial.v1`: a counselor calls a customer (issue 12 §4). The number is checked, the
 * counselor reserved atomically (the ACD's reservation, so no offer rings them meanwhile), and the
 * call machine takes over (`core/outbound-call.ts`). A repeated command for the number being
 * dialled is answered ok and dials once.
 */
export class OutboundCalls {
  /** The dial in progress per counselor: a second command waits for it (see `dial`). */
  private readonly dialing = new Map<string, Promise<void>>();

  constructor(private readonly deps: OutboundCallsDeps) {}

  handlers(): Pick<EffectHandlers, 'originateCustomer'> {
    return {
      originateCustomer: async (effect, { call, log }) => {
        try {
          await this.deps.ari.originate({
            endpoint: effect.endpoint,
            channelId: effect.channelId,
            appArgs: `customer,${call.callId}`,
            timeoutSeconds: this.deps.ringTimeoutSeconds * 2,
            callerId: OUTBOUND_CALLER_ID,
          });
        } catch (err) {
          log.warn({ err: String(err) }, 'originate to the customer failed');
          void this.deps.stepper.feed(call.callId, { type: 'callerHangup' });
        }
      },
    };
  }

  /**
   * One dial at a time per counselor: a double click's second command runs once the first has
   * reserved the counselor and saved its call, so it finds that call and is answered ok instead
   * of racing it to the phone ("in another call").
   */
  async dial(agentId: string, command: DialCommand): Promise<void> {
    const previous = this.dialing.get(agentId) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(() => this.dialOnce(agentId, command));
    this.dialing.set(agentId, mine);
    try {
      await mine;
    } finally {
      if (this.dialing.get(agentId) === mine) this.dialing.delete(agentId);
    }
  }

  private async dialOnce(agentId: string, command: DialCommand): Promise<void> {
    const number = dialableNumber(command.number);
    if (!number)
      throw new TelephonyError('BAD_REQUEST', `number: ${command.number} is not a phone number that can be dialled`);
    const current = await this.deps.state.getAgent(agentId);
    if (!current) throw new TelephonyError('NOT_FOUND', `agent ${agentId} has never logged in`);
    if (await this.sameDialAgain(current.value, number)) return;
    const { state } = current.value;
    if (state !== 'ready' && state !== 'notReady')
      throw new TelephonyError(
        'INVALID_STATE',
        `agent ${agentId} is ${state}: a call can be placed when ready or not ready`,
      );
    const lookup = this.deps.crm?.callbackForDial?.bind(this.deps.crm);
    if (command.callbackId && lookup) {
      const check = callbackCheck(command.callbackId, number, await lookup(command.callbackId));
      if (!check.ok) throw new TelephonyError(check.code, check.message);
    }
    if (await phoneInUse(this.deps.ari, agentId, this.deps.log))
      throw new TelephonyError('INVALID_STATE', `agent ${agentId}'s phone is in another call`);

    const callId = randomUUID();
    try {
      await this.deps.agents.apply(agentId, { type: 'reserve', callId, outbound: true });
    } catch (err) {
      // Two clicks racing: the other one reserved first and is dialling this number.
      const now = await this.deps.state.getAgent(agentId);
      if (now && (await this.sameDialAgain(now.value, number))) return;
      throw err;
    }
    await this.start(agentId, callId, number, command.callbackId);
    this.deps.log.info({ callId, agent: agentId, callbackId: command.callbackId }, 'outbound call dialled');
  }

  /**
   * Dials `number` for an agent the caller already reserved for `callId` (virtual hold's call
   * back, `virtual-holds.ts`): the same machine as the desk's dial — the agent's phone rings
   * first, then the customer sees 1357 calling.
   */
  async dialReserved(agentId: string, callId: string, number: string): Promise<void> {
    await this.start(agentId, callId, number, null);
  }

  private async start(agentId: string, callId: string, number: string, callbackId: string | null): Promise<void> {
    const call = newOutboundCall(
      {
        callId,
        node: this.deps.node,
        agentId,
        agentChannelId: randomUUID(),
        customerChannelId: randomUUID(),
        number,
        endpoint: this.deps.dialTemplate.replaceAll('{number}', number),
        callbackId,
      },
      this.deps.scheduler.now(),
    );
    await this.deps.chains.serial(callId, async () => {
      await this.deps.state.saveCall(call);
      await this.deps.stepper.step(call, { type: 'outboundDial' });
    });
  }

  /** The counselor is already dialling (or talking to) this very number from the desk. */
  private async sameDialAgain(agent: AgentRecord, number: string): Promise<boolean> {
    if (!agent.callId || !ON_A_CALL.has(agent.state)) return false;
    const call = await this.deps.state.getCall(agent.callId);
    return !!call && call.agentId === agent.agentId && call.outbound?.number === number;
  }
}
