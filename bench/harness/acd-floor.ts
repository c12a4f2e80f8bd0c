import { QUEUE_IDS, type QueueId, type SkillLevels } from '@cc1357/contracts';
import { type AgentRecord, applyAgentEvent, newAgent } from '../../telephony/src/core/agent-state';
import { applyCallEvent, type CallEffect, type CallStep, type LiveCall, newCall } from '../../telephony/src/core/call';

/**
 * A waiting floor for the `acd` scenario, made by telephony's own machines so the records are the
 * ones it stores: `calls` callers queued through `ivrFinished` (priorities, spread over 15 minutes,
 * some sent back after an agent let them ring out: `offer` then `ringTimeout`, so `missedBy` holds
 * them) and `agents` counselors logged in with skills and levels of the real queues, then Ready
 * (each idle since a different moment). Deterministic: the same sizes give the same floor.
 */
export interface AcdFloor {
  node: string;
  /** When the floor was made (every `since` and `enqueuedAt` is before it). */
  now: Date;
  agents: AgentRecord[];
  /** In the order they entered; `score` is the queue score telephony's `takePlace` effect gave. */
  calls: { call: LiveCall; queue: QueueId; score: number }[];
}

/** Share of callers per queue (fund busiest, as the center's lines are). */
const QUEUE_WEIGHTS: Record<QueueId, number> = {
  fund: 30,
  startup: 15,
  merchant: 20,
  rnd: 8,
  export: 7,
  hr: 8,
  general: 12,
};
const SPECIALTIES = QUEUE_IDS.filter((q) => q !== 'general');
const CALL_OPTIONS = { wrapUpSeconds: 0 };

export function makeAcdFloor(size: { calls: number; agents: number }, node = 'bench-acd'): AcdFloor {
  if (!Number.isInteger(size.calls) || size.calls < 1)
    throw new Error(`calls must be a positive integer, got ${size.calls}`);
  if (!Number.isInteger(size.agents) || size.agents < 1)
    throw new Error(`agents must be a positive integer, got ${size.agents}`);
  const random = lcg(1357);
  const now = new Date('2026-03-03T01:00:00.000Z'); // 10:00 in Seoul
  const at = (msBefore: number) => new Date(now.getTime() - msBefore);

  const agents: AgentRecord[] = [];
  for (let i = 0; i < size.agents; i++) {
    const skills: string[] = [SPECIALTIES[i % SPECIALTIES.length]!];
    if (random() < 0.3) {
      const second = SPECIALTIES[Math.floor(random() * SPECIALTIES.length)]!;
      if (!skills.includes(second)) skills.push(second);
    }
    if (random() < 0.5 || i % 7 === 6) skills.push('general');
    const skillLevels: SkillLevels = {};
    for (const skill of skills) skillLevels[skill] = 1 + Math.floor(random() * 5);
    const agentId = String(1001 + i);
    const loggedIn = applyAgentEvent(
      newAgent(agentId, `상담사 ${agentId}`, [], at(3_600_000)),
      { type: 'login', displayName: `상담사 ${agentId}`, skills, skillLevels },
      at(3_600_000),
    );
    const ready = loggedIn.ok && applyAgentEvent(loggedIn.agent, { type: 'ready' }, at(1_000 + random() * 600_000));
    if (!ready || !ready.ok) throw new Error(`agent ${agentId} could not be made Ready`);
    agents.push(ready.agent);
  }

  const bySkill = new Map<string, string[]>(
    QUEUE_IDS.map((q) => [q, agents.filter((a) => a.skills.includes(q)).map((a) => a.agentId)]),
  );
  const totalWeight = QUEUE_IDS.reduce((sum, q) => sum + QUEUE_WEIGHTS[q], 0);
  const calls: AcdFloor['calls'] = [];
  for (let i = 0; i < size.calls; i++) {
    let roll = random() * totalWeight;
    const queue = QUEUE_IDS.find((q) => (roll -= QUEUE_WEIGHTS[q]) < 0) ?? 'general';
    const p = random();
    const priority = p < 0.03 ? 2 : p < 0.15 ? 1 : 0;
    const arrived = at(900_000 - (i * 880_000) / size.calls);
    const callId = `bench-acd-${String(i).padStart(5, '0')}`;
    let step: CallStep = applyCallEvent(
      newCall(
        { callId, node, callerChannelId: `${callId}-caller`, callerNumber: `010${String(10_000_000 + i)}` },
        arrived,
      ),
      { type: 'ivrFinished', queue, priority, path: [queue], outcome: {} },
      new Date(arrived.getTime() + 20_000),
      CALL_OPTIONS,
    );
    // A new place: the score as stamped (one process here, so the queue keeps it as is).
    const place = step.effects.find((e): e is Extract<CallEffect, { type: 'takePlace' }> => e.type === 'takePlace');
    if (step.call.state !== 'queued' || !place) throw new Error(`call ${callId} did not reach the queue`);
    // One in ten rang out at an agent of the queue, one in fifty at two.
    const m = random();
    const misses = m < 0.02 ? 2 : m < 0.1 ? 1 : 0;
    const holders = bySkill.get(queue)!;
    for (let k = 0; k < misses && holders.length > 0; k++) {
      const agentId = holders[Math.floor(random() * holders.length)]!;
      const agentChannelId = `${callId}-agent-${k}`;
      const rang = new Date(arrived.getTime() + 30_000 + k * 20_000);
      step = applyCallEvent(step.call, { type: 'offer', agentId, agentChannelId }, rang, CALL_OPTIONS);
      step = applyCallEvent(step.call, { type: 'ringTimeout', agentChannelId }, rang, CALL_OPTIONS);
      if (step.call.state !== 'queued') throw new Error(`call ${callId} did not go back to the queue`);
    }
    calls.push({ call: step.call, queue, score: place.score });
  }
  return { node, now, agents, calls };
}

/** The calls of each queue in the order Redis's queue set holds them (score, then id). */
export function queuedInOrder(floor: AcdFloor): Map<QueueId, LiveCall[]> {
  const sorted = [...floor.calls].sort((a, b) =>
    a.score !== b.score ? a.score - b.score : a.call.callId < b.call.callId ? -1 : 1,
  );
  const byQueue = new Map<QueueId, LiveCall[]>();
  for (const { call, queue } of sorted) {
    const list = byQueue.get(queue) ?? [];
    list.push(call);
    byQueue.set(queue, list);
  }
  return byQueue;
}

/** Park–Miller: a small deterministic sequence in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed % 2147483647;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}
