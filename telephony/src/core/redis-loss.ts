import type { AgentRecord } from './agent-state';
import type { LiveCall } from './call';

/**
 * Redis lost its data (restarted without persistence, or flushed): how a telephony process tells,
 * and what it writes back. Pure, so every case is a row of a table test; `app/redis-loss.ts`
 * reads Redis, the process's memory and its consoles, and carries the plan out.
 *
 * Detection: every process remembers the value of one epoch key it saw. The key missing, or
 * holding another value than the one remembered (another process already noticed and claimed a
 * new epoch), means the data this process relied on is gone.
 */

export type EpochVerdict =
  /** First look and no epoch yet: this process sets one. */
  | { kind: 'claim' }
  /** First look, an epoch exists: remember it. */
  | { kind: 'adopt'; epoch: string }
  /** The epoch is the one remembered: nothing was lost. */
  | { kind: 'same' }
  /** Redis lost its data: claim a new epoch (or adopt the one another process claimed) and rebuild. */
  | { kind: 'lost'; found: string | null };

export function epochVerdict(remembered: string | null, found: string | null): EpochVerdict {
  if (remembered === null) return found === null ? { kind: 'claim' } : { kind: 'adopt', epoch: found };
  return found === remembered ? { kind: 'same' } : { kind: 'lost', found };
}

/** A counselor's console connected to this process (its socket session says who is logged in). */
export interface ConnectedConsole {
  agentId: string;
  socketId: string;
  displayName: string;
  skills: string[];
}

export interface RebuildPlan {
  /** Agent records written back as this process last saw them (only where Redis has none yet). */
  agents: AgentRecord[];
  /** Consoles connected here whose agent this process never saw: they log in again (Not ready). */
  logins: ConnectedConsole[];
  /** This node's live calls, written back; the resync then squares them with the PBX. */
  calls: LiveCall[];
}

/**
 * What to write back after a loss. Agents: only those whose console is connected to this
 * process (another process restores its own; an agent nobody serves stays logged out). Calls:
 * only this node's (each process controls the channels of its own PBX), and not ended ones.
 */
export function rebuildPlan(
  node: string,
  consoles: readonly ConnectedConsole[],
  rememberedAgents: ReadonlyMap<string, AgentRecord>,
  rememberedCalls: Iterable<LiveCall>,
): RebuildPlan {
  const agents: AgentRecord[] = [];
  const logins: ConnectedConsole[] = [];
  const seen = new Set<string>();
  for (const console of consoles) {
    if (seen.has(console.agentId)) continue; // two tabs of one agent: one record
    seen.add(console.agentId);
    const record = rememberedAgents.get(console.agentId);
    if (record && record.state !== 'offline') agents.push(record);
    else logins.push(console);
  }
  const calls = [...rememberedCalls].filter((c) => c.node === node && c.state !== 'ended');
  return { agents, logins, calls };
}
