import { DayStats, QUEUES, type CallEventV1, type QueueDayStats } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayQueueStats, queueLegsOf } from '../src/domain/kpi';
import { seoulDay } from '../src/domain/seoulDay';
import { eventsOfCalls } from '../src/repositories/callEvents';
import { queueFactsOf } from '../src/services/callEvents';
import { call, count, startTestCrm, tokenFor, type TestCrm } from './support/server';
import { factsOfEvents, legRows, randomQueueEvents, seeded, storedLegRows } from './support/queueEvents';

/** 2025-03-14 in Seoul; the server's clock reads 12:00 KST that day (TEST_NOW). */
const kst = (hms: string, day = '2025-03-14') => new Date(`${day}T${hms}+09:00`).toISOString();
const TODAY = seoulDay('2025-03-14');

let seq = 0;
function ev(callId: string, type: CallEventV1['type'], at: string, extra: Partial<CallEventV1> = {}): CallEventV1 {
  return { id: `${callId}-${String(++seq).padStart(3, '0')}-${type}`, callId, type, at, data: {}, ...extra };
}

// The day, call by call (T = 20 s, short abandon < 5 s for every queue).
const a1 = [
  ev('a1', 'queue.entered', kst('09:00:00'), { queue: 'fund' }),
  ev('a1', 'call.connected', kst('09:00:10'), { queue: 'fund', agentId: '1001' }),
];
// Short abandon.
const a2 = [
  ev('a2', 'queue.entered', kst('09:10:00'), { queue: 'fund' }),
  ev('a2', 'call.abandoned', kst('09:10:03'), { queue: 'fund' }),
];
const a3 = [
  ev('a3', 'queue.entered', kst('09:20:00'), { queue: 'startup' }),
  ev('a3', 'call.abandoned', kst('09:20:45'), { queue: 'startup' }),
];
// Queued twice in fund (transferred back): one leg, the first entry and its first outcome.
const a4 = [
  ev('a4', 'queue.entered', kst('10:00:00'), { queue: 'fund' }),
  ev('a4', 'call.connected', kst('10:00:30'), { queue: 'fund', agentId: '1001' }),
  ev('a4', 'queue.entered', kst('10:05:00'), { queue: 'fund' }),
  ev('a4', 'call.connected', kst('10:05:20'), { queue: 'fund', agentId: '1003' }),
];
// Answered in general, then transferred to hr and answered there (that connect names no queue).
const a5 = [
  ev('a5', 'queue.entered', kst('10:30:00'), { queue: 'general' }),
  ev('a5', 'call.connected', kst('10:30:05'), { queue: 'general', agentId: '1008' }),
  ev('a5', 'queue.entered', kst('10:40:00'), { queue: 'hr' }),
  ev('a5', 'call.connected', kst('10:40:50'), { agentId: '1006' }),
];
// Queued yesterday, answered today: yesterday's leg.
const a6 = [
  ev('a6', 'queue.entered', kst('23:59:30', '2025-03-13'), { queue: 'rnd' }),
  ev('a6', 'call.connected', kst('00:00:40'), { queue: 'rnd', agentId: '1004' }),
];
// Queued in fund yesterday, overflowed to general today and answered there: only general is today's.
const a7 = [
  ev('a7', 'queue.entered', kst('23:59:50', '2025-03-13'), { queue: 'fund' }),
  ev('a7', 'queue.entered', kst('00:00:50'), { queue: 'general' }),
  ev('a7', 'call.connected', kst('00:01:00'), { agentId: '1008' }),
];
// Overflow fund → general, delivered backwards (connect, then general, then fund).
const a8 = [
  ev('a8', 'queue.entered', kst('11:00:00'), { queue: 'fund' }),
  ev('a8', 'queue.entered', kst('11:00:20'), { queue: 'general' }),
  ev('a8', 'call.connected', kst('11:00:40'), { agentId: '1008' }),
];
// The overflow entry arrives after the connect: the answer moves from fund to general.
const a9 = [
  ev('a9', 'queue.entered', kst('11:10:00'), { queue: 'fund' }),
  ev('a9', 'queue.entered', kst('11:10:20'), { queue: 'general' }),
  ev('a9', 'call.connected', kst('11:10:40'), { agentId: '1008' }),
];
// Still waiting in rnd.
const a10 = [ev('a10', 'call.arrived', kst('11:50:00')), ev('a10', 'queue.entered', kst('11:50:10'), { queue: 'rnd' })];
// IVR only.
const a11 = [ev('a11', 'call.arrived', kst('11:55:00')), ev('a11', 'call.ended', kst('11:55:30'))];

/** Delivery as telephony might do it: split, out of order, re-sent, with duplicates inside a batch. */
const BATCHES: CallEventV1[][] = [
  [a1[0]!, a2[0]!, a3[0]!, a8[2]!],
  [a1[1]!, a1[1]!, a2[1]!, a9[0]!, a9[2]!, a6[1]!],
  [a8[1]!, a4[0]!, a4[1]!, a5[0]!, a7[2]!],
  [a8[0]!, a3[1]!, a4[2]!, a4[3]!, a5[1]!, a5[2]!, a5[3]!, a10[0]!],
  [a7[1]!, a6[0]!, a10[1]!, ...a11, a1[0]!],
  [a9[1]!, a7[0]!, a2[1]!],
];
const ALL = [a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11].flat();

const zero = (queue: string): QueueDayStats => ({
  queue: queue as QueueDayStats['queue'],
  offered: 0,
  answered: 0,
  abandoned: 0,
  serviceLevel: null,
  asaSeconds: null,
  answeredWithinThreshold: 0,
  shortAbandons: 0,
});

