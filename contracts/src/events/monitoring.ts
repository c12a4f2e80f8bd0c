import { z } from 'zod';
import { IsoInstant } from '../vocabulary/time';

/**
 * Live monitoring of a connected call by a supervisor (issue 13 §4): listen (the supervisor hears
 * both sides), whisper (only the counselor hears the supervisor) and barge (both hear the
 * supervisor). telephony rings the supervisor's own phone (their agent id is their extension) and
 * connects it to a snoop channel on the counselor's leg; a mode change replaces the snoop
 * without ringing the phone again. Supervisors and admins only.
 */
export const MonitorMode = z.enum(['listen', 'whisper', 'barge']);
export type MonitorMode = z.infer<typeof MonitorMode>;

const callId = z.string().min(1).max(100);

/** Start monitoring a connected call: the supervisor's phone rings, then hears the call. */
export const MonitorStartCommandV1 = z.object({ callId, mode: MonitorMode }).strict();
export type MonitorStartCommandV1 = z.infer<typeof MonitorStartCommandV1>;

/** Switch mode of the supervisor's running session on `callId` (no redial). */
export const MonitorModeCommandV1 = z.object({ callId, mode: MonitorMode }).strict();
export type MonitorModeCommandV1 = z.infer<typeof MonitorModeCommandV1>;

/** End the supervisor's session on `callId`: their phone is hung up, the snoop removed. */
export const MonitorStopCommandV1 = z.object({ callId }).strict();
export type MonitorStopCommandV1 = z.infer<typeof MonitorStopCommandV1>;

/**
 * Why a session ended. `telephonyRestart`: the process that controlled it stopped; the one that
 * took its place found the session in Redis, hung up what was left of it and ended it.
 */
export const MonitorEndReason = z.enum([
  'stopped',
  'supervisorHangup',
  'callEnded',
  'noAnswer',
  'failed',
  'telephonyRestart',
]);
export type MonitorEndReason = z.infer<typeof MonitorEndReason>;

/**
 * A monitoring session as supervisors see it: sent to the supervisors' room on every change
 * (so every supervisor sees who is listening to what) and, for the sessions running, when a
 * supervisor's console (re)connects (with those a restart ended in the last minutes, so a console
 * that still shows one drops it).
 */
export const MonitorStateV1 = z.object({
  callId: z.string(),
  /** The counselor whose call is monitored. */
  agentId: z.string(),
  /** The supervisor's user id and their phone (agent id / extension). */
  supervisorId: z.string(),
  supervisorPhone: z.string(),
  mode: MonitorMode,
  /** `ringing`: the supervisor's phone rings; `active`: they hear the call; `ended`: over. */
  phase: z.enum(['ringing', 'active', 'ended']),
  reason: MonitorEndReason.nullable(),
  at: IsoInstant,
});
export type MonitorStateV1 = z.infer<typeof MonitorStateV1>;

/**
 * Sent to the counselor only when the center's setting shows monitoring to counselors
 * (telephony `MONITOR_INDICATOR=true`): whether a supervisor is on their call, and how.
 */
export const CallMonitoredV1 = z.object({
  callId: z.string(),
  monitored: z.boolean(),
  mode: MonitorMode.nullable(),
});
export type CallMonitoredV1 = z.infer<typeof CallMonitoredV1>;
