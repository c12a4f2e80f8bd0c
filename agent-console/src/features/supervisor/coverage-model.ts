import {
  QUEUE_IDS,
  type AgentSnapshot,
  type FloorAgentDetailV1,
  type FloorSnapshotV1,
  type QueueId,
  type SupervisorAgentLogoutCommandV1,
  type SupervisorAgentNotReadyCommandV1,
  type SupervisorAgentSkillsCommandV1,
} from '@cc1357/contracts';

/**
 * Why callers wait, from one `floor.snapshot.v1` (issue 16): per queue, the agents able to take
 * it — logged in with its skill, and how many of them are Ready — and a flag when callers wait
 * while no Ready agent has the skill (the demo's "two agents Ready, eight callers waiting": their
 * skills did not match). Pure, so the rule is tested, not eyeballed.
 */

export interface QueueCoverage {
  queue: QueueId;
  waiting: number;
  /** Logged in (any state but offline) with the queue's skill. */
  able: number;
  /** Ready with the queue's skill: the next caller of this queue goes to one of them. */
  ready: number;
  /** Ready, but without this skill (they cannot help this queue's callers). */
  readyElsewhere: number;
  /** Callers wait and no Ready agent has the skill. */
  stuck: boolean;
}

export function queueCoverage(snapshot: Pick<FloorSnapshotV1, 'queues' | 'agents'>): QueueCoverage[] {
  const loggedIn = snapshot.agents.filter((a) => a.state !== 'offline');
  return QUEUE_IDS.map((queue) => {
    const waiting = snapshot.queues.find((q) => q.queue === queue)?.waiting ?? 0;
    const skilled = loggedIn.filter((a) => a.skills.includes(queue));
    const ready = skilled.filter((a) => a.state === 'ready').length;
    const readyElsewhere = loggedIn.filter((a) => a.state === 'ready' && !a.skills.includes(queue)).length;
    return { queue, waiting, able: skilled.length, ready, readyElsewhere, stuck: waiting > 0 && ready === 0 };
  });
}

/** The queues whose callers wait with no Ready agent able to take them, most callers first. */
export function stuckQueues(coverage: readonly QueueCoverage[]): QueueCoverage[] {
  return coverage.filter((c) => c.stuck).sort((a, b) => b.waiting - a.waiting);
}

/** An agent's wallboard row: their snapshot with the call they hold and today's counts. */
export interface AgentRow extends AgentSnapshot {
  detail: FloorAgentDetailV1 | null;
  /** Average handle time today (talk + wrap-up ÷ calls), null before the first call. */
  averageHandleSeconds: number | null;
}

export function agentRows(
  agents: readonly AgentSnapshot[],
  details: readonly FloorAgentDetailV1[] | undefined,
): AgentRow[] {
  const byId = new Map((details ?? []).map((d) => [d.agentId, d]));
  return agents.map((a) => {
    const detail = byId.get(a.agentId) ?? null;
    const averageHandleSeconds =
      detail && detail.handledToday > 0 ? detail.handleSecondsToday / detail.handledToday : null;
    return { ...a, detail, averageHandleSeconds };
  });
}

/** The socket commands of the agent actions panel (contracts/events/supervision.ts). */
export type AgentActionCommand =
  | { event: 'supervisor.agent.notReady.v1'; payload: SupervisorAgentNotReadyCommandV1 }
  | { event: 'supervisor.agent.logout.v1'; payload: SupervisorAgentLogoutCommandV1 }
  | { event: 'supervisor.agent.skills.v1'; payload: SupervisorAgentSkillsCommandV1 };

/** Agents holding a caller: Not ready and log out are refused by telephony until the call ends. */
export function holdsCaller(agent: Pick<AgentSnapshot, 'state'>): boolean {
  return agent.state === 'reserved' || agent.state === 'ringing' || agent.state === 'onCall';
}

/** The skills picked, in the queues' order (what the skills command sends). */
export function orderedSkills(picked: ReadonlySet<string>): QueueId[] {
  return QUEUE_IDS.filter((q) => picked.has(q));
}
