import { queueById, QUEUES } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { dayQueueStats, queueLegsOf, queueStats, serviceLevel, type QueueEventFact } from '../../src/domain/kpi';

const T0 = Date.parse('2025-03-14T01:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000);
const ev = (
  callId: string,
  type: QueueEventFact['type'],
  s: number,
  queue: QueueEventFact['queue'] = 'fund',
): QueueEventFact => ({ callId, type, at: at(s), queue });

describe('serviceLevel (answered within T ÷ (answered + abandoned − short abandons))', () => {
  it.each([
    [8, 10, 0, 0, 0.8],
    [8, 8, 2, 0, 0.8],
    [8, 8, 4, 2, 0.8], // two of the four abandons were short
    [0, 0, 3, 3, null], // only short abandons: nothing to measure
    [0, 0, 0, 0, null],
  ])('%i within T, %i answered, %i abandoned, %i short → %s', (within, answered, abandoned, short, expected) => {
    expect(serviceLevel(within, answered, abandoned, short)).toBe(expected);
  });
});

describe('queueLegsOf', () => {
  it('pairs a connect without a queue with the queue entered last (overflow)', () => {
    const legs = queueLegsOf([
      ev('c1', 'queue.entered', 0, 'fund'),
      ev('c1', 'queue.entered', 60, 'general'),
      ev('c1', 'call.connected', 70, null),
    ]);
    expect(legs).toEqual([
      { callId: 'c1', queue: 'fund', enteredAt: at(0), connectedAt: null, abandonedAt: null },
      { callId: 'c1', queue: 'general', enteredAt: at(60), connectedAt: at(70), abandonedAt: null },
    ]);
  });

  it('is order-independent, keeps the first entry and the first outcome', () => {
    const events = [
      ev('c1', 'call.connected', 30),
      ev('c1', 'queue.entered', 10),
      ev('c1', 'queue.entered', 0),
      ev('c1', 'call.connected', 40),
    ];
    expect(queueLegsOf(events)).toEqual([
      { callId: 'c1', queue: 'fund', enteredAt: at(0), connectedAt: at(30), abandonedAt: null },
    ]);
  });

  it('ignores an outcome for a call that never queued', () => {
    expect(queueLegsOf([ev('c9', 'call.abandoned', 5)])).toEqual([]);
  });
});

describe('queueStats', () => {
  const fund = queueById('fund'); // T = 20 s, short abandon < 5 s

  it.each<
    [
      string,
      QueueEventFact[],
      {
        offered: number;
        answered: number;
        abandoned: number;
        serviceLevel: number | null;
        asaSeconds: number | null;
        answeredWithinThreshold: number;
        shortAbandons: number;
      },
    ]
  >([
    [
      'no calls',
      [],
      {
        offered: 0,
        answered: 0,
        abandoned: 0,
        serviceLevel: null,
        asaSeconds: null,
        answeredWithinThreshold: 0,
        shortAbandons: 0,
      },
    ],
    [
      'answered at exactly T counts as within T',
      [ev('a', 'queue.entered', 0), ev('a', 'call.connected', 20)],
      {
        offered: 1,
        answered: 1,
        abandoned: 0,
        serviceLevel: 1,
        asaSeconds: 20,
        answeredWithinThreshold: 1,
        shortAbandons: 0,
      },
    ],
    [
      'answered after T',
      [ev('a', 'queue.entered', 0), ev('a', 'call.connected', 21)],
      {
        offered: 1,
        answered: 1,
        abandoned: 0,
        serviceLevel: 0,
        asaSeconds: 21,
        answeredWithinThreshold: 0,
        shortAbandons: 0,
      },
    ],
    [
      'short abandon leaves the denominator, a long one stays',
      [
        ev('a', 'queue.entered', 0),
        ev('a', 'call.connected', 10),
        ev('b', 'queue.entered', 0),
        ev('b', 'call.abandoned', 4),
        ev('c', 'queue.entered', 0),
        ev('c', 'call.abandoned', 30),
      ],
      {
        offered: 3,
        answered: 1,
        abandoned: 2,
        serviceLevel: 0.5,
        asaSeconds: 10,
        answeredWithinThreshold: 1,
        shortAbandons: 1,
      },
    ],
    [
      'still waiting: offered, not answered nor abandoned',
      [ev('a', 'queue.entered', 0)],
      {
        offered: 1,
        answered: 0,
        abandoned: 0,
        serviceLevel: null,
        asaSeconds: null,
        answeredWithinThreshold: 0,
        shortAbandons: 0,
      },
    ],
    [
      'ASA is the mean wait of answered calls, one decimal',
      [
        ev('a', 'queue.entered', 0),
        ev('a', 'call.connected', 5),
        ev('b', 'queue.entered', 0),
        ev('b', 'call.connected', 6),
        ev('c', 'queue.entered', 0),
        ev('c', 'call.connected', 6),
      ],
      {
        offered: 3,
        answered: 3,
        abandoned: 0,
        serviceLevel: 1,
        asaSeconds: 5.7,
        answeredWithinThreshold: 3,
        shortAbandons: 0,
      },
    ],
  ])('%s', (_label, events, expected) => {
    expect(queueStats(fund, queueLegsOf(events))).toEqual({ queue: 'fund', ...expected });
  });
});

describe('dayQueueStats', () => {
  it('lists every queue, counting only legs that entered inside the window', () => {
    const window = { start: at(0), end: at(3600) };
    const stats = dayQueueStats(
      QUEUES,
      [
        ev('in', 'queue.entered', 10, 'rnd'),
        ev('in', 'call.connected', 3700, 'rnd'),
        ev('before', 'queue.entered', -5, 'rnd'),
      ],
      window,
    );
    expect(stats.map((s) => s.queue)).toEqual(QUEUES.map((q) => q.id));
    // Answered after the window closed: still today's call.
    expect(stats.find((s) => s.queue === 'rnd')).toMatchObject({ offered: 1, answered: 1 });
    expect(stats.filter((s) => s.queue !== 'rnd').every((s) => s.offered === 0 && s.serviceLevel === null)).toBe(true);
  });
});
