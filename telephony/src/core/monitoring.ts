import type { MonitorEndReason, MonitorMode } from '@cc1357/contracts';

/**
 * A supervisor's live-monitoring session, pure: what each happening does to it and what must be
 * done about it (`app/calls/monitoring.ts` performs the effects over ARI).
 *
 * Media: a snoop channel on the counselor's leg and the supervisor's phone leg share one mixing
 * bridge of their own. The mode is only the snoop's directions (ARI-FACTS §9; `in` = what the
 * counselor says, `out` = what the counselor hears):
 *   listen  spy=both               the supervisor hears both sides, nobody hears them
 *   whisper spy=both whisper=out   only the counselor hears the supervisor
 *   barge   spy=both whisper=both  counselor and caller both hear the supervisor
 * so a mode change is a new snoop joining the supervisor's bridge and the old one hung up: the
 * phone keeps its call. A snoop lives only as long as its target: its StasisEnd while it is the
 * current snoop means the call is over.
 *
 *   ringing ─supervisorAnswered→ active ─(stop | supervisorGone | snoopGone | orphaned)→ ended
 *      └──────────── supervisorGone (no answer) | snoopGone | stop | orphaned ─────┘
 *
 * `orphaned`: the process that ran the session stopped; the next one to run on that node reads
 * the session from Redis and ends it (`telephonyRestart`), hanging up every channel it may have
 * left, so the audit trail has its `monitor.ended` and the supervisors' consoles drop it.
 */
export type MonitorPhase = 'ringing' | 'active' | 'ended';

export interface MonitorSession {
  /** Unique per session; channel and bridge ids derive from it. */
  id: string;
  callId: string;
  agentId: string;
  /** The counselor's leg the snoops attach to. */
  agentChannelId: string;
  supervisorId: string;
  supervisorPhone: string;
  mode: MonitorMode;
  phase: MonitorPhase;
  supervisorChannelId: string;
  bridgeId: string;
  /** The snoop that carries the current mode. */
  snoopChannelId: string;
  /** How many snoops this session made (the next snoop's id suffix). */
  snoops: number;
  /** Earlier snoops not yet seen gone: hung up once the current one is in the bridge. */
  replacedSnoops: string[];
  startedAt: string;
  /** When the supervisor answered (audit: seconds monitored). */
  activeAt: string | null;
  reason: MonitorEndReason | null;
}

export interface SnoopDirections {
  spy: 'both';
  whisper: 'none' | 'out' | 'both';
}

export function snoopDirections(mode: MonitorMode): SnoopDirections {
  switch (mode) {
    case 'listen':
      return { spy: 'both', whisper: 'none' };
    case 'whisper':
      return { spy: 'both', whisper: 'out' };
    case 'barge':
      return { spy: 'both', whisper: 'both' };
  }
}

export type MonitorEvent =
  | { type: 'supervisorAnswered' }
  /** A snoop entered Stasis (it may be current or one being replaced). */
  | { type: 'snoopReady'; channelId: string }
  | { type: 'changeMode'; mode: MonitorMode }
  | { type: 'stop' }
  | { type: 'supervisorGone' }
  | { type: 'snoopGone'; channelId: string }
  /** The session's process is gone (found in Redis after a restart). */
  | { type: 'orphaned' };

export type MonitorEffect =
  | { type: 'createSnoop'; channelId: string; directions: SnoopDirections }
  /** Put a channel in the session's bridge. */
  | { type: 'bridge'; channelId: string }
  | { type: 'hangup'; channelId: string }
  | { type: 'destroyBridge' }
  | { type: 'audit'; eventType: 'monitor.started' | 'monitor.mode' | 'monitor.ended'; data: Record<string, unknown> }
  | { type: 'notify' };

export interface MonitorStep {
  session: MonitorSession;
  effects: MonitorEffect[];
}

export const snoopIdOf = (sessionId: string, n: number) => `${sessionId}-snoop${n}`;

/** A new session (the supervisor's phone about to ring and the first snoop about to be made). */
export function newSession(
  init: Pick<
    MonitorSession,
    'id' | 'callId' | 'agentId' | 'agentChannelId' | 'supervisorId' | 'supervisorPhone' | 'mode'
  >,
  now: Date,
): MonitorSession {
  return {
    ...init,
    phase: 'ringing',
    supervisorChannelId: `${init.id}-sup`,
    bridgeId: `${init.id}-mon`,
    snoopChannelId: snoopIdOf(init.id, 1),
    snoops: 1,
    replacedSnoops: [],
    startedAt: now.toISOString(),
    activeAt: null,
    reason: null,
  };
}

