import { QUEUE_IDS, type CallEventV1 } from '@cc1357/contracts';
import type pg from 'pg';
import type { QueueEventFact, QueueLeg } from '../../src/domain/kpi';

/** A small seeded generator (mulberry32): the same seed draws the same events on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Queue events of `calls` calls starting around `from`, drawn to hit the corners of the leg fold:
 * re-entries, overflow to another queue, outcomes with and without a queue, outcomes naming a
 * queue never entered, second outcomes, an outcome before any entry, and equal timestamps
 * (ordered by event id). Ids are unique; the order is the order of the draw, not of time.
 */
export function randomQueueEvents(seed: number, calls: number, from: Date, prefix = 'r'): CallEventV1[] {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const events: CallEventV1[] = [];
  for (let c = 0; c < calls; c++) {
    const callId = `${prefix}${c}`;
    const start = from.getTime() + Math.floor(rnd() * 36 * 3600) * 1000;
    let t = start;
    // Coarse steps so some events share a timestamp.
    const next = () => (t += pick([0, 0, 1000, 5000, 20_000, 40_000]));
    const at = () => new Date(next()).toISOString();
    const n = 1 + Math.floor(rnd() * 6);
    let k = 0;
    const id = () => `${callId}-${String(++k).padStart(2, '0')}-${Math.floor(rnd() * 1e6)}`;
    events.push({ id: id(), callId, type: 'call.arrived', at: new Date(start).toISOString(), data: {} });
    for (let i = 0; i < n; i++) {
      const r = rnd();
      if (r < 0.45) {
        events.push({ id: id(), callId, type: 'queue.entered', at: at(), queue: pick(QUEUE_IDS), data: {} });
      } else {
        const type = rnd() < 0.6 ? 'call.connected' : 'call.abandoned';
        const named = rnd() < 0.5;
        events.push({ id: id(), callId, type, at: at(), ...(named ? { queue: pick(QUEUE_IDS) } : {}), data: {} });
      }
    }
    events.push({ id: id(), callId, type: 'call.ended', at: at(), data: {} });
  }
  return events;
}

/** The queue facts of contract events, in the order given (what queueLegsOf reads). */
export function factsOfEvents(events: readonly CallEventV1[]): QueueEventFact[] {
  return events
    .filter((e) => e.type === 'queue.entered' || e.type === 'call.connected' || e.type === 'call.abandoned')
    .map((e) => ({
      callId: e.callId,
      type: e.type as QueueEventFact['type'],
      at: new Date(e.at),
      queue: (e.queue ?? null) as QueueEventFact['queue'],
    }));
}

/** Legs as comparable rows, sorted by call and queue. */
export function legRows(legs: readonly QueueLeg[]): string[] {
  return legs
    .map(
      (l) =>
        `${l.callId} ${l.queue} ${l.enteredAt.toISOString()} c=${l.connectedAt?.toISOString() ?? '-'} a=${l.abandonedAt?.toISOString() ?? '-'}`,
    )
    .sort();
}

/** Every row of queue_legs, comparable with legRows. */
export async function storedLegRows(db: pg.Pool): Promise<string[]> {
  const { rows } = await db.query<QueueLeg>(
    `SELECT call_id AS "callId", queue, entered_at AS "enteredAt", connected_at AS "connectedAt",
            abandoned_at AS "abandonedAt" FROM queue_legs`,
  );
  return legRows(rows);
}
