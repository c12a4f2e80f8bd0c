import { skillLevelOf } from '@cc1357/contracts';
import type { AgentRecord } from './agent-state';

/**
 * Agent selection, pure. A queue is served by agents holding its skill; among the `ready`
 * ones the highest skill level wins (issue 16: the best-skilled Ready agent), then the longest
 * idle (earliest `since`), ties broken by id so every process agrees. Records without levels
 * have every skill at the default level, so with no levels set this is plain longest idle.
 * The caller of this function still has to reserve the pick atomically (Redis): the snapshot
 * it chose from may already be stale.
 */
export function pickAgent(
  agents: readonly AgentRecord[],
  skill: string,
  exclude: ReadonlySet<string> = new Set(),
): AgentRecord | null {
  let best: AgentRecord | null = null;
  let bestLevel = 0;
  for (const agent of agents) {
    if (agent.state !== 'ready' || !agent.skills.includes(skill) || exclude.has(agent.agentId)) continue;
    const level = skillLevelOf(agent.skillLevels, skill);
    if (!best || level > bestLevel || (level === bestLevel && isIdleLonger(agent, best))) {
      best = agent;
      bestLevel = level;
    }
  }
  return best;
}

/**
 * Every Ready agent with `skill` (but `exclude`) in `pickAgent`'s order: the first is its pick,
 * and each next one is the pick once those before are taken. One sort for a whole line of callers
 * instead of a scan of the floor per caller: with 2,000 counselors the scans, each parsing two
 * timestamps per comparison, were the ACD's main cost.
 */
export function rankReady(
  agents: readonly AgentRecord[],
  skill: string,
  exclude: ReadonlySet<string> = new Set(),
): AgentRecord[] {
  const ranked: { agent: AgentRecord; level: number; since: number }[] = [];
  for (const agent of agents) {
    if (agent.state !== 'ready' || !agent.skills.includes(skill) || exclude.has(agent.agentId)) continue;
    ranked.push({ agent, level: skillLevelOf(agent.skillLevels, skill), since: Date.parse(agent.since) });
  }
  ranked.sort(
    (a, b) =>
      b.level - a.level ||
      a.since - b.since ||
      (a.agent.agentId < b.agent.agentId ? -1 : a.agent.agentId > b.agent.agentId ? 1 : 0),
  );
  return ranked.map((r) => r.agent);
}

function isIdleLonger(a: AgentRecord, b: AgentRecord): boolean {
  const da = Date.parse(a.since);
  const db = Date.parse(b.since);
  return da !== db ? da < db : a.agentId < b.agentId;
}

/**
 * Queue order: earlier arrival first; each priority level jumps one minute ahead. A caller
 * sent back after an agent missed the call keeps this score, i.e. keeps their place.
 */
export function queueScore(enqueuedAt: string, priority: number): number {
  return Date.parse(enqueuedAt) - priority * 60_000;
}

/** The place time (`enqueuedAt`) a queue score stands for: the inverse of `queueScore`. */
export function placeTimeOfScore(score: number, priority: number): string {
  return new Date(score + priority * 60_000).toISOString();
}
