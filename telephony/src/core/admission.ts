/**
 * Admission control, pure: above a configured queue depth or estimated wait a new caller is not
 * put at the back of an endless queue; they get the overflow path (a callback offer, or a busy
 * message when they still want to queue). Both limits are optional; none set = always admit.
 */
export interface AdmissionLimits {
  /** Most callers that may wait in one queue; the next is refused. */
  maxQueueDepth?: number | undefined;
  /** Longest estimated wait (seconds) a new caller is queued for. */
  maxWaitSeconds?: number | undefined;
}

export type AdmissionDecision = { admit: true } | { admit: false; reason: 'depth' | 'wait' };

export function admission(
  queue: { waiting: number; estimatedWaitSeconds: number },
  limits: AdmissionLimits,
): AdmissionDecision {
  if (limits.maxQueueDepth !== undefined && queue.waiting >= limits.maxQueueDepth)
    return { admit: false, reason: 'depth' };
  if (limits.maxWaitSeconds !== undefined && queue.estimatedWaitSeconds > limits.maxWaitSeconds)
    return { admit: false, reason: 'wait' };
  return { admit: true };
}

/** Whether any limit is set (with none, callers never pay for an estimate at the queue's door). */
export function admissionEnabled(limits: AdmissionLimits): boolean {
  return limits.maxQueueDepth !== undefined || limits.maxWaitSeconds !== undefined;
}
