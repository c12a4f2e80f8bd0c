/**
 * The promises of several telephony nodes sharing one floor, checked after the fact from what was
 * recorded: call events and agent state changes (crm-api), the live call's place in its queue
 * (Redis) and the desk phones' own logs. Pure functions over plain rows, so each check is shown
 * failing on a made-up history (floor-checks.test.ts) as well as passing on a real one.
 */

/** A caller who waited in a queue and was offered to an agent. Times in ms since the epoch. */
export interface ServedCall {
  callId: string;
  queue: string;
  priority: number;
  /** When the call took its place in the queue (the live call's `enqueuedAt`: what the ACD orders by). */
  enqueuedAt: number;
  /** `agent.offered`. */
  offeredAt: number;
  /** `call.ended`. */
  endedAt: number;
  agentId: string;
}

/** One row of crm-api's `agent_state_changes`. */
export interface StateChange {
  agentId: string;
  state: string;
  at: number;
}

export interface Interval {
  from: number;
  to: number;
}

/** Each agent's Ready spells, from their state changes; the last one lasts until `until`. */
export function readySpells(changes: readonly StateChange[], until: number): Map<string, Interval[]> {
  const byAgent = new Map<string, StateChange[]>();
  for (const c of changes) byAgent.set(c.agentId, [...(byAgent.get(c.agentId) ?? []), c]);
  const spells = new Map<string, Interval[]>();
  for (const [agentId, list] of byAgent) {
    const sorted = [...list].sort((x, y) => x.at - y.at);
    const own: Interval[] = [];
    sorted.forEach((c, i) => {
      if (c.state === 'ready') own.push({ from: c.at, to: sorted[i + 1]?.at ?? until });
    });
    spells.set(agentId, own);
  }
  return spells;
}

/** Pairs of calls one agent held at once: [offered, ended] of one overlaps the other's. */
export function doubleBookings(calls: readonly ServedCall[]): { agentId: string; first: string; second: string }[] {
  const found: { agentId: string; first: string; second: string }[] = [];
  const agents = new Set(calls.map((c) => c.agentId));
  for (const agentId of agents) {
    const own = calls.filter((c) => c.agentId === agentId).sort((x, y) => x.offeredAt - y.offeredAt);
    own.forEach((call, i) => {
      const next = own[i + 1];
      if (next && next.offeredAt < call.endedAt) found.push({ agentId, first: call.callId, second: next.callId });
    });
  }
  return found;
}

/**
 * First in, first out per queue, across nodes: a caller is overtaken when one who joined the same
 * queue (same priority) after them was offered an agent while they waited and no agent was Ready
 * for them — the agent they finally got became Ready only after the later caller's offer. Two
 * offers out of one floor in the same moment may land in either order (the agent of the caller
 * ahead was Ready already); a wait that then drags on is `waitsWhileReady`'s to catch.
 */
export function overtakings(
  calls: readonly ServedCall[],
  changes: readonly StateChange[],
): { ahead: string; behind: string; aheadAgentReadyAt: number; behindOfferedAt: number }[] {
  const spells = readySpells(changes, Number.POSITIVE_INFINITY);
  /** When the agent became Ready for the offer at `offeredAt` (the spell that offer ended). */
  const readyFor = (call: ServedCall) =>
    (spells.get(call.agentId) ?? []).filter((s) => s.from <= call.offeredAt).at(-1)?.from ?? Number.NEGATIVE_INFINITY;
  const found: { ahead: string; behind: string; aheadAgentReadyAt: number; behindOfferedAt: number }[] = [];
  for (const ahead of calls)
    for (const behind of calls) {
      if (ahead.queue !== behind.queue || ahead.priority !== behind.priority) continue;
      if (!(ahead.enqueuedAt < behind.enqueuedAt && behind.offeredAt < ahead.offeredAt)) continue;
      const aheadAgentReadyAt = readyFor(ahead);
      if (aheadAgentReadyAt > behind.offeredAt)
        found.push({
          ahead: ahead.callId,
          behind: behind.callId,
          aheadAgentReadyAt,
          behindOfferedAt: behind.offeredAt,
        });
    }
  return found;
}

/**
 * How long each caller waited while an agent able to take them sat Ready: the overlap of the
 * caller's wait (enqueued → offered) with each Ready spell of an agent with the queue's skill.
 * Some overlap is the ACD's own pass (reading the floor, reserving, ringing); the caller decides
 * what is too long.
 */
export function waitsWhileReady(
  calls: readonly ServedCall[],
  changes: readonly StateChange[],
  canTake: (agentId: string, queue: string) => boolean,
  until: number,
): { callId: string; agentId: string; ms: number }[] {
  const spells = readySpells(changes, until);
  const found: { callId: string; agentId: string; ms: number }[] = [];
  for (const call of calls)
    for (const [agentId, own] of spells) {
      if (!canTake(agentId, call.queue)) continue;
      for (const spell of own) {
        const ms = Math.min(call.offeredAt, spell.to) - Math.max(call.enqueuedAt, spell.from);
        if (ms > 0) found.push({ callId: call.callId, agentId, ms });
      }
    }
  return found.sort((x, y) => y.ms - x.ms);
}

/**
 * A desk phone's own record (phone-calls.xml's log: `invited`, `answered`, `ended` with the
 * Call-ID, in the order the phone met them): every INVITE that reached it while another call was
 * up, and the calls it answered.
 */
export function phoneCalls(lines: readonly string[]): { answered: number; secondInvites: string[] } {
  const up = new Set<string>();
  const secondInvites: string[] = [];
  let answered = 0;
  for (const line of lines) {
    const [kind, callId] = line.split(' ');
    if (!callId) continue;
    if (kind === 'invited') {
      if (up.size > 0) secondInvites.push(callId);
      up.add(callId);
    } else if (kind === 'answered') answered++;
    else if (kind === 'ended') up.delete(callId);
  }
  return { answered, secondInvites };
}
