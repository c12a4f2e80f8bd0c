import type { CallConnectedV1, CallEndedV1, CallerPop, CallOfferedV1 } from '@cc1357/contracts';
import type { LiveCall } from '../../core/call';
import { offeredTransferOf } from '../../core/agent-consult';
import type { ConsoleBus } from '../../adapters/console/bus';
import type { LiveState } from '../../adapters/redis/live-state';
import type { Scheduler } from '../../clock/scheduler';
import type { CallerPops } from './caller-pops';
import type { EffectHandlers } from './effects';

export interface CallNotifierDeps {
  state: LiveState;
  bus: ConsoleBus;
  pops: CallerPops;
  scheduler: Scheduler;
}

/**
 * What an agent's console is told about a call: offered (with the pop), connected, ended. The
 * offer is also kept in LiveState's offer store, so a console that reconnects mid-ring is shown
 * the very offer it missed.
 */
export class CallNotifier {
  constructor(private readonly deps: CallNotifierDeps) {}

  handlers(): Pick<EffectHandlers, 'notifyOffered' | 'notifyConnected' | 'notifyEnded'> {
    const { state, bus } = this.deps;
    return {
      notifyOffered: async (effect, { call, log }) => {
        // An offer never waits on crm-api: without its answer yet, the counselor is shown the
        // call at once with a pending pop, and the pop follows when it comes.
        const ready = this.deps.pops.ready(call);
        const payload = this.offerOf(call, ready ?? pendingPop(call.callerNumber));
        await state.saveOffer(payload);
        bus.toAgent(effect.agentId, 'call.offered.v1', payload);
        // Detached, so its failure is caught here: Redis closing under it at shutdown was an
        // unhandled rejection. The console still has the offer (pending pop) and re-reads it on reconnect.
        if (!ready)
          this.sendPopWhenReady(call, effect.agentId).catch((err: unknown) =>
            log.warn({ err: String(err), callId: call.callId }, 'pop not sent after the offer'),
          );
      },
      notifyConnected: async (effect, { call }) => {
        const payload: CallConnectedV1 = {
          callId: call.callId,
          connectedAt: call.connectedAt ?? this.now().toISOString(),
          recordingName: call.recordingName,
        };
        bus.toAgent(effect.agentId, 'call.connected.v1', payload);
      },
      notifyEnded: async (effect, { call }) => {
        const payload: CallEndedV1 = {
          callId: call.callId,
          endedAt: this.now().toISOString(),
          reason: effect.reason,
          wrapUpSeconds: Math.round(effect.wrapUpSeconds),
        };
        await state.deleteOffer(call.callId);
        bus.toAgent(effect.agentId, 'call.ended.v1', payload);
      },
    };
  }

  /** What a (re)connecting console must see: the call offered to or connected with this agent. */
  async currentCallOf(agentId: string): Promise<{ offered: CallOfferedV1 | null; connected: CallConnectedV1 | null }> {
    const { state } = this.deps;
    const agent = await state.getAgent(agentId);
    const callId = agent?.value.callId;
    if (!callId || !['reserved', 'ringing', 'onCall'].includes(agent.value.state))
      return { offered: null, connected: null };
    const stored = await state.getOffer(callId);
    const call = await state.getCall(callId);
    const offered = stored ?? (call ? this.offerOf(call, await this.deps.pops.of(call)) : null);
    const connected =
      call?.state === 'connected'
        ? { callId, connectedAt: call.connectedAt ?? '', recordingName: call.recordingName }
        : null;
    return { offered, connected };
  }

  /** The call is forgotten: no console may be shown its offer again. */
  dropOffer(callId: string): Promise<void> {
    return this.deps.state.deleteOffer(callId);
  }

  /** The pop of an offer sent pending, to the console and into the stored offer, while the offer stands. */
  private async sendPopWhenReady(call: LiveCall, agentId: string): Promise<void> {
    const pop = await this.deps.pops.of(call);
    if (await this.deps.state.setOfferPop(call.callId, pop))
      this.deps.bus.toAgent(agentId, 'call.pop.v1', { callId: call.callId, pop });
  }

  private offerOf(call: LiveCall, pop: CallerPop): CallOfferedV1 {
    const now = this.now();
    return {
      callId: call.callId,
      queue: call.queue ?? 'general',
      callerNumber: call.callerNumber,
      offeredAt: call.offeredAt ?? now.toISOString(),
      waitedSeconds: call.enqueuedAt ? Math.max(0, (now.getTime() - Date.parse(call.enqueuedAt)) / 1000) : 0,
      ivrPath: call.ivrPath,
      pop,
      // A counselor's transfer: the next counselor sees from whom and what they knew.
      ...(offeredTransferOf(call) ? { transfer: offeredTransferOf(call)! } : {}),
      ...(call.outbound ? { outbound: { callbackId: call.outbound.callbackId } } : {}),
    };
  }

  private now(): Date {
    return this.deps.scheduler.now();
  }
}

/** What the console shows while crm-api has not answered: nothing known yet, nothing guessed. */
function pendingPop(number: string | null): CallerPop {
  return { status: 'pending', number, companies: [], contact: null, recentConsultations: [] };
}
