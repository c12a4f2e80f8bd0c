import { type AgentRosterEntry, normalizeSkillLevels } from '@cc1357/contracts';
import { listActiveAgents, type UserRow } from '../repositories/users';
import type { ServiceContext } from './context';

/** Active users with an agent id: the roster telephony routes calls to. */
export async function agentRoster(ctx: ServiceContext): Promise<AgentRosterEntry[]> {
  const rows = await listActiveAgents(ctx.db);
  return rows.map((u) => ({
    agentId: u.agentId!,
    username: u.username,
    displayName: u.displayName,
    skills: u.skills,
    ...levelsOf(u),
  }));
}

/** A user's levels that differ from the default, when any: DTOs without levels read as before. */
export function levelsOf(u: Pick<UserRow, 'skills' | 'skillLevels'>): { skillLevels?: Record<string, number> } {
  const skillLevels = normalizeSkillLevels(u.skills, u.skillLevels);
  return Object.keys(skillLevels).length > 0 ? { skillLevels } : {};
}
