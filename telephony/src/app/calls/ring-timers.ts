import type { CallEvent } from '../../core/call';
import type { Scheduler, TimerHandle } from '../../clock/scheduler';
import type { CallFeed, CallMemory, EffectHandlers } from './effects';

export interface RingTimersDeps {
  scheduler: Scheduler;
  calls: CallFeed;
  ringTimeoutSeconds: number;
  partnerRingTimeoutSeconds: number;
}

/** The call's one ring timer (agent or partner leg): feeds its timeout event unless cancelled first. */
export class RingTimers implements CallMemory {
  private readonly timers = new Map<string, TimerHandle>();

  constructor(private readonly deps: RingTimersDeps) {}

  handlers(): Pick<EffectHandlers, 'startRingTimer' | 'startPartnerTimer' | 'cancelRingTimer'> {
    return {
      startRingTimer: async (effect, { call }) =>
        this.arm(call.callId, this.deps.ringTimeoutSeconds * 1000, {
          type: 'ringTimeout',
          agentChannelId: effect.agentChannelId,
        }),
      startPartnerTimer: async (effect, { call }) =>
        this.arm(call.callId, this.deps.partnerRingTimeoutSeconds * 1000, {
          type: 'partnerLost',
          channelId: effect.channelId,
          reason: 'noAnswer',
        }),
      cancelRingTimer: async (_effect, { call }) => this.forget(call.callId),
    };
  }

  /** Whether this process is timing the call's ringing leg (after a restart it is not). */
  armed(callId: string): boolean {
    return this.timers.has(callId);
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

  private arm(callId: string, ms: number, event: CallEvent): void {
    this.forget(callId);
    this.timers.set(
      callId,
      this.deps.scheduler.setTimeout(() => {
        this.timers.delete(callId);
        void this.deps.calls.feed(callId, event);
      }, ms),
    );
  }
}
