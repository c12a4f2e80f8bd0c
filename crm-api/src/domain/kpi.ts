import type { QueueDayStats, QueueDefinition, QueueId } from '@cc1357/contracts';

/**
 * Queue KPIs as named formulas over raw per-call facts (DOMAIN.md: store facts, compute
 * measures). Pure: events in, numbers out.
 */

/** The events the KPIs read, as stored. */
export interface QueueEventFact {
  callId: string;
  type: 'queue.entered' | 'call.connected' | 'call.abandoned';
  at: Date;
  queue: QueueId | null;
}

/** One call's stay in one queue. */
export interface QueueLeg {
  callId: string;
  queue: QueueId;
  enteredAt: Date;
  connectedAt: Date | null;
  abandonedAt: Date | null;
}

/**
 * Folds a call's events into queue legs. A connect/abandon names its queue when telephony
 * knows it; without one it belongs to the queue the call entered last (overflow moves a call
 * from one queue to another; only the queue it left from gets the outcome). Re-entering the
 * same queue keeps the first entry, so the wait counts from when the caller first queued.
 */
export function queueLegsOf(events: readonly QueueEventFact[]): QueueLeg[] {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const byCall = new Map<string, { legs: Map<QueueId, QueueLeg>; current: QueueId | null }>();
  const out: QueueLeg[] = [];
  for (const e of sorted) {
    let call = byCall.get(e.callId);
    if (!call) byCall.set(e.callId, (call = { legs: new Map(), current: null }));
    if (e.type === 'queue.entered') {
      if (!e.queue) continue;
      call.current = e.queue;
      if (!call.legs.has(e.queue)) {
        const leg: QueueLeg = {
          callId: e.callId,
          queue: e.queue,
          enteredAt: e.at,
          connectedAt: null,
          abandonedAt: null,
        };
        call.legs.set(e.queue, leg);
        out.push(leg);
      }
      continue;
    }
    const leg = call.legs.get(e.queue ?? call.current ?? ('' as QueueId));
    if (!leg || leg.connectedAt || leg.abandonedAt) continue; // an outcome without a queue stay, or a second outcome
    if (e.type === 'call.connected') leg.connectedAt = e.at;
    else leg.abandonedAt = e.at;
  }
  return out;
}

const seconds = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 1000;

/**
 * The default service-level formula (DOMAIN.md): answered within T ÷ (answered + abandoned −
 * short abandons). Null when nothing counts (no calls is not 0% nor 100%).
 */
export function serviceLevel(
  answeredWithinT: number,
  answered: number,
  abandoned: number,
  shortAbandons: number,
): number | null {
  const denominator = answered + abandoned - shortAbandons;
  return denominator > 0 ? answeredWithinT / denominator : null;
}

/** Offered, answered, abandoned, service level and ASA for one queue's legs. */
export function queueStats(queue: QueueDefinition, legs: readonly QueueLeg[]): QueueDayStats {
  const mine = legs.filter((l) => l.queue === queue.id);
  const offered = new Set(mine.map((l) => l.callId)).size;
  const answeredWaits = mine.filter((l) => l.connectedAt).map((l) => seconds(l.enteredAt, l.connectedAt!));
  const abandonWaits = mine
    .filter((l) => !l.connectedAt && l.abandonedAt)
    .map((l) => seconds(l.enteredAt, l.abandonedAt!));
  const answered = answeredWaits.length;
  const abandoned = abandonWaits.length;
  const shortAbandons = abandonWaits.filter((w) => w < queue.shortAbandonSeconds).length;
  const withinT = answeredWaits.filter((w) => w <= queue.serviceLevelSeconds).length;
  const asa = answered > 0 ? answeredWaits.reduce((s, w) => s + w, 0) / answered : null;
  return {
    queue: queue.id,
    offered,
    answered,
    abandoned,
    serviceLevel: serviceLevel(withinT, answered, abandoned, shortAbandons),
    asaSeconds: asa === null ? null : Math.round(asa * 10) / 10,
    answeredWithinThreshold: withinT,
    shortAbandons,
  };
}

/**
 * Every configured queue (zeros included), counting the legs that entered the queue inside
 * [start, end). A call answered after midnight still counts for the day it queued.
 */
export function dayQueueStats(
  queues: readonly QueueDefinition[],
  events: readonly QueueEventFact[],
  window: { start: Date; end: Date },
): QueueDayStats[] {
  const legs = queueLegsOf(events).filter((l) => l.enteredAt >= window.start && l.enteredAt < window.end);
  return queues.map((q) => queueStats(q, legs));
}
