import type { Received } from '../../lib/received';
import {
  AGENT_STATES,
  QUEUE_IDS,
  type AgentSnapshot,
  type AgentState,
  type DayStats,
  type FloorDoorV1,
  type FloorSnapshotV1,
  type QueueId,
} from '@cc1357/contracts';

/**
 * What the wallboard shows, derived from one `floor.snapshot.v1`: a row per queue joining
 * today's counts with the live waiting line, totals, and agents grouped by state. Pure so the
 * arithmetic is tested, not eyeballed.
 */

/** The common 80/20 target: a queue answering less than 80% within its threshold is flagged. */
export const SERVICE_LEVEL_TARGET = 0.8;

export interface QueueRow {
  queue: QueueId;
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  asaSeconds: number | null;
  waiting: number;
  longestWaitSeconds: number;
  /** Callers on virtual hold (hung up, place kept, to be called back); absent when none. */
  virtualHold?: number;
  /** Callers admission control refused today (sent to the overflow path); absent from older telephony. */
  refusedToday?: number;
  /** Service level known and under SERVICE_LEVEL_TARGET. */
  belowTarget: boolean;
}

export interface FloorTotals {
  offered: number;
  answered: number;
  abandoned: number;
  /** ASA over all queues, weighted by answered calls (exact: total wait ÷ answered). */
  asaSeconds: number | null;
  /**
   * Service level over all queues from the queues' counts (Σ answered within threshold ÷
   * Σ (answered + abandoned − short abandons)); null when nothing counts or a queue's counts
   * are missing (an older crm-api), never an average of the queues' ratios.
   */
  serviceLevel: number | null;
  waiting: number;
  longestWaitSeconds: number;
  /** Σ refusedToday over the queues that report it; absent when none does. */
  refusedToday?: number;
}

export interface FloorView {
  at: string;
  rows: QueueRow[];
  totals: FloorTotals;
  agentCounts: Record<AgentState, number>;
  /** Agents sorted by state (on call first) then name, for the table. */
  agents: AgentSnapshot[];
  /**
   * The telephony nodes' doors (not per queue: a node refuses every new caller while it falls
   * behind): callers turned away today and the doors closed now; absent from older telephony.
   */
  door?: FloorDoorV1;
}

const STATE_ORDER: readonly AgentState[] = ['onCall', 'ringing', 'reserved', 'wrapUp', 'ready', 'notReady', 'offline'];

/**
 * `ageSeconds` is how long ago the snapshot arrived: a caller still waiting has waited that
 * much longer, so the longest wait keeps ticking between pushes.
 */
export function floorView(snapshot: FloorSnapshotV1, ageSeconds = 0): FloorView {
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
      longestWaitSeconds: live && live.waiting > 0 ? live.longestWaitSeconds + Math.max(0, ageSeconds) : 0,
      ...(live?.virtualHold ? { virtualHold: live.virtualHold } : {}),
      ...(live?.refusedToday !== undefined ? { refusedToday: live.refusedToday } : {}),
      belowTarget:
        stats?.serviceLevel !== undefined && stats.serviceLevel !== null && stats.serviceLevel < SERVICE_LEVEL_TARGET,
    };
  });

  const answered = sum(rows, (r) => r.answered);
  const weightedWait = sum(rows, (r) => (r.asaSeconds === null ? 0 : r.asaSeconds * r.answered));
  const totals: FloorTotals = {
    offered: sum(rows, (r) => r.offered),
    answered,
    abandoned: sum(rows, (r) => r.abandoned),
    asaSeconds: answered > 0 ? weightedWait / answered : null,
    serviceLevel: totalServiceLevel(snapshot.today.queues),
    waiting: sum(rows, (r) => r.waiting),
    longestWaitSeconds: Math.max(0, ...rows.map((r) => r.longestWaitSeconds)),
    ...(rows.some((r) => r.refusedToday !== undefined) ? { refusedToday: sum(rows, (r) => r.refusedToday ?? 0) } : {}),
  };

  const agentCounts = Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>;
  for (const agent of snapshot.agents) agentCounts[agent.state] += 1;

  const agents = [...snapshot.agents].sort(
    (a, b) =>
      STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) || a.displayName.localeCompare(b.displayName, 'ko'),
  );

  return { at: snapshot.at, rows, totals, agentCounts, agents, ...(snapshot.door ? { door: snapshot.door } : {}) };
}

function totalServiceLevel(queues: FloorSnapshotV1['today']['queues']): number | null {
  let within = 0;
  let base = 0;
  for (const q of queues) {
    if (q.answeredWithinThreshold === undefined || q.shortAbandons === undefined) return null;
    within += q.answeredWithinThreshold;
    base += q.answered + q.abandoned - q.shortAbandons;
  }
  return base > 0 ? within / base : null;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((acc, item) => acc + of(item), 0);
}

/**
 * The wallboard's "today" comes from two feeds: each `floor.snapshot.v1` (pushed when live
 * state moves) and a periodic `GET /api/stats/today` (so counts settle even when nothing else
 * moves, e.g. the last call's answer reaching crm-api after the last push). Whichever arrived
 * last is shown; a day change in either wins over the older day.
 */
export function pickToday(socket: Received<DayStats> | null, rest: Received<DayStats> | null): DayStats | null {
  if (!socket) return rest?.value ?? null;
  if (!rest) return socket.value;
  if (socket.value.date !== rest.value.date) return socket.value.date > rest.value.date ? socket.value : rest.value;
  return rest.receivedAt > socket.receivedAt ? rest.value : socket.value;
}
