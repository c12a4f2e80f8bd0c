import type { QueueId } from '@cc1357/contracts';
import { type HandleTime, observeHandleTime } from '../../core/wait-estimate';

/**
 * The average handle time of each queue's calls on this process (talk + wrap-up, weighted towards
 * recent calls), for the IVR's wait estimate. Learnt from the calls this process ends; until a
 * queue has had a call, `priorSeconds` stands in.
 */
export class HandleTimes {
  private readonly byQueue = new Map<QueueId, HandleTime>();

  constructor(private readonly priorSeconds: number) {
    if (!Number.isFinite(priorSeconds) || priorSeconds < 0)
      throw new RangeError(`prior handle time must be ≥ 0 seconds, got ${priorSeconds}`);
  }

  observe(queue: QueueId, seconds: number): void {
    const next = observeHandleTime(this.byQueue.get(queue) ?? null, seconds);
    if (next) this.byQueue.set(queue, next);
  }

  secondsOf(queue: QueueId): number {
    return this.byQueue.get(queue)?.seconds ?? this.priorSeconds;
  }
}
