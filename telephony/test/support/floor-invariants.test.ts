import type { QueueId } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import type { AgentRecord } from '../../src/core/agent-state';
import { type LiveCall, newCall } from '../../src/core/call';
import {
  type FloorSnapshot,
  agentsWithTwoCalls,
  idleWhileWaiting,
  offersBeforePreviousEnd,
  overtakes,
  reservedOutOfPlace,
} from './floor-invariants';

const T0 = Date.parse('2026-03-02T01:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

function call(id: string, over: Partial<LiveCall> = {}): LiveCall {
  const base = newCall({ callId: id, node: 'a', callerChannelId: `ch-${id}`, callerNumber: null }, new Date(T0));
  return { ...base, state: 'queued', queue: 'fund', enqueuedAt: at(0), ...over };
}

function agent(id: string, state: AgentRecord['state'], callId: string | null = null, skills = ['fund']) {
  const record: AgentRecord = {
    agentId: id,
    displayName: id,
    skills,
    state,
    reason: null,
    since: at(0),
    callId,
    wrapUpUntil: null,
  };
  return record;
}

function snap(
  queued: Partial<Record<QueueId, string[]>>,
  calls: LiveCall[],
  agents: [AgentRecord, number][] = [],
): FloorSnapshot {
  return {
    queued: new Map(Object.entries(queued) as [QueueId, string[]][]),
    calls: new Map(calls.map((c) => [c.callId, c])),
    agents: new Map(agents.map(([a, version]) => [a.agentId, { agent: a, version }])),
  };
}

describe('floor invariants (the multi-node test’s judges)', () => {
  const c1 = call('c1', { enqueuedAt: at(1) });
  const c2 = call('c2', { enqueuedAt: at(2), node: 'b' });
  const c2served = { ...c2, state: 'offering' as const, agentId: '7' };
  const waiting = snap({ fund: ['c1', 'c2'] }, [c1, c2], [[agent('7', 'ready'), 4]]);

  it('an agent holding two live calls', () => {
    const s = snap({}, [{ ...c1, state: 'connected', agentId: '7' }, c2served]);
    expect(agentsWithTwoCalls(s)).toEqual(['7']);
    expect(agentsWithTwoCalls(snap({}, [c2served]))).toEqual([]);
  });

  it('a later caller served while an earlier one stays queued through three snapshots', () => {
    const next = snap({ fund: ['c1'] }, [c1, c2served], [[agent('7', 'reserved', 'c2'), 5]]);
    expect(overtakes(waiting, waiting, next)).toEqual([
      { queue: 'fund', waiting: 'c1', served: 'c2', agent: '7', nodes: ['a', 'b'] },
    ]);
    // Not when the earlier caller was not queued at the oldest snapshot (a pass may have read the queue before it).
    expect(overtakes(snap({ fund: ['c2'] }, [c2]), waiting, next)).toEqual([]);
  });

  it('priority is queue order: a priority caller served first overtakes nobody', () => {
    const vip = call('c3', { enqueuedAt: at(30), priority: 1, state: 'offering', agentId: '7' });
    const before = snap({ fund: ['c3', 'c1'] }, [{ ...vip, state: 'queued', agentId: null }, c1]);
    expect(overtakes(before, before, snap({ fund: ['c1'] }, [c1, vip]))).toEqual([]);
  });

  it('an agent who let the waiting call ring out may be passed over for it', () => {
    const missed = { ...c1, missedBy: ['7'] };
    const s = snap({ fund: ['c1', 'c2'] }, [missed, c2]);
    expect(overtakes(s, s, snap({ fund: ['c1'] }, [missed, c2served]))).toEqual([]);
  });

  it('the earlier caller’s pick taken meanwhile for another queue excuses the order', () => {
    const other = call('g1', { queue: 'general', state: 'offering', agentId: '8' });
    const prev = snap({ fund: ['c1', 'c2'] }, [c1, c2], [[agent('8', 'ready', null, ['fund', 'general']), 2]]);
    const next = snap(
      { fund: ['c1'] },
      [c1, c2served, other],
      [[agent('8', 'reserved', 'g1', ['fund', 'general']), 3]],
    );
    expect(overtakes(prev, prev, next)).toEqual([]);
  });

  it('a caller waiting while a matching agent stays Ready and untouched across a pass on every node', () => {
    expect(idleWhileWaiting(waiting, waiting)).toEqual([
      { queue: 'fund', call: 'c1', agent: '7' },
      { queue: 'fund', call: 'c2', agent: '7' },
    ]);
    // Its record changed (e.g. reserved and back): not the same idle moment.
    expect(idleWhileWaiting(waiting, snap({ fund: ['c1', 'c2'] }, [c1, c2], [[agent('7', 'ready'), 6]]))).toEqual([]);
    // An agent without the skill does not match.
    const hr = snap({ fund: ['c1'] }, [c1], [[agent('9', 'ready', null, ['hr']), 1]]);
    expect(idleWhileWaiting(hr, hr)).toEqual([]);
  });

  it('an offer before the agent’s previous call ended', () => {
    const spans = [
      { agentId: '7', callId: 'x', offeredAt: 0, endedAt: 100 },
      { agentId: '7', callId: 'y', offeredAt: 100, endedAt: 200 },
      { agentId: '7', callId: 'z', offeredAt: 150, endedAt: 300 },
    ];
    expect(offersBeforePreviousEnd(spans).map((s) => s.callId)).toEqual(['z']);
  });
});

describe('reservedOutOfPlace', () => {
  const place = (callId: string, at: number, reservation: number | null, queue = 'fund', priority = 0) => ({
    callId,
    queue,
    priority,
    place: at,
    reservation,
  });

  it('finds a later place reserved before an earlier one, in one queue only', () => {
    expect(
      reservedOutOfPlace([place('a', 100, 2), place('b', 200, 1), place('c', 300, 3), place('x', 50, 9, 'hr')]),
    ).toEqual([['a', 'b']]);
  });

  it('passes places reserved in their order, and equal places either way', () => {
    expect(reservedOutOfPlace([place('a', 100, 1), place('b', 100, 0), place('c', 200, 5)])).toEqual([]);
  });

  it('leaves pairs across priorities to the snapshots (a priority place jumps ahead of callers already served)', () => {
    expect(reservedOutOfPlace([place('a', 200, 1), place('vip', 150, 2, 'fund', 1)])).toEqual([]);
  });

  it('counts an offer with no reservation number', () => {
    expect(reservedOutOfPlace([place('a', 100, null), place('b', 200, 1)])).toEqual([['a', 'a']]);
  });
});
