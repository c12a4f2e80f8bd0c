import { describe, expect, it } from 'vitest';
import {
  doubleBookings,
  overtakings,
  phoneCalls,
  readySpells,
  type ServedCall,
  type StateChange,
  waitsWhileReady,
} from './floor-checks';

/**
 * The floor checks of two-asterisks.test.ts on made-up histories: each must flag the fault it
 * names (so the real-tier test can fail) and must not flag what the ACD rightly does.
 */
const call = (callId: string, over: Partial<ServedCall>): ServedCall => ({
  callId,
  queue: 'fund',
  priority: 0,
  enqueuedAt: 0,
  offeredAt: 0,
  endedAt: 0,
  agentId: '1001',
  ...over,
});
const ready = (agentId: string, at: number): StateChange => ({ agentId, state: 'ready', at });
const reserved = (agentId: string, at: number): StateChange => ({ agentId, state: 'reserved', at });

describe('floor checks', () => {
  it('readySpells: from each Ready to the next change, the last one to `until`', () => {
    expect(readySpells([ready('1001', 10), reserved('1001', 15), ready('1001', 40), reserved('1002', 5)], 100)).toEqual(
      new Map([
        [
          '1001',
          [
            { from: 10, to: 15 },
            { from: 40, to: 100 },
          ],
        ],
        ['1002', []],
      ]),
    );
  });

  it('doubleBookings: an agent offered a call before their last one ended', () => {
    const first = call('c1', { offeredAt: 100, endedAt: 500 });
    expect(doubleBookings([first, call('c2', { offeredAt: 400, endedAt: 900 })])).toEqual([
      { agentId: '1001', first: 'c1', second: 'c2' },
    ]);
    expect(doubleBookings([first, call('c2', { offeredAt: 600, endedAt: 900 })])).toEqual([]);
    expect(doubleBookings([first, call('c2', { offeredAt: 400, endedAt: 900, agentId: '1002' })])).toEqual([]);
  });

  it('overtakings: a later caller got an agent while the earlier one had none coming', () => {
    // c1 waits from 0, c2 from 10; 1002 is Ready at 20 and goes to c2; c1 gets 1001, Ready only at 50.
    const calls = [
      call('c1', { enqueuedAt: 0, offeredAt: 55, agentId: '1001' }),
      call('c2', { enqueuedAt: 10, offeredAt: 25, agentId: '1002' }),
    ];
    const changes = [ready('1002', 20), reserved('1002', 22), ready('1001', 50), reserved('1001', 52)];
    expect(overtakings(calls, changes)).toEqual([
      { ahead: 'c1', behind: 'c2', aheadAgentReadyAt: 50, behindOfferedAt: 25 },
    ]);
  });

  it('overtakings: two offers out of one floor may land in either order', () => {
    // Both agents Ready at 20; c2's offer is stored a moment before c1's.
    const calls = [
      call('c1', { enqueuedAt: 0, offeredAt: 27, agentId: '1001' }),
      call('c2', { enqueuedAt: 10, offeredAt: 25, agentId: '1002' }),
    ];
    const changes = [ready('1001', 20), ready('1002', 20), reserved('1001', 26), reserved('1002', 24)];
    expect(overtakings(calls, changes)).toEqual([]);
  });

  it('overtakings: other queues and other priorities are not compared', () => {
    const calls = [
      call('c1', { enqueuedAt: 0, offeredAt: 55, agentId: '1001' }),
      call('c2', { enqueuedAt: 10, offeredAt: 25, agentId: '1002', queue: 'hr' }),
      call('c3', { enqueuedAt: 12, offeredAt: 26, agentId: '1003', priority: 1 }),
    ];
    const changes = [ready('1002', 20), ready('1003', 20), ready('1001', 50)];
    expect(overtakings(calls, changes)).toEqual([]);
  });

  it('waitsWhileReady: the overlap of a wait with the Ready spells of agents who could take it', () => {
    const calls = [call('c1', { enqueuedAt: 100, offeredAt: 3_000, agentId: '1001' })];
    const changes = [ready('1001', 2_990), ready('1002', 0), ready('1003', 0)];
    const canTake = (agentId: string) => agentId !== '1003';
    expect(waitsWhileReady(calls, changes, canTake, 10_000)).toEqual([
      { callId: 'c1', agentId: '1002', ms: 2_900 },
      { callId: 'c1', agentId: '1001', ms: 10 },
    ]);
  });

  it("phoneCalls: an INVITE while a call is up is the phone's second call", () => {
    const oneAtATime = ['registered', 'invited x', 'answered x', 'ended x', 'invited y', 'answered y', 'ended y'];
    expect(phoneCalls(oneAtATime)).toEqual({ answered: 2, secondInvites: [] });
    const twoAtOnce = ['registered', 'invited x', 'answered x', 'invited y', 'answered y', 'ended x', 'ended y'];
    expect(phoneCalls(twoAtOnce)).toEqual({ answered: 2, secondInvites: ['y'] });
  });
});
