import { type QueueId, queueById } from '@cc1357/contracts';
import { queueScore } from '../../src/core/acd';
import type { AgentRecord } from '../../src/core/agent-state';
import type { LiveCall } from '../../src/core/call';

/**
 * The ACD's promises across telephony processes (issue 16, "several processes, one truth"),
 * judged from what telephony itself wrote — atomic snapshots of the live state in Redis and the
 * call events in crm-api — never from how fast anything ran. Pure: the multi-node test feeds it.
 *
 * Snapshots are taken so that between two consecutive ones (`prev`, `next`) EVERY node finished
 * at least one dispatch pass that started after `prev` (the test waits for each node's
 * `cc1357_telephony_acd_passes_total` to grow by two). So whatever a pass in flight at `prev`
 * reserved is done by `next`, and every node has looked at `prev`'s waiting callers once more,
 * reading the queue and (its copy of) the floor afresh.
 *
 * The routing rules these follow (telephony/src/core/acd.ts, app/calls/acd-dispatcher.ts): a queue
 * is served by the agents holding its skill, any of whom may take any of its callers; skill levels
 * and idle time choose WHICH agent, never which caller. Callers are served by queue order,
 * `queueScore(enqueuedAt, priority)` (a priority level is a minute ahead), ties by call id as
 * Redis orders equal scores. Exceptions the ACD makes on purpose — an agent who let a call ring
 * out is passed over for it (allowed for in `overtakes`), callers behind a virtual-hold ticket wait
 * for its call back, an agent whose console is away or whose phone is in another call is passed
 * over — the others do not arise where these checks are used (consoles connected throughout, no
 * virtual hold, phones rung only by telephony).
 */

export interface FloorSnapshot {
  /** Each queue's waiting calls in Redis order (the sorted set `queue:<id>`). */
  queued: Map<QueueId, string[]>;
  calls: Map<string, LiveCall>;
  agents: Map<string, { agent: AgentRecord; version: number }>;
}

/** Redis orders a queue by score, then by member: the same order as a tuple. */
function before(a: LiveCall, b: LiveCall): boolean {
  const sa = queueScore(a.enqueuedAt!, a.priority);
  const sb = queueScore(b.enqueuedAt!, b.priority);
  return sa !== sb ? sa < sb : a.callId < b.callId;
}

/** Reserved: the call has its agent (offered, connected, or later). */
function served(call: LiveCall | undefined): boolean {
  return !!call && call.agentId !== null && call.queue !== null && call.enqueuedAt !== null;
}

/** (1) Agents that hold two live calls at once in one snapshot (an offer or a conversation each). */
export function agentsWithTwoCalls(s: FloorSnapshot): string[] {
  const holders = new Map<string, number>();
  for (const call of s.calls.values())
    if (call.agentId && call.state !== 'ivr' && call.state !== 'queued' && call.state !== 'ended')
      holders.set(call.agentId, (holders.get(call.agentId) ?? 0) + 1);
  return [...holders].filter(([, n]) => n > 1).map(([agent]) => agent);
}

export interface Overtake {
  queue: QueueId;
  /** Queued ahead, still queued after every node's full pass. */
  waiting: string;
  /** Behind it, yet given an agent in between (`agent`). */
  served: string;
  agent: string;
  /** The nodes that own the two calls: the waiting one's, then the served one's. */
  nodes: [string, string];
}

/**
 * (2) First in, first out per queue: a call C2 given an agent between `prev` and `next` while a
 * call C1 ahead of it in the same queue was queued at `older`, `prev` and `next`. Three snapshots,
 * because a pass decides from the queue as it read it: one in flight at `prev` may have read the
 * queue before C1 was in it (C1's enqueue time is taken before its write reaches Redis, so a call
 * stamped earlier can land behind one stamped later). Every pass started before `older` ended
 * before `prev`; so C2, unserved at `prev`, was given its agent by a pass that read the queue after
 * `older`, with C1 in it. C2 counts as unserved at `prev` only when `prev` proves it: queued there,
 * in the IVR, or not arrived. (A call between its reservation and the offer being saved is neither
 * queued nor has an agent; it is left out.)
 */
export function overtakes(older: FloorSnapshot, prev: FloorSnapshot, next: FloorSnapshot): Overtake[] {
  const found: Overtake[] = [];
  for (const c2 of next.calls.values()) {
    if (!served(c2)) continue;
    const queue = c2.queue!;
    const before2 = prev.calls.get(c2.callId);
    const unservedAtPrev = !before2 || before2.state === 'ivr' || (prev.queued.get(queue) ?? []).includes(c2.callId);
    if (!unservedAtPrev) continue;
    const queuedAt = [older, next].map((s) => new Set(s.queued.get(queue) ?? []));
    for (const id of prev.queued.get(queue) ?? []) {
      const c1 = prev.calls.get(id);
      if (!queuedAt.every((q) => q.has(id)) || !c1?.enqueuedAt || id === c2.callId) continue;
      // The ACD passes over, for a call, an agent who let it ring out (while others have the skill).
      if (c1.missedBy.includes(c2.agentId!)) continue;
      if (before(c1, c2) && !pickTakenMeanwhile(prev, next, c1, c2))
        found.push({ queue, waiting: id, served: c2.callId, agent: c2.agentId!, nodes: [c1.node, c2.node] });
    }
  }
  return found;
}