const secondsBetween = (from: string | null, now: Date) =>
  from ? Math.max(0, Math.round((now.getTime() - Date.parse(from)) / 1000)) : 0;

function end(s: MonitorSession, reason: MonitorEndReason, now: Date, channels: string[]): MonitorStep {
  const session: MonitorSession = { ...s, phase: 'ended', reason, replacedSnoops: [] };
  const hangups = [...channels, ...s.replacedSnoops].map((channelId): MonitorEffect => ({ type: 'hangup', channelId }));
  return {
    session,
    effects: [
      ...hangups,
      { type: 'destroyBridge' },
      {
        type: 'audit',
        eventType: 'monitor.ended',
        data: {
          supervisorId: s.supervisorId,
          supervisorPhone: s.supervisorPhone,
          mode: s.mode,
          reason,
          answered: s.activeAt !== null,
          seconds: secondsBetween(s.activeAt, now),
        },
      },
      { type: 'notify' },
    ],
  };
}

export function applyMonitorEvent(s: MonitorSession, event: MonitorEvent, now: Date): MonitorStep {
  const nothing: MonitorStep = { session: s, effects: [] };
  if (s.phase === 'ended') {
    // A snoop that shows up after the end (its POST raced the stop) must not stay behind.
    return event.type === 'snoopReady'
      ? { session: s, effects: [{ type: 'hangup', channelId: event.channelId }] }
      : nothing;
  }
  switch (event.type) {
    case 'supervisorAnswered': {
      if (s.phase !== 'ringing') return nothing;
      const session: MonitorSession = { ...s, phase: 'active', activeAt: now.toISOString() };
      return {
        session,
        effects: [
          { type: 'bridge', channelId: s.supervisorChannelId },
          {
            type: 'audit',
            eventType: 'monitor.started',
            data: { supervisorId: s.supervisorId, supervisorPhone: s.supervisorPhone, mode: s.mode },
          },
          { type: 'notify' },
        ],
      };
    }
    case 'snoopReady': {
      if (event.channelId !== s.snoopChannelId)
        return { session: s, effects: [{ type: 'hangup', channelId: event.channelId }] };
      // The snoop joins the bridge at once, whether the phone was answered yet or not; the snoops
      // it replaces are hung up only now, so the supervisor never hears a gap.
      return {
        session: s,
        effects: [
          { type: 'bridge', channelId: event.channelId },
          ...s.replacedSnoops.map((channelId): MonitorEffect => ({ type: 'hangup', channelId })),
        ],
      };
    }
    case 'changeMode': {
      if (event.mode === s.mode) return nothing;
      const n = s.snoops + 1;
      const session: MonitorSession = {
        ...s,
        mode: event.mode,
        snoops: n,
        snoopChannelId: snoopIdOf(s.id, n),
        replacedSnoops: [...s.replacedSnoops, s.snoopChannelId],
      };
      const audit: MonitorEffect[] =
        s.phase === 'active'
          ? [
              {
                type: 'audit',
                eventType: 'monitor.mode',
                data: { supervisorId: s.supervisorId, mode: event.mode, from: s.mode },
              },
            ]
          : [];
      return {
        session,
        effects: [
          { type: 'createSnoop', channelId: session.snoopChannelId, directions: snoopDirections(event.mode) },
          ...audit,
          { type: 'notify' },
        ],
      };
    }
    case 'stop':
      return end(s, 'stopped', now, [s.snoopChannelId, s.supervisorChannelId]);
    case 'orphaned':
      return end(s, 'telephonyRestart', now, [s.snoopChannelId, s.supervisorChannelId]);
    case 'supervisorGone':
      return end(s, s.phase === 'ringing' ? 'noAnswer' : 'supervisorHangup', now, [s.snoopChannelId]);
    case 'snoopGone':
      // A replaced snoop leaving is expected; the current one leaving means its target (the call) went.
      if (event.channelId !== s.snoopChannelId)
        return {
          session: { ...s, replacedSnoops: s.replacedSnoops.filter((id) => id !== event.channelId) },
          effects: [],
        };
      return end(s, 'callEnded', now, [s.supervisorChannelId]);
  }
}

/** The channels of a session, current and replaced (to route their events here). */
export function channelsOf(s: MonitorSession): string[] {
  const snoops = Array.from({ length: s.snoops }, (_, i) => snoopIdOf(s.id, i + 1));
  return [s.supervisorChannelId, ...snoops];
}