/** Counted by hand from the calls above. */
const HAND_COUNT: Record<string, QueueDayStats> = {
  // a1 (10 s), a2 (abandoned 3 s: short), a4 (30 s, once), a8 and a9 (left for general, no outcome).
  fund: {
    ...zero('fund'),
    offered: 5,
    answered: 2,
    abandoned: 1,
    shortAbandons: 1,
    answeredWithinThreshold: 1,
    serviceLevel: 1 / 2,
    asaSeconds: 20,
  },
  startup: { ...zero('startup'), offered: 1, abandoned: 1, serviceLevel: 0 },
  // a5 (5 s), a7 (10 s), a8 (20 s), a9 (20 s): ASA 13.75 → 13.8.
  general: {
    ...zero('general'),
    offered: 4,
    answered: 4,
    answeredWithinThreshold: 4,
    serviceLevel: 1,
    asaSeconds: 13.8,
  },
  hr: { ...zero('hr'), offered: 1, answered: 1, serviceLevel: 0, asaSeconds: 50 },
  // a10 waiting; a6 was yesterday's.
  rnd: { ...zero('rnd'), offered: 1 },
};

describe('queue legs: today’s figures kept as events arrive', () => {
  let crm: TestCrm;
  let service: string;
  let supervisor: string;
  const post = (events: CallEventV1[]) =>
    call(crm, 'POST', '/api/internal/call-events', { token: service, body: { events } });
  const today = async () => {
    const res = await call(crm, 'GET', '/api/stats/today', { token: supervisor });
    expect(res.status).toBe(200);
    return DayStats.parse(res.body);
  };
  /** dayQueueStats over the raw events delivered so far (each once), without the table. */
  const fromEvents = (delivered: readonly CallEventV1[]) => {
    const once = [...new Map(delivered.map((e) => [e.id, e])).values()];
    return dayQueueStats(QUEUES, factsOfEvents(once), TODAY);
  };

  beforeAll(async () => {
    crm = await startTestCrm();
    service = await tokenFor('service');
    supervisor = await tokenFor('supervisor');
  });
  afterAll(() => crm.close());

  it('after every batch, equals dayQueueStats over the events delivered so far', async () => {
    const delivered: CallEventV1[] = [];
    for (const batch of BATCHES) {
      expect((await post(batch)).status).toBe(200);
      delivered.push(...batch);
      expect((await today()).queues).toEqual(fromEvents(delivered));
    }
    expect(new Set(delivered.map((e) => e.id)).size).toBe(ALL.length);
  });

  it('ends on the hand count, and on one row per call and queue', async () => {
    const stats = await today();
    expect(stats.date).toBe('2025-03-14');
    expect(stats.queues).toEqual(QUEUES.map((q) => HAND_COUNT[q.id] ?? zero(q.id)));
    expect(stats.queues).toEqual(fromEvents(ALL));
    // a1 a2 a3 a4 · a5 ×2 · a6 · a7 ×2 · a8 ×2 · a9 ×2 · a10
    expect(await count(crm.db, 'queue_legs')).toBe(14);
    expect(await storedLegRows(crm.db)).toEqual(legRows(queueLegsOf(factsOfEvents(ALL))));
  });

  it('a replay, one event at a time and backwards, changes no row', async () => {
    const before = await crm.db.query(`SELECT * FROM queue_legs ORDER BY call_id, queue`);
    for (const e of [...ALL].reverse()) expect((await post([e])).body).toEqual({ stored: 0, duplicates: 1 });
    const after = await crm.db.query(`SELECT * FROM queue_legs ORDER BY call_id, queue`);
    // updated_at included: an unchanged leg is not rewritten.
    expect(after.rows).toEqual(before.rows);
    expect((await today()).queues).toEqual(QUEUES.map((q) => HAND_COUNT[q.id] ?? zero(q.id)));
  });

  it('concurrent out-of-order batches of many calls end on the legs of all their events', async () => {
    // Another day (10–11 March), so today's hand count above stays as it is.
    const events = randomQueueEvents(15, 150, new Date(kst('00:00:00', '2025-03-10')), 'p');
    const rnd = seeded(1357);
    const shuffled = events
      .map((e) => ({ e, k: rnd() }))
      .sort((x, y) => x.k - y.k)
      .map((x) => x.e);
    const batches: CallEventV1[][] = [];
    for (let i = 0; i < shuffled.length;) {
      const size = 1 + Math.floor(rnd() * 25);
      const batch = shuffled.slice(i, i + size);
      // Some batches re-send a few events already sent.
      if (i > 0 && rnd() < 0.3) batch.push(...shuffled.slice(Math.max(0, i - 5), i));
      batches.push(batch);
      i += size;
    }
    for (let i = 0; i < batches.length; i += 4) {
      const results = await Promise.all(batches.slice(i, i + 4).map(post));
      expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    }
    const callIds = [...new Set(events.map((e) => e.callId))];
    const stored = await eventsOfCalls(crm.db, callIds);
    const expected = legRows(queueLegsOf(queueFactsOf(stored)));
    expect(expected.length).toBeGreaterThan(100);
    const { rows } = await crm.db.query(`SELECT call_id FROM queue_legs WHERE call_id LIKE 'p%'`);
    expect(rows.length).toBe(expected.length);
    expect((await storedLegRows(crm.db)).filter((r) => r.startsWith('p'))).toEqual(expected);
  });
});
