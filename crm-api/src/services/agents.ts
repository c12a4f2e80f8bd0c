import type { AgentRosterEntry } from '@cc1357/contracts';
import { listActiveAgents } from '../repositories/users';
import type { ServiceContext } from './context';

/** Active users with an agent id: the roster telephony routes calls to. */
export async function agentRoster(ctx: ServiceContext): Promise<AgentRosterEntry[]> {
  const rows = await listActiveAgents(ctx.db);
  return rows.map((u) => ({ agentId: u.agentId!, username: u.username, displayName: u.displayName, skills: u.skills }));
}
