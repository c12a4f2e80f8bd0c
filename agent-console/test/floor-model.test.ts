import { QUEUE_IDS } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { allowedViews, landingView } from '../src/app/landing';
import { floorView, pickToday } from '../src/features/supervisor/floor-model';
import { agent, floor } from './factories';

describe('floorView', () => {
  const view = floorView(floor());

  it('has a row per queue, joining today and live counts, zeros where nothing happened', () => {
    expect(view.rows.map((r) => r.queue)).toEqual([...QUEUE_IDS]);
    expect(view.rows.find((r) => r.queue === 'fund')).toEqual({
      queue: 'fund', offered: 10, answered: 8, abandoned: 2, serviceLevel: 0.75, asaSeconds: 10, waiting: 3, longestWaitSeconds: 42, belowTarget: true,
    });
    expect(view.rows.find((r) => r.queue === 'startup')?.belowTarget).toBe(false); // 100%
    expect(view.rows.find((r) => r.queue === 'hr')?.belowTarget).toBe(false); // no calls: no level
    expect(view.rows.find((r) => r.queue === 'hr')).toMatchObject({ offered: 0, serviceLevel: null, asaSeconds: null, waiting: 1 });
  });

  it('totals sum the counts and weight ASA by answered calls', () => {
    expect(view.totals).toEqual({ offered: 14, answered: 10, abandoned: 2, asaSeconds: (8 * 10 + 2 * 4) / 10, waiting: 4, longestWaitSeconds: 42 });
  });

  it('the longest wait keeps ticking with the age of the snapshot, only where callers wait', () => {
    const aged = floorView(floor(), 5.5);
    expect(aged.rows.find((r) => r.queue === 'fund')?.longestWaitSeconds).toBe(47.5);
    expect(aged.rows.find((r) => r.queue === 'startup')?.longestWaitSeconds).toBe(0);
    expect(aged.totals.longestWaitSeconds).toBe(47.5);
  });

  it('has no ASA before the first answered call', () => {
    expect(floorView(floor({ today: { date: '2026-03-03', queues: [] }, queues: [] })).totals).toMatchObject({ asaSeconds: null, longestWaitSeconds: 0 });
  });

  it('counts agents by state and lists busy agents first', () => {
    expect(view.agentCounts).toMatchObject({ ready: 1, onCall: 1, notReady: 0 });
    expect(view.agents.map((a) => a.agentId)).toEqual(['1002', '1001']);
    const sameState = floorView(floor({ agents: [agent({ agentId: 'b', displayName: '하', state: 'ready' }), agent({ agentId: 'a', displayName: '가', state: 'ready' })] }));
    expect(sameState.agents.map((a) => a.agentId)).toEqual(['a', 'b']);
  });
});

describe('landing by role', () => {
  it.each([
    ['counselor', 'counselor'],
    ['supervisor', 'supervisor'],
    ['admin', 'supervisor'],
    ['partner', null],
    ['service', null],
  ] as const)('%s lands on %s', (role, view) => expect(landingView(role)).toBe(view));

  it('a supervisor with an agent id may also open the desk', () => {
    expect(allowedViews('supervisor', true)).toEqual(['supervisor', 'ivr', 'counselor', 'search', 'calendar', 'callbacks']);
    expect(allowedViews('supervisor', false)).toEqual(['supervisor', 'ivr', 'search', 'calendar', 'callbacks']);
    expect(allowedViews('admin', false)).toEqual(['supervisor', 'ivr', 'search', 'calendar', 'callbacks', 'imports']);
    expect(allowedViews('counselor', true)).toEqual(['counselor', 'search', 'calendar', 'callbacks']);
    expect(allowedViews('partner', false)).toEqual([]);
  });
});

describe('pickToday', () => {
  const day = (date: string, offered: number) => ({ date, queues: [{ queue: 'fund' as const, offered, answered: 0, abandoned: 0, serviceLevel: null, asaSeconds: null }] });
  it.each([
    ['socket only', { value: day('2026-03-03', 1), receivedAt: 10 }, null, 1],
    ['rest only', null, { value: day('2026-03-03', 2), receivedAt: 10 }, 2],
    ['rest newer', { value: day('2026-03-03', 1), receivedAt: 10 }, { value: day('2026-03-03', 2), receivedAt: 20 }, 2],
    ['socket newer', { value: day('2026-03-03', 3), receivedAt: 30 }, { value: day('2026-03-03', 2), receivedAt: 20 }, 3],
    ['new day wins even if older', { value: day('2026-03-04', 0), receivedAt: 10 }, { value: day('2026-03-03', 9), receivedAt: 20 }, 0],
  ] as const)('%s', (_name, socket, rest, offered) => {
    expect(pickToday(socket, rest)?.queues[0]?.offered).toBe(offered);
  });
  it('nothing yet', () => expect(pickToday(null, null)).toBeNull());
});
