import type { CallEffect, CallStep, LiveCall } from './call-types';

/**
 * Hold and mute of a connected call, pure (the call machine delegates here). A request for the
 * state the call is already in changes nothing: a double click holds once. Anything but a
 * connected call is left alone (the console command refuses it before it gets here; this guards
 * the race with a hang-up).
 *
 * Hold time stays inside handle time (connected → ended); `call.held` / `call.resumed` mark the
 * intervals for reports, and a call that ends on hold closes its interval first.
 */

export type DeskControlEvent =
  | { type: 'hold'; held: boolean }
  | { type: 'mute'; muted: boolean }
  /** The counselor pauses (`paused`) or resumes the call's recording. */
  | { type: 'recordingPause'; paused: boolean };

export type DeskControlEffect =
  /** Caller to the holding bridge with music (`held`), or back into the conversation. */
  | { type: 'holdMedia'; held: boolean }
  /** The agent leg's audio towards the caller stopped (`muted`) or let through again. */
  | { type: 'muteAgent'; muted: boolean }
  /** The call's live recording paused or resumed (ARI `/recordings/live/{name}/pause`). */
  | { type: 'pauseRecording'; name: string; paused: boolean }
  /** The agent's console is told the call's hold/mute state. */
  | { type: 'notifyControls'; agentId: string };

const secondsSince = (from: string, now: Date) => Math.max(0, (now.getTime() - Date.parse(from)) / 1000);

/** Seconds on hold so far, the running hold included. */
export function heldSecondsOf(call: LiveCall, now: Date): number {
  return (call.heldSeconds ?? 0) + (call.heldAt ? secondsSince(call.heldAt, now) : 0);
}

export function applyDeskControl(call: LiveCall, event: DeskControlEvent, now: Date): CallStep {
  const nothing: CallStep = { call, effects: [] };
  // During a consult the caller's music and the counselor's leg belong to the consult (agent-consult.ts).
  if (call.state !== 'connected' || !call.agentId || call.consult) return nothing;
  const notify: CallEffect = { type: 'notifyControls', agentId: call.agentId };
  if (event.type === 'recordingPause') return applyRecordingPause(call, event.paused, now, notify);
  if (event.type === 'mute') {
    if ((call.muted ?? false) === event.muted) return nothing;
    return { call: { ...call, muted: event.muted }, effects: [{ type: 'muteAgent', muted: event.muted }, notify] };
  }
  if (event.held === Boolean(call.heldAt)) return nothing;
  if (event.held) {
    return {
      call: { ...call, heldAt: now.toISOString() },
      effects: [{ type: 'holdMedia', held: true }, { type: 'callEvent', eventType: 'call.held', data: {} }, notify],
    };
  }
  return {
    call: { ...call, heldAt: null, heldSeconds: heldSecondsOf(call, now) },
    effects: [{ type: 'holdMedia', held: false }, ...closeHold(call, now), notify],
  };
}

/** The `call.resumed` that ends the running hold (none when not on hold). */
export function closeHold(call: LiveCall, now: Date, ended = false): CallEffect[] {
  if (!call.heldAt) return [];
  const data = { heldSeconds: secondsSince(call.heldAt, now), ...(ended ? { byHangup: true } : {}) };
  return [{ type: 'callEvent', eventType: 'call.resumed', data }];
}

/**
 * Recording pause: the span is marked by `recording.paused` / `recording.resumed` (with its
 * seconds), so a review can show where the audio was left out. A call without a recording, or
 * already in the asked state, changes nothing.
 */
function applyRecordingPause(call: LiveCall, paused: boolean, now: Date, notify: CallEffect): CallStep {
  if (!call.recordingName || paused === Boolean(call.recordingPausedAt)) return { call, effects: [] };
  const media: CallEffect = { type: 'pauseRecording', name: call.recordingName, paused };
  if (paused)
    return {
      call: { ...call, recordingPausedAt: now.toISOString() },
      effects: [
        media,
        { type: 'callEvent', eventType: 'recording.paused', data: { name: call.recordingName } },
        notify,
      ],
    };
  return {
    call: {
      ...call,
      recordingPausedAt: null,
      recordingPausedSeconds: (call.recordingPausedSeconds ?? 0) + secondsSince(call.recordingPausedAt!, now),
    },
    effects: [media, ...closeRecordingPause(call, now), notify],
  };
}

/** The `recording.resumed` that ends a running pause (none when not paused). */
export function closeRecordingPause(call: LiveCall, now: Date, ended = false): CallEffect[] {
  if (!call.recordingPausedAt) return [];
  const data = {
    name: call.recordingName,
    pausedSeconds: secondsSince(call.recordingPausedAt, now),
    ...(ended ? { byHangup: true } : {}),
  };
  return [{ type: 'callEvent', eventType: 'recording.resumed', data }];
}
