import type { AgentNotReadyReason, AgentState } from '@cc1357/contracts';

/**
 * Staffed time from the agents' recorded state changes (issue 16), pure. An agent is staffed in
 * any state but offline — except Not ready for a lost console (`disconnected`, telephony's own
 * reason once the console was gone past its grace period: nobody is at the desk).
 *
 * The state at the period's start is the last change before it. With none, the agent's first
 * change in the period tells the rest: from `offline` (a log-in) means offline until then; from
 * anything else means the history began mid-stream (recording was switched on while the agent
 * was working), so the state is known only from that change on. Occupancy against staffed time
 * (occupancy.v2) is given only where the state is known for the whole interval; elsewhere the
 * report keeps occ.v1.
 */

export interface AgentStateFact {
  id: string;
  agentId: string;
  from: AgentState;
  to: AgentState;
  reason: AgentNotReadyReason | null;
  callId: string | null;
  at: Date;
}

export interface AgentStaffing {
  agentId: string;
  /** From when the agent's state is known (≥ the period's start). */
  knownFrom: Date;
  /** The staffed stretches [from, to), clipped to the period and to `now`, in order. */
  stretches: Array<[Date, Date]>;
}

export const isStaffed = (state: AgentState, reason: AgentNotReadyReason | null): boolean =>
  state !== 'offline' && reason !== 'disconnected';

const byTime = (a: AgentStateFact, b: AgentStateFact) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id);

/**
 * Each agent's staffed stretches inside [period.start, min(period.end, now)). `changes` holds the
 * changes inside the period and (at most) each agent's last change before it, in any order.
 */
export function staffingOf(
  changes: readonly AgentStateFact[],
  period: { start: Date; end: Date },
  now: Date,
): Map<string, AgentStaffing> {
  const until = new Date(Math.min(period.end.getTime(), now.getTime()));
  const byAgent = new Map<string, AgentStateFact[]>();
  for (const c of changes) {
    const list = byAgent.get(c.agentId);
    if (list) list.push(c);
    else byAgent.set(c.agentId, [c]);
  }
  const out = new Map<string, AgentStaffing>();
  for (const [agentId, list] of byAgent) {
    list.sort(byTime);
    const before = list.filter((c) => c.at < period.start).at(-1);
    const inside = list.filter((c) => c.at >= period.start && c.at < until);
    let staffedSince: Date | null = null;
    let knownFrom = period.start;
    if (before) {
      if (isStaffed(before.to, before.reason)) staffedSince = period.start;
    } else if (inside.length > 0 && inside[0]!.from !== 'offline') {
      knownFrom = inside[0]!.at;
    } else if (inside.length === 0) {
      continue; // nothing known about this agent in the period
    }
    const stretches: Array<[Date, Date]> = [];
    for (const c of inside) {
      const staffed = isStaffed(c.to, c.reason);
      if (staffed && !staffedSince) staffedSince = c.at;
      else if (!staffed && staffedSince) {
        if (c.at > staffedSince) stretches.push([staffedSince, c.at]);
        staffedSince = null;
      }
    }
    if (staffedSince && until > staffedSince) stretches.push([staffedSince, until]);
    out.set(agentId, { agentId, knownFrom, stretches });
  }
  return out;
}

/** Whether the agent's state is known for all of [from, …): occupancy.v2 applies there. */
export function coversFrom(staffing: AgentStaffing | undefined, from: Date): boolean {
  return staffing !== undefined && staffing.knownFrom.getTime() <= from.getTime();
}