/**
 * The ACD's own exception to queue order: a pass hands out agents to a queue's callers in order
 * from one read of the floor and reserves them all at once; a pick that another reservation got to
 * first leaves its caller for the next round while the callers behind keep theirs. True when,
 * between `prev` and `next`, an agent with `queue`'s skill went from Ready to a call other than
 * `served` that does not come after `waiting` in `queue` (another queue's caller, or one ahead).
 */
export function pickTakenMeanwhile(
  prev: FloorSnapshot,
  next: FloorSnapshot,
  waiting: LiveCall,
  served: LiveCall,
): boolean {
  const queue = waiting.queue!;
  const skill = queueById(queue).skill;
  for (const [agentId, was] of prev.agents) {
    if (was.agent.state !== 'ready' || !was.agent.skills.includes(skill)) continue;
    const now = next.agents.get(agentId)?.agent;
    if (!now?.callId || now.state === 'ready' || now.callId === served.callId) continue;
    const taken = next.calls.get(now.callId);
    if (!taken?.enqueuedAt || taken.queue !== queue || !before(waiting, taken)) return true;
  }
  return false;
}

export interface IdleWhileWaiting {
  queue: QueueId;
  call: string;
  agent: string;
}

/**
 * (3) A caller left waiting while a matching agent sat Ready: the call queued in `prev` and in
 * `next`, and an agent with the queue's skill Ready in both with its record untouched (same
 * version) — every node finished a pass in between that saw both and matched neither. A pair
 * seen only once is the ordinary moment between an agent becoming Ready and the pass it wakes.
 */
export function idleWhileWaiting(prev: FloorSnapshot, next: FloorSnapshot): IdleWhileWaiting[] {
  const found: IdleWhileWaiting[] = [];
  for (const [queue, ids] of prev.queued) {
    const skill = queueById(queue).skill;
    const stillThere = new Set(next.queued.get(queue) ?? []);
    const waiting = ids.filter((id) => stillThere.has(id));
    if (waiting.length === 0) continue;
    for (const [agentId, was] of prev.agents) {
      const now = next.agents.get(agentId);
      if (was.agent.state !== 'ready' || !was.agent.skills.includes(skill)) continue;
      if (!now || now.version !== was.version) continue;
      for (const call of waiting) found.push({ queue, call, agent: agentId });
    }
  }
  return found;
}

/** One call as an agent held it, from telephony's call events: offered at, ended at (ms). */
export interface AgentCallSpan {
  agentId: string;
  callId: string;
  offeredAt: number;
  endedAt: number;
}

/**
 * (1) again, over the whole run: offers to an agent made before that agent's previous call
 * ended. Times are telephony's own event times, taken on one clock shared by every node.
 */
export function offersBeforePreviousEnd(spans: readonly AgentCallSpan[]): AgentCallSpan[] {
  const sorted = [...spans].sort((a, b) => a.agentId.localeCompare(b.agentId) || a.offeredAt - b.offeredAt);
  const bad: AgentCallSpan[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const [p, c] = [sorted[i - 1]!, sorted[i]!];
    if (p.agentId === c.agentId && c.offeredAt < p.endedAt) bad.push(c);
  }
  return bad;
}

/**
 * What one agent's console saw, in the order it arrived: an offer or a connect for a call while
 * another call it had been offered had not ended yet.
 */
export function consoleOverlaps(events: readonly { event: string; payload: unknown }[]): string[] {
  const open = new Set<string>();
  const bad: string[] = [];
  for (const { event, payload } of events) {
    const callId = (payload as { callId?: string } | null)?.callId;
    if (!callId) continue;
    if (event === 'call.offered.v1' || event === 'call.connected.v1') {
      if ([...open].some((id) => id !== callId)) bad.push(callId);
      open.add(callId);
    } else if (event === 'call.ended.v1') open.delete(callId);
  }
  return bad;
}

/** A caller's place in a queue and the number of its first reservation. */
export interface PlaceAndReservation {
  callId: string;
  queue: string;
  priority: number;
  /** The place's time (ms), as the queue held it. */
  place: number;
  /** Redis's reservation number (`agent.offered` data.reservation); null when the offer had none. */
  reservation: number | null;
}

/**
 * (2) again, over the whole run, from the events telephony wrote: pairs of callers in one queue
 * and priority where the one with the later place got its agent first, by the order Redis made
 * the reservations (one counter for every node). Within a priority a place is taken behind every
 * place already taken, so the earlier place was waiting when the later one was served. Across
 * priorities it may not have been: a priority caller's place is a minute ahead, ahead of callers
 * served before it called; the snapshots' `overtakes` judge those. An offer without a reservation
 * number counts too: nothing shows it was served in turn.
 */
export function reservedOutOfPlace(places: readonly PlaceAndReservation[]): Array<[string, string]> {
  const bad: Array<[string, string]> = places.filter((p) => p.reservation === null).map((p) => [p.callId, p.callId]);
  const byLine = new Map<string, PlaceAndReservation[]>();
  for (const p of places) {
    if (p.reservation === null) continue;
    const line = `${p.queue} ${p.priority}`;
    byLine.set(line, [...(byLine.get(line) ?? []), p]);
  }
  for (const list of byLine.values()) {
    list.sort((a, b) => a.place - b.place);
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++)
        if (list[j]!.place > list[i]!.place && list[j]!.reservation! < list[i]!.reservation!)
          bad.push([list[i]!.callId, list[j]!.callId]);
  }
  return bad;
}
