import type { CallerPop } from '@cc1357/contracts';
import type { LiveCall } from '../../core/call';
import type { CrmClient } from '../../adapters/crm/client';
import type { CallMemory } from './effects';

/** What of crm-api the pop needs (the one place telephony looks a caller up). */
export type PopLookup = Pick<CrmClient, 'callerPop'>;

/**
 * The caller pop (who is calling, their companies and recent consultations), looked up once per
 * call: prefetched when the call arrives, so it is ready long before an agent is, and shared by
 * the offer, the IVR's `callerKnown` fact and the partner relay.
 */
export class CallerPops implements CallMemory {
  private readonly pops = new Map<string, Promise<CallerPop>>();
  /** The pops crm-api has answered, for the offer that must not wait for one (`ready`). */
  private readonly answered = new Map<string, CallerPop>();

  constructor(private readonly crm: PopLookup) {}

  prefetch(callId: string, callerNumber: string | null): void {
    this.lookUp(callId, callerNumber);
  }

  of(call: Pick<LiveCall, 'callId' | 'callerNumber'>): Promise<CallerPop> {
    return this.pops.get(call.callId) ?? this.lookUp(call.callId, call.callerNumber);
  }

  /** The pop if crm-api has answered already, else null (and the look-up is under way). */
  ready(call: Pick<LiveCall, 'callId' | 'callerNumber'>): CallerPop | null {
    const answered = this.answered.get(call.callId);
    if (answered) return answered;
    void this.of(call);
    return null;
  }

  forget(callId: string): void {
    this.pops.delete(callId);
    this.answered.delete(callId);
  }

  private lookUp(callId: string, callerNumber: string | null): Promise<CallerPop> {
    const pop = this.crm.callerPop(callerNumber, callId);
    this.pops.set(callId, pop);
    // crm-api's client answers every failure with an `unavailable` pop; it does not reject.
    void pop.then(
      (value) => {
        if (this.pops.get(callId) === pop) this.answered.set(callId, value);
      },
      () => undefined,
    );
    return pop;
  }
}
