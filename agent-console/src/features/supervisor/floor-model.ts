import { AGENT_STATES, QUEUE_IDS, type AgentSnapshot, type AgentState, type FloorSnapshotV1, type QueueId } from '@cc1357/contracts';

/**
 * What the wallboard shows, derived from one `floor.snapshot.v1`: a row per queue joining
 * today's counts with the live waiting line, totals, and agents grouped by state. Pure so the
 * arithmetic is tested, not eyeballed.
 */

export interface QueueRow {
  queue: QueueId;
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  asaSeconds: number | null;
  waiting: number;
  longestWaitSeconds: number;
}

export interface FloorTotals {
  offered: number;
  answered: number;
  abandoned: number;
  /** ASA over all queues, weighted by answered calls (exact: total wait ÷ answered). */
  asaSeconds: number | null;
  waiting: number;
  longestWaitSeconds: number;
}

export interface FloorView {
  at: string;
  date: string;
  rows: QueueRow[];
  totals: FloorTotals;
  agentCounts: Record<AgentState, number>;
  /** Agents sorted by state (on call first) then name, for the table. */
  agents: AgentSnapshot[];
}

const STATE_ORDER: readonly AgentState[] = ['onCall', 'ringing', 'reserved', 'wrapUp', 'ready', 'notReady', 'offline'];

export function floorView(snapshot: FloorSnapshotV1): FloorView {
  const rows: QueueRow[] = QUEUE_IDS.map((queue) => {
    const stats = snapshot.today.queues.find((q) => q.queue === queue);
    const live = snapshot.queues.find((q) => q.queue === queue);
    return {
      queue,
      offered: stats?.offered ?? 0,
      answered: stats?.answered ?? 0,
      abandoned: stats?.abandoned ?? 0,
      serviceLevel: stats?.serviceLevel ?? null,
      asaSeconds: stats?.asaSeconds ?? null,
      waiting: live?.waiting ?? 0,
      longestWaitSeconds: live?.longestWaitSeconds ?? 0,
    };
  });

  const answered = sum(rows, (r) => r.answered);
  const weightedWait = sum(rows, (r) => (r.asaSeconds === null ? 0 : r.asaSeconds * r.answered));
  const totals: FloorTotals = {
    offered: sum(rows, (r) => r.offered),
    answered,
    abandoned: sum(rows, (r) => r.abandoned),
    asaSeconds: answered > 0 ? weightedWait / answered : null,
    waiting: sum(rows, (r) => r.waiting),
    longestWaitSeconds: Math.max(0, ...rows.map((r) => r.longestWaitSeconds)),
  };

  const agentCounts = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>;
  for (const agent of snapshot.agents) agentCounts[agent.state] += 1;

  const agents = [...snapshot.agents].sort(
    (a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) || a.displayName.localeCompare(b.displayName, 'ko'),
  );

  return { at: snapshot.at, date: snapshot.today.date, rows, totals, agentCounts, agents };
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((acc, item) => acc + of(item), 0);
}
