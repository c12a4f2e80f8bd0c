import { QUEUE_IDS } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { floorView, pickToday } from './floor-model';
import { agent, floor } from '../../../test/factories';

describe('floorView', () => {
  const view = floorView(floor());

  it('has a row per queue, joining today and live counts, zeros where nothing happened', () => {
    expect(view.rows.map((r) => r.queue)).toEqual([...QUEUE_IDS]);
    expect(view.rows.find((r) => r.queue === 'fund')).toEqual({
      queue: 'fund',
      offered: 10,
      answered: 8,
      abandoned: 2,
      serviceLevel: 0.75,
      asaSeconds: 10,
      waiting: 3,
      longestWaitSeconds: 42,
      belowTarget: true,
    });
    expect(view.rows.find((r) => r.queue === 'startup')?.belowTarget).toBe(false); // 100%
    expect(view.rows.find((r) => r.queue === 'hr')?.belowTarget).toBe(false); // no calls: no level
    expect(view.rows.find((r) => r.queue === 'hr')).toMatchObject({
      offered: 0,
      serviceLevel: null,
      asaSeconds: null,
      waiting: 1,
    });
  });

  it('totals sum the counts, weight ASA by answered calls and take the service level from the counts', () => {
    expect(view.totals).toEqual({
      offered: 14,
      answered: 10,
      abandoned: 2,
      asaSeconds: (8 * 10 + 2 * 4) / 10,
      // (6 + 2) within ÷ ((8 + 2 − 2) + 2): 80 %, where the average of the queues' 75 % and 100 % would say 87.5 %.
      serviceLevel: 0.8,
      waiting: 4,
      longestWaitSeconds: 42,
    });
  });

  it("has no total service level when a queue's counts are missing (an older crm-api) or nothing counts", () => {
    const today = floor().today;
    const older = today.queues.map(({ answeredWithinThreshold: _w, shortAbandons: _s, ...q }) => q);
    expect(floorView(floor({ today: { ...today, queues: older } })).totals.serviceLevel).toBeNull();
    expect(floorView(floor({ today: { ...today, queues: [] } })).totals.serviceLevel).toBeNull();
  });

  it('the longest wait keeps ticking with the age of the snapshot, only where callers wait', () => {
    const aged = floorView(floor(), 5.5);
    expect(aged.rows.find((r) => r.queue === 'fund')?.longestWaitSeconds).toBe(47.5);
    expect(aged.rows.find((r) => r.queue === 'startup')?.longestWaitSeconds).toBe(0);
    expect(aged.totals.longestWaitSeconds).toBe(47.5);
  });

  it('has no ASA before the first answered call', () => {
    expect(floorView(floor({ today: { date: '2026-03-03', queues: [] }, queues: [] })).totals).toMatchObject({
      asaSeconds: null,
      longestWaitSeconds: 0,
    });
  });

  it('carries the doors: callers turned away at a closed door today and the doors closed now', () => {
    expect(floorView(floor({ door: { refusedToday: 7, closedNodes: 1 } })).door).toEqual({
      refusedToday: 7,
      closedNodes: 1,
    });
    expect(view.door).toBeUndefined(); // older telephony: unknown, not zero
  });

  it('counts agents by state and lists busy agents first', () => {
    expect(view.agentCounts).toMatchObject({ ready: 1, onCall: 1, notReady: 0 });
    expect(view.agents.map((a) => a.agentId)).toEqual(['1002', '1001']);
    const sameState = floorView(
      floor({
        agents: [
          agent({ agentId: 'b', displayName: '하', state: 'ready' }),
          agent({ agentId: 'a', displayName: '가', state: 'ready' }),
        ],
      }),
    );
    expect(sameState.agents.map((a) => a.agentId)).toEqual(['a', 'b']);
  });
});

describe('pickToday', () => {
  const day = (date: string, offered: number) => ({
    date,
    queues: [{ queue: 'fund' as const, offered, answered: 0, abandoned: 0, serviceLevel: null, asaSeconds: null }],
  });
  it.each([
    ['socket only', { value: day('2026-03-03', 1), receivedAt: 10 }, null, 1],
    ['rest only', null, { value: day('2026-03-03', 2), receivedAt: 10 }, 2],
    ['rest newer', { value: day('2026-03-03', 1), receivedAt: 10 }, { value: day('2026-03-03', 2), receivedAt: 20 }, 2],
    [
      'socket newer',
      { value: day('2026-03-03', 3), receivedAt: 30 },
      { value: day('2026-03-03', 2), receivedAt: 20 },
      3,
    ],
    [
      'new day wins even if older',
      { value: day('2026-03-04', 0), receivedAt: 10 },
      { value: day('2026-03-03', 9), receivedAt: 20 },
      0,
    ],
  ] as const)('%s', (_name, socket, rest, offered) => {
    expect(pickToday(socket, rest)?.queues[0]?.offered).toBe(offered);
  });
  it('nothing yet', () => expect(pickToday(null, null)).toBeNull());
});
