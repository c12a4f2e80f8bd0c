import { randomUUID } from 'node:crypto';
import { QUEUE_IDS, type QueueId, queueById } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { AriPort } from '../../adapters/ari/port';
import type { LiveState } from '../../adapters/redis/live-state';
import type { VirtualHoldStore } from '../../adapters/redis/virtual-hold-store';
import type { Scheduler } from '../../clock/scheduler';
import { pickAgent, queueScore } from '../../core/acd';
import { applyAgentEvent } from '../../core/agent-state';
import { VIRTUAL_HOLD_DIGIT, type VirtualHoldTicket, ticketFor, ticketsTurn } from '../../core/virtual-hold';
import type { AgentService } from '../agent-service';
import { phoneInUse } from '../phone-busy';
import type { CallChains } from './call-chains';
import type { CallStepper } from './call-stepper';
import type { OutboundCalls } from './outbound-calls';

export interface VirtualHoldsDeps {
  ari: AriPort;
  state: LiveState;
  store: VirtualHoldStore;
  agents: Pick<AgentService, 'afterChange'>;
  chains: CallChains;
  stepper: CallStepper;
  outbound: Pick<OutboundCalls, 'dialReserved'>;
  scheduler: Scheduler;
  log: Logger;
}

/** Live callers read per queue to find the first one still on the line (stale entries skipped). */
const LIVE_HEAD_SCAN = 5;

/**
 * Virtual hold (issue 16): a queued caller's `*` turns their place into a ticket in Redis and hangs
 * them up; `dispatch` (run before the ACD's pass on every nudge and tick, by any process) reserves
 * a Ready agent for a ticket whose turn has come and dials the caller back through the
 * outbound-call machine. Tickets live in Redis, so a telephony restart keeps them.
 */
export class VirtualHolds {
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly deps: VirtualHoldsDeps) {}

  /** A digit from a caller who is not in the IVR; true when it was virtual hold's. */
  async digit(callId: string, digit: string): Promise<boolean> {
    if (digit !== VIRTUAL_HOLD_DIGIT) return false;
    const { state, chains, stepper, store, scheduler, log } = this.deps;
    await chains.serial(callId, async () => {
      const call = await state.getCall(callId);
      if (!call) return;
      const result = ticketFor(call, randomUUID(), scheduler.now());
      if (!result.ok) {
        log.info({ callId, why: result.why }, 'virtual hold refused');
        return;
      }
      // The place is stored before the caller leaves the queue: a crash in between keeps it twice
      // (the live entry dies with its channel), never loses it.
      await store.add(result.ticket);
      await stepper.step(call, { type: 'virtualHold', ticketId: result.ticket.ticketId });
      log.info({ callId, ticketId: result.ticket.ticketId, queue: result.ticket.queue }, 'caller on virtual hold');
    });
    return true;
  }

  /**
   * A call back's record as it reaches crm-api: once the agent answered, the ticket is done (the
   * caller's own phone decides the rest); if the agent's phone was not answered, the caller never
   * heard from us, so the ticket goes back to its place for the next Ready agent.
   */
  async outboundEvent(callId: string, eventType: string, data: Record<string, unknown>): Promise<void> {
    const agentMissed = eventType === 'call.outbound.noAnswer' && data.leg === 'agent';
    if (!agentMissed && eventType !== 'call.outbound.answered' && eventType !== 'call.outbound.noAnswer') return;
    const ticket = await this.deps.store.takeDialing(callId);
    if (!ticket || !agentMissed) return;
    await this.deps.store.restore(ticket);
    this.deps.log.info({ callId, ticketId: ticket.ticketId }, 'virtual hold: agent missed the call back; place kept');
    void this.dispatch();
  }

  /** Shutting down: no new pass, and a pass cut short by Redis closing is not an error. */
  close(): void {
    this.closed = true;
  }

  /** One pass over the tickets; a request while one runs makes it run once more. */
  dispatch(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.again = true;
    this.running ??= (async () => {
      try {
        while (this.again && !this.closed) {
          this.again = false;
          await this.dispatchOnce().catch((err: unknown) => {
            if (!this.closed) this.deps.log.error({ err: String(err) }, 'virtual hold dispatch failed');
          });
        }
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async dispatchOnce(): Promise<void> {
    if (!(await this.deps.store.any())) return;
    for (const queue of QUEUE_IDS) {
      const ticket = await this.deps.store.head(queue);
      if (!ticket || !ticketsTurn(ticket.score, await this.liveHeadScore(queue))) continue;
      await this.callBack(ticket);
    }
  }

  /** The place of the first live caller still waiting in the queue, or null. */
  private async liveHeadScore(queue: QueueId): Promise<number | null> {
    for (const callId of await this.deps.state.queueHead(queue, LIVE_HEAD_SCAN)) {
      const call = await this.deps.state.getCall(callId);
      if (call?.enqueuedAt && (call.state === 'queued' || call.state === 'offering'))
        return queueScore(call.enqueuedAt, call.priority ?? 0);
    }
    return null;
  }

  /** Reserves the best Ready agent for the ticket (compare-and-set, as the ACD does) and dials. */
  private async callBack(ticket: VirtualHoldTicket): Promise<void> {
    const { state, store, ari, log } = this.deps;
    const skill = queueById(ticket.queue).skill;
    const agents = await state.listAgents();
    const busyPhones = new Set<string>();
    for (let attempt = 0; attempt < 5; attempt++) {
      const pick = pickAgent(
        agents.map((a) => a.value),
        skill,
        busyPhones,
      );
      if (!pick) return;
      if (await phoneInUse(ari, pick.agentId, log)) {
        busyPhones.add(pick.agentId);
        continue;
      }
      const versioned = agents.find((a) => a.value.agentId === pick.agentId)!;
      const callId = randomUUID();
      const reserved = applyAgentEvent(pick, { type: 'reserve', callId }, this.deps.scheduler.now());
      if (!reserved.ok) return;
      // The ticket first: only the process that claims it may dial.
      if (!(await store.claim(ticket))) return;
      if (!(await state.casAgent(reserved.agent, versioned.version))) {
        await store.restore(ticket); // the agent changed meanwhile: the place is kept for the next pass
        return;
      }
      this.deps.agents.afterChange(pick, reserved.agent);
      log.info(
        { ticketId: ticket.ticketId, callId, agent: pick.agentId, queue: ticket.queue },
        'virtual hold: calling the caller back',
      );
      await store.dialing(callId, ticket);
      await this.deps.outbound.dialReserved(pick.agentId, callId, ticket.number);
      return;
    }
  }
}
