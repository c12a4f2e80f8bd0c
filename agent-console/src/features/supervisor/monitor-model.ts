import type { AgentSnapshot, MonitorMode, MonitorStateV1 } from '@cc1357/contracts';

/**
 * Live monitoring on the wallboard, pure: which calls can be monitored (a counselor on a call),
 * the sessions telephony reports (`monitor.state.v1`, every supervisor's) and what a click asks.
 */
export const MONITOR_MODES: readonly MonitorMode[] = ['listen', 'whisper', 'barge'];

/** The sessions running, by call id (an ended session is dropped). */
export type MonitorSessions = Record<string, MonitorStateV1[]>;

export function applyMonitorState(sessions: MonitorSessions, state: MonitorStateV1): MonitorSessions {
  const others = (sessions[state.callId] ?? []).filter((s) => s.supervisorId !== state.supervisorId);
  const next = state.phase === 'ended' ? others : [...others, state];
  const out = { ...sessions };
  if (next.length === 0) delete out[state.callId];
  else out[state.callId] = next;
  return out;
}

export interface LiveCallRow {
  callId: string;
  agentId: string;
  displayName: string;
  since: string;
  /** This supervisor's session on the call, if any. */
  mine: MonitorStateV1 | null;
  /** Other supervisors on the call. */
  others: MonitorStateV1[];
}

/** Every counselor on a call, with who monitors it. */
export function liveCalls(agents: AgentSnapshot[], sessions: MonitorSessions, userId: string): LiveCallRow[] {
  return agents
    .filter((a): a is AgentSnapshot & { callId: string } => a.state === 'onCall' && a.callId !== null)
    .map((a) => {
      const on = sessions[a.callId] ?? [];
      return {
        callId: a.callId,
        agentId: a.agentId,
        displayName: a.displayName,
        since: a.since,
        mine: on.find((s) => s.supervisorId === userId) ?? null,
        others: on.filter((s) => s.supervisorId !== userId),
      };
    });
}

/** The call this supervisor monitors now (one at a time: their one phone). */
export function myCall(sessions: MonitorSessions, userId: string): string | null {
  for (const [callId, list] of Object.entries(sessions)) if (list.some((s) => s.supervisorId === userId)) return callId;
  return null;
}

export type MonitorCommand =
  | { event: 'monitor.start.v1'; payload: { callId: string; mode: MonitorMode } }
  | { event: 'monitor.mode.v1'; payload: { callId: string; mode: MonitorMode } }
  | { event: 'monitor.stop.v1'; payload: { callId: string } };

/**
 * What pressing a mode on a row asks: start there (when not monitoring anything), switch mode
 * (on the call already monitored: the phone is not rung again), nothing for the mode already on
 * or while another call is monitored.
 */
export function modeCommand(row: LiveCallRow, mode: MonitorMode, current: string | null): MonitorCommand | null {
  if (row.mine)
    return row.mine.mode === mode ? null : { event: 'monitor.mode.v1', payload: { callId: row.callId, mode } };
  if (current !== null) return null;
  return { event: 'monitor.start.v1', payload: { callId: row.callId, mode } };
}
