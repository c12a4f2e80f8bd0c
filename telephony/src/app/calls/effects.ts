import type { Logger } from 'pino';
import type { CallEffect, CallEvent, LiveCall } from '../../core/call';

/**
 * The seam between the call machine and the units that carry out what it decides. Every effect
 * type has exactly one handler; a unit offers a `Pick` of `EffectHandlers` for the effects it
 * owns, and the builder spreads them into one complete table (a missing or doubled effect is a
 * compile error there). A new capability is a new unit with its own effects, not a new branch.
 */
export interface EffectContext {
  /** The call before the event (e.g. the agent leg a hang-up just cleared). */
  before: LiveCall;
  /**
   * The call after the event, as saved. The one handler that corrects the saved call (`takePlace`,
   * when the queue moved the place) saves it again and updates it here, so later effects see it.
   */
  call: LiveCall;
  /** Bound to the call (callId, channel, queue, agent). */
  log: Logger;
}

export type EffectType = CallEffect['type'];
export type EffectOf<K extends EffectType> = Extract<CallEffect, { type: K }>;
export type EffectHandler<K extends EffectType> = (effect: EffectOf<K>, cx: EffectContext) => Promise<void>;
export type EffectHandlers = { [K in EffectType]: EffectHandler<K> };

/** Feeds an event to one call's machine, queued behind the call's other work. */
export interface CallFeed {
  feed(callId: string, event: CallEvent): Promise<void>;
}

/** A unit that keeps per-call memory in this process: dropped when the call is forgotten. */
export interface CallMemory {
  forget(callId: string): void;
}
