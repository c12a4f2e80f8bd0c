import { type Center, until } from '../../support/center';
import type { ServedCall, StateChange } from './floor-checks';
import { eventsOf } from './steps';

/** A caller's visit as the scenario saw it: their call, and their place in the queue while they waited. */
export interface Visit {
  callId: string;
  queue: string;
  /** The live call's `enqueuedAt` and `priority` (Redis): what the ACD orders the queue by. */
  enqueuedAt: number;
  priority: number;
}

export type CallEventRow = Awaited<ReturnType<typeof eventsOf>>[number];

export interface FloorHistory {
  /** Every call's events, as crm-api stored them. */
  events: Map<string, CallEventRow[]>;
  /** The calls offered once and connected, for the floor checks (a call that was not is in `unserved`). */
  calls: ServedCall[];
  unserved: string[];
  /** The agents' state changes, as crm-api stored them, in order. */
  changes: StateChange[];
  /** Whether every agent came back to Ready after each call the events give them. */
  agentsSettled: boolean;
  /** When the history was read: the end of the last Ready spells. */
  readAt: number;
}

/**
 * What crm-api recorded of the visits once it is all there: each call's events up to
 * `call.ended`, and each agent's state changes up to their return to Ready after the last call
 * the events give them (both arrive through telephony's outboxes, a moment after the fact).
 */
export async function floorHistory(
  center: Center,
  visits: readonly Visit[],
  agentIds: readonly string[],
  timeoutMs: number,
): Promise<FloorHistory> {
  const events = new Map<string, CallEventRow[]>();
  await until(
    async () => {
      for (const visit of visits) events.set(visit.callId, await eventsOf(center, visit.callId));
      return [...events.values()].every((list) => list.some((e) => e.type === 'call.ended'));
    },
    'every call ended in crm-api',
    timeoutMs,
  );
  const calls: ServedCall[] = [];
  const unserved: string[] = [];
  for (const visit of visits) {
    const list = events.get(visit.callId)!;
    const offers = list.filter((e) => e.type === 'agent.offered');
    const connected = list.find((e) => e.type === 'call.connected');
    const ended = list.find((e) => e.type === 'call.ended')!;
    if (offers.length !== 1 || !offers[0]!.agentId || !connected) {
      unserved.push(visit.callId);
      continue;
    }
    calls.push({
      callId: visit.callId,
      queue: visit.queue,
      priority: visit.priority,
      enqueuedAt: visit.enqueuedAt,
      offeredAt: offers[0]!.at.getTime(),
      endedAt: ended.at.getTime(),
      agentId: offers[0]!.agentId,
    });
  }
  const served = (agentId: string) => calls.filter((c) => c.agentId === agentId).length;
  type Row = { agentId: string; fromState: string; state: string; at: Date };
  let rows: Row[] = [];
  const settled = async () => {
    rows = (
      await center.db.query<Row>(
        `SELECT agent_id AS "agentId", from_state AS "fromState", state, at
           FROM agent_state_changes WHERE agent_id = ANY($1) ORDER BY at, id`,
        [agentIds],
      )
    ).rows;
    const backToReady = (id: string) =>
      rows.filter((r) => r.agentId === id && r.fromState === 'wrapUp' && r.state === 'ready').length;
    return agentIds.every((id) => backToReady(id) >= served(id));
  };
  // An agent who never comes back (e.g. holding two calls) is a finding, not a reason to stop: the
  // checks then run on the changes there are.
  const agentsSettled = await until(settled, 'every agent back to Ready in crm-api', timeoutMs).catch(() => false);
  return {
    events,
    calls,
    unserved,
    changes: rows.map((r) => ({ agentId: r.agentId, state: r.state, at: r.at.getTime() })),
    agentsSettled,
    readAt: Date.now(),
  };
}
