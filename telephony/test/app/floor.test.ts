import type { DayStats, FloorSnapshotV1 } from '@cc1357/contracts';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { FloorService } from '../../src/app/floor';
import type { CrmClient } from '../../src/adapters/crm/client';
import type { LiveState } from '../../src/adapters/redis/live-state';
import { ManualScheduler } from '../support/manual-scheduler';

/** The wallboard catches up with crm-api after the floor goes quiet (the last hang-up counts). */
describe('FloorService', () => {
  const day = (answered: number): DayStats => ({
    date: '2026-11-26',
    queues: [{ queue: 'fund', offered: 1, answered, abandoned: 0, serviceLevel: null, asaSeconds: null }],
  });
  // Only what FloorService reads of its adapters; Redis and HTTP themselves are tested elsewhere.
  const state = {
    listAgents: async () => [],
    listCalls: async () => [],
    refusedOn: async () => ({}),
  } as unknown as LiveState;
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** A FloorService on a hand-driven clock (throttle 250 ms, stats cached 5 s) over `crm`'s today's numbers. */
  const floorOver = (crm: Pick<CrmClient, 'todayStats'>) => {
    const scheduler = new ManualScheduler();
    const seen: FloorSnapshotV1[] = [];
    const floor = new FloorService({
      state,
      crm: crm as CrmClient,
      scheduler,
      log: pino({ level: 'silent' }),
      emit: (s) => seen.push(s),
      throttleMs: 250,
      statsTtlMs: 5_000,
    });
    return { floor, scheduler, seen };
  };

  it('builds nothing while no supervisor here watches, and publishes again once one does', async () => {
    let watched = false;
    let reads = 0;
    const scheduler = new ManualScheduler();
    const seen: FloorSnapshotV1[] = [];
    const floor = new FloorService({
      state: { ...state, listAgents: async () => (reads++, []) } as unknown as LiveState,
      crm: { todayStats: async () => day(0) } as unknown as CrmClient,
      scheduler,
      log: pino({ level: 'silent' }),
      emit: (s) => seen.push(s),
      throttleMs: 250,
      watched: () => watched,
    });
    floor.nudge();
    scheduler.advance(10_000); // the throttled build and the trailing refresh both came due
    await flush();
    expect(seen).toHaveLength(0);
    expect(reads).toBe(0);

    watched = true;
    floor.nudge();
    scheduler.advance(250);
    await flush();
    expect(seen).toHaveLength(1);
    expect(reads).toBe(1);
    floor.close();
  });

  it('publishes once more after the stats cache expires, with what crm-api now says', async () => {
    let answered = 0;
    const { floor, scheduler, seen } = floorOver({ todayStats: async () => day(answered) });

    floor.nudge();
    scheduler.advance(250);
    await flush();
    expect(seen.at(-1)?.today.queues[0]?.answered).toBe(0);

    answered = 1; // crm-api ingests the call's last events a moment later; nothing else moves
    scheduler.advance(2_000);
    await flush();
    expect(seen).toHaveLength(1);
    scheduler.advance(3_500);
    await flush();
    expect(seen).toHaveLength(2);
    expect(seen.at(-1)?.today.queues[0]?.answered).toBe(1);

    scheduler.advance(60_000); // and then it stays quiet: no refresh loop
    await flush();
    expect(seen).toHaveLength(2);
    floor.close();
  });

  it('builds the snapshot again every 5 s while a door is closed, and stops once every door is open', async () => {
    const doors = { closed: 1, refused: 4 };
    const scheduler = new ManualScheduler();
    const seen: FloorSnapshotV1[] = [];
    const floor = new FloorService({
      state: { ...state, doorRefusedOn: async () => doors.refused } as unknown as LiveState,
      doors: { closedDoors: async () => doors.closed },
      crm: { todayStats: async () => day(0) } as unknown as CrmClient,
      scheduler,
      log: pino({ level: 'silent' }),
      emit: (s) => seen.push(s),
      throttleMs: 250,
      statsTtlMs: 60_000, // no trailing refresh within this test: what comes is the door's
      doorRecheckMs: 5_000,
    });
    floor.nudge();
    scheduler.advance(250);
    await flush();
    expect(seen.map((s) => s.door)).toEqual([{ refusedToday: 4, closedNodes: 1 }]);

    doors.refused = 9; // callers refused meanwhile wake nobody: the door's own rebuild shows them
    scheduler.advance(5_000);
    await flush();
    expect(seen.at(-1)?.door).toEqual({ refusedToday: 9, closedNodes: 1 });
    doors.closed = 0; // e.g. the only closed node died: no word comes, the rebuild sees it
    scheduler.advance(5_000);
    await flush();
    expect(seen.at(-1)?.door).toEqual({ refusedToday: 9, closedNodes: 0 });
    expect(seen).toHaveLength(3);
    scheduler.advance(30_000); // every door open: no more rebuilds
    await flush();
    expect(seen).toHaveLength(3);

    doors.closed = 2;
    floor.nudge();
    scheduler.advance(250);
    await flush();
    expect(seen).toHaveLength(4);
    floor.close(); // closed with a door closed: the rebuild goes too
    scheduler.advance(30_000);
    await flush();
    expect(seen).toHaveLength(4);
  });

  it('asks crm-api once while a slow answer is on its way, however many snapshots wait for it', async () => {
    const asked: Array<(stats: DayStats) => void> = [];
    const { floor, scheduler, seen } = floorOver({
      todayStats: () => new Promise<DayStats>((resolve) => asked.push(resolve)),
    });
    for (let i = 0; i < 4; i++) {
      floor.nudge(); // each builds a snapshot 250 ms later, all waiting on crm-api
      scheduler.advance(250);
      await flush();
    }
    expect(asked).toHaveLength(1);
    expect(seen).toHaveLength(0);
    asked[0]!(day(3));
    await flush();
    expect(seen).toHaveLength(4);
    expect(seen.every((s) => s.today.queues[0]?.answered === 3)).toBe(true);
    floor.close();
  });
});
