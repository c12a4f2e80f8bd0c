import type { Logger } from 'pino';
import type { SimEvent } from '@cc1357/contracts';

/** The steering API's own event stream (not ARI): what tests and the demo watch the PBX do. */
export class SimEventBus {
  private readonly listeners = new Set<(e: SimEvent) => void>();

  constructor(
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  on(listener: (e: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(event: Omit<SimEvent, 'at'> & Record<string, unknown>): void {
    const full = { ...event, at: new Date(this.now()).toISOString() } as SimEvent;
    for (const l of this.listeners) {
      try {
        l(full);
      } catch (err) {
        this.log.warn({ err }, 'sim event listener failed');
      }
    }
  }
}
