import type { Logger } from 'pino';
import { type CallEffect, type CallEvent, type LiveCall, applyCallEvent } from '../../core/call';
import type { AriPort } from '../../adapters/ari/port';
import type { LiveState } from '../../adapters/redis/live-state';
import type { Scheduler } from '../../clock/scheduler';
import type { CallChains } from './call-chains';
import type { CallFeed, EffectContext, EffectHandlers } from './effects';
import { type WrapUpSecondsByQueue, wrapUpSecondsFor } from '../config';

export interface CallStepperDeps {
  chains: CallChains;
  state: LiveState;
  ari: AriPort;
  scheduler: Scheduler;
  log: Logger;
  wrapUpSeconds: number;
  /** After-call work of the queues that differ from `wrapUpSeconds` (a call's queue picks it). */
  wrapUpSecondsByQueue?: WrapUpSecondsByQueue;
}

/**
 * The interpreter of the call machine: one event through the pure machine, the new call saved,
 * then each effect handed to the unit that owns it (the handler table). One effect failing is
 * logged and does not stop the others.
 */
export class CallStepper implements CallFeed {
  private handlers: EffectHandlers | null = null;

  constructor(private readonly deps: CallStepperDeps) {}

  /** The units exist after the stepper (they feed it): the builder installs their table once. */
  install(handlers: EffectHandlers): void {
    this.handlers = handlers;
  }

  /** Queued behind the call's other work. An agent leg answering for a call that is gone is hung up. */
  feed(callId: string, event: CallEvent): Promise<void> {
    return this.deps.chains.serial(callId, () => this.apply(callId, event));
  }

  /** Like `feed`, for work already inside `serial(callId)`. */
  async apply(callId: string, event: CallEvent): Promise<void> {
    const call = await this.deps.state.getCall(callId);
    if (!call) {
      if (event.type === 'agentAnswered') await this.deps.ari.hangup(event.agentChannelId).catch(() => undefined);
      return;
    }
    await this.step(call, event);
  }

  /** Runs one event through the machine and performs its effects. Inside `serial(call.callId)`. */
  async step(call: LiveCall, event: CallEvent): Promise<void> {
    const { call: next, effects } = applyCallEvent(call, event, this.deps.scheduler.now(), {
      wrapUpSeconds: wrapUpSecondsFor(call.queue, this.deps.wrapUpSeconds, this.deps.wrapUpSecondsByQueue),
    });
    const log = this.deps.log.child({
      callId: call.callId,
      channelId: call.callerChannelId,
      queue: next.queue,
      agent: next.agentId ?? call.agentId,
    });
    if (next.state !== call.state) log.info({ event: event.type }, `call ${call.callId} ${call.state} → ${next.state}`);
    if (!effects.some((e) => e.type === 'forget')) await this.deps.state.saveCall(next);
    const cx: EffectContext = { before: call, call: next, log };
    for (const effect of effects) {
      try {
        await this.perform(effect, cx);
      } catch (err) {
        log.error({ err: String(err), effect: effect.type }, 'call effect failed');
      }
    }
  }

  private perform(effect: CallEffect, cx: EffectContext): Promise<void> {
    if (!this.handlers) throw new Error('call effect handlers not installed');
    // The table is keyed by effect type, so this handler takes exactly this effect.
    const handler = this.handlers[effect.type] as (effect: CallEffect, cx: EffectContext) => Promise<void>;
    return handler(effect, cx);
  }
}
