import { QUEUE_IDS, queueById } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { pickForEach } from '../../telephony/src/app/calls/acd-dispatcher';
import { queueScore } from '../../telephony/src/core/acd';
import { makeAcdFloor, queuedInOrder } from '../harness/acd-floor';

describe('acd scenario floor', () => {
  it('queues every call through the call machine, some missed by an agent of their queue, with priorities', () => {
    const floor = makeAcdFloor({ calls: 300, agents: 40 });
    expect(floor.calls).toHaveLength(300);
    expect(new Set(floor.calls.map((c) => c.call.callId)).size).toBe(300);
    for (const { call, queue, score } of floor.calls) {
      expect(call).toMatchObject({ state: 'queued', queue, node: floor.node, agentId: null });
      expect(score).toBe(queueScore(call.enqueuedAt!, call.priority));
      for (const agentId of call.missedBy)
        expect(floor.agents.find((a) => a.agentId === agentId)?.skills).toContain(queue);
    }
    expect(floor.calls.some((c) => c.call.missedBy.length > 0)).toBe(true);
    expect(new Set(floor.calls.map((c) => c.call.priority))).toEqual(new Set([0, 1, 2]));
    expect(new Set(floor.calls.map((c) => c.queue))).toEqual(new Set(QUEUE_IDS));
  });

  it('has every agent Ready with skills and levels, and every queue served', () => {
    const floor = makeAcdFloor({ calls: 10, agents: 40 });
    expect(floor.agents).toHaveLength(40);
    for (const agent of floor.agents) {
      expect(agent.state).toBe('ready');
      expect(agent.skills.length).toBeGreaterThan(0);
      expect(Date.parse(agent.since)).toBeLessThan(floor.now.getTime());
    }
    for (const queue of QUEUE_IDS) expect(floor.agents.some((a) => a.skills.includes(queue))).toBe(true);
    expect(floor.agents.some((a) => Object.keys(a.skillLevels ?? {}).length > 0)).toBe(true);
  });

  it('is the same floor for the same sizes, and refuses a size that is not a positive integer', () => {
    expect(makeAcdFloor({ calls: 50, agents: 10 })).toEqual(makeAcdFloor({ calls: 50, agents: 10 }));
    expect(() => makeAcdFloor({ calls: 0, agents: 10 })).toThrow(/calls must be a positive integer/);
    expect(() => makeAcdFloor({ calls: 10, agents: 1.5 })).toThrow(/agents must be a positive integer/);
  });

  it("gives telephony's pickForEach calls in queue order and agents with the skill, nobody twice", () => {
    const floor = makeAcdFloor({ calls: 200, agents: 30 });
    const snapshot = floor.agents.map((value) => ({ value, version: 1 }));
    for (const [queue, waiting] of queuedInOrder(floor)) {
      const scores = waiting.map((c) => queueScore(c.enqueuedAt!, c.priority));
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
      const picks = pickForEach(waiting, snapshot, queueById(queue).skill, new Set());
      const holders = floor.agents.filter((a) => a.skills.includes(queue)).length;
      expect(picks).toHaveLength(Math.min(holders, waiting.length));
      expect(picks.map((p) => p.call)).toEqual(waiting.slice(0, picks.length));
      expect(new Set(picks.map((p) => p.agent.value.agentId)).size).toBe(picks.length);
      for (const p of picks) expect(p.agent.value.skills).toContain(queue);
    }
  });
});
