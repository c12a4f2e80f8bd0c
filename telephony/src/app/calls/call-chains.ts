import type { Logger } from 'pino';

/**
 * Work for one call is serialised: a promise chain per call id, so the events of a call never
 * interleave (ARI events, timers, IVR steps, crm-api answers all queue here). A failure is logged
 * and the chain goes on.
 */
export class CallChains {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly log: Logger) {}

  serial(callId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(callId) ?? Promise.resolve();
    const next = previous.then(work).catch((err: unknown) => this.log.error({ err, callId }, 'call work failed'));
    this.chains.set(callId, next);
    void next.finally(() => {
      if (this.chains.get(callId) === next) this.chains.delete(callId);
    });
    return next;
  }

  /** Waits for the work already queued (at shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.chains.values()]);
  }
}
