import {
  type AgentState,
  type CallerPop,
  type FloorAgentDetailV1,
  type QueueId,
  type SkillLevels,
  maskPhone,
  normalizeSkillLevels,
} from '@cc1357/contracts';
import type { AgentRecord } from './agent-state';

/**
 * Pure rules of a supervisor's actions on an agent and of the per-agent day counts the
 * wallboard shows.
 */

/** States in which the agent holds a caller: Not ready and log out would cut the caller off. */
const WITH_CALLER: ReadonlySet<AgentState> = new Set(['reserved', 'ringing', 'onCall']);

/**
 * Why a forced Not ready / log out is refused, or null when it may go ahead. An agent with a
 * caller is refused (the supervisor tries again once the call is in wrap-up) rather than changed
 * after the call: a supervisor sees at once that nothing happened, and no change waits hidden.
 */
export function supervisorRefusal(
  agent: Pick<AgentRecord, 'agentId' | 'state'> | null,
  action: 'notReady' | 'logout',
): string | null {
  if (!agent || agent.state === 'offline') return 'the agent is not logged in';
  if (WITH_CALLER.has(agent.state))
    return `agent ${agent.agentId} has a caller (${agent.state}): ${action === 'logout' ? 'log out' : 'Not ready'} is possible once the call ends`;
  return null;
}

/**
 * What one agent change adds to the agent's day: a call handled when a call ends (onCall → any),
 * and handle time = the talk time then plus the wrap-up time when wrap-up ends.
 */
export function handledDelta(
  before: Pick<AgentRecord, 'state' | 'since'>,
  after: Pick<AgentRecord, 'state' | 'since'>,
): { calls: number; seconds: number } | null {
  if (before.state === after.state) return null;
  const seconds = Math.max(0, (Date.parse(after.since) - Date.parse(before.since)) / 1000);
  if (before.state === 'onCall') return { calls: 1, seconds };
  if (before.state === 'wrapUp') return { calls: 0, seconds };
  return null;
}

/**
 * The skills an agent logs in with: a supervisor's change made after the token was issued wins
 * over the token's (which was signed with the skills of before); a token issued later carries
 * crm-api's stored skills, which the change updated too, so it wins.
 */
export function skillsAtLogin(
  token: { skills: string[]; iat?: number | undefined },
  changed: { skills: string[]; at: string } | null,
): string[] {
  return skillProfileAtLogin(token, changed).skills;
}

/** Skills with their levels, by the same rule: the levels travel with the skills they came with. */
export function skillProfileAtLogin(
  token: { skills: string[]; skillLevels?: SkillLevels | undefined; iat?: number | undefined },
  changed: { skills: string[]; skillLevels?: SkillLevels | undefined; at: string } | null,
): { skills: string[]; skillLevels: SkillLevels } {
  const won = !changed || (token.iat !== undefined && Date.parse(changed.at) < token.iat * 1000) ? token : changed;
  return { skills: won.skills, skillLevels: normalizeSkillLevels(won.skills, won.skillLevels) };
}

/**
 * The wallboard's line about one agent: the call they hold (queue, masked number, the company
 * the pop found — one when the number matched a single company) and today's counts.
 */
export function floorDetailOf(
  agent: Pick<AgentRecord, 'agentId' | 'callId'>,
  call: { callId: string; queue: QueueId | null; callerNumber: string | null } | null,
  pop: Pick<CallerPop, 'companies'> | null,
  day: { calls: number; seconds: number } | undefined,
): FloorAgentDetailV1 {
  const companies = pop?.companies ?? [];
  return {
    agentId: agent.agentId,
    call:
      agent.callId && call
        ? {
            callId: call.callId,
            queue: call.queue,
            callerNumber: maskPhone(call.callerNumber),
            company: companies.length === 1 ? companies[0]!.name : null,
          }
        : null,
    handledToday: day?.calls ?? 0,
    handleSecondsToday: Math.round(day?.seconds ?? 0),
  };
}
