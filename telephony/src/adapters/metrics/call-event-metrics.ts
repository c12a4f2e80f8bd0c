import type { CallEventV1 } from '@cc1357/contracts';
import type { TelephonyMetrics } from './telephony-metrics';

/**
 * Turns the call events telephony records (the same stream crm-api receives) into metrics:
 * offers and how they ended, queue waits of answered and abandoned calls, and a count per
 * event type. Reading the event stream, not the call machine, keeps the domain free of metrics
 * and counts exactly what the CRM's KPIs count.
 */
const MISS_REASONS = new Set(['noAnswer', 'rejected', 'failed']);

export function observeCallEvent(metrics: TelephonyMetrics, event: Pick<CallEventV1, 'type' | 'queue' | 'data'>): void {
  metrics.callEvents.inc({ type: event.type });
  const queue = event.queue ?? 'none';
  const data = event.data ?? {};
  switch (event.type) {
    case 'agent.offered':
      metrics.offers.inc({ queue });
      break;
    case 'agent.noAnswer': {
      const reason = typeof data.reason === 'string' && MISS_REASONS.has(data.reason) ? data.reason : 'failed';
      metrics.offerOutcomes.inc({ queue, outcome: reason });
      break;
    }
    case 'call.connected':
      metrics.offerOutcomes.inc({ queue, outcome: 'answered' });
      observeWait(metrics, queue, 'answered', data.waitedSeconds);
      break;
    case 'call.abandoned':
      // Hung up while an agent's phone rang: that offer ended too.
      if (data.ringing === true) metrics.offerOutcomes.inc({ queue, outcome: 'callerHangup' });
      observeWait(metrics, queue, 'abandoned', data.waitedSeconds);
      break;
  }
}

function observeWait(metrics: TelephonyMetrics, queue: string, outcome: string, seconds: unknown): void {
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0)
    metrics.queueWait.observe({ queue, outcome }, seconds);
}
