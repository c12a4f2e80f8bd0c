import type { RecordingPause } from '@cc1357/contracts';

/**
 * Where in a recording's file the counselor paused it, from the call's events (issue 13 §1).
 *
 * Asterisk leaves paused audio out of the file, so a pause is a point in the file, not a span:
 * its offset is the time recorded before it — the wall-clock time since the recording started
 * minus every earlier pause. Its length is wall-clock time (how long the caller's words were left
 * out). telephony writes `recording.started` / `recording.paused` / `recording.resumed` (the
 * last with `byHangup` when the call ended paused) / `recording.finished`, each with the
 * recording's `name` (a transferred call has one recording per conversation).
 */
export interface RecordingEvent {
  type: string;
  at: Date;
  data: Record<string, unknown>;
}

export interface PauseContext {
  /** The recording's PBX name (`cc/<day>/<callId>[~n]`): only its own events count. */
  name: string;
  /** When the recording started if no `recording.started` says (the call's connect time). */
  startedAt: Date | null;
  /** The file's length: offsets never point past it. */
  durationMs: number | null;
}

// At one instant the recording starts before it pauses, and pauses before it resumes.
const ORDER: Record<string, number> = {
  'recording.started': 0,
  'recording.paused': 1,
  'recording.resumed': 2,
  'recording.finished': 3,
};

export function recordingPauses(events: readonly RecordingEvent[], ctx: PauseContext): RecordingPause[] {
  const own = events
    .filter((e) => e.type in ORDER && e.data.name === ctx.name && !Number.isNaN(e.at.getTime()))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || ORDER[a.type]! - ORDER[b.type]!);
  const start = own.find((e) => e.type === 'recording.started')?.at ?? ctx.startedAt;
  if (!start) return [];
  const finished = own.find((e) => e.type === 'recording.finished')?.at ?? null;
  const pauses: RecordingPause[] = [];
  let pausedBefore = 0;
  let open: Date | null = null;
  const close = (until: Date | null, untilEnd: boolean) => {
    const from = open!;
    const pausedMs = until ? Math.max(0, until.getTime() - from.getTime()) : 0;
    let offsetMs = Math.max(0, from.getTime() - start.getTime() - pausedBefore);
    if (ctx.durationMs !== null) offsetMs = Math.min(offsetMs, ctx.durationMs);
    pauses.push({
      offsetMs: Math.round(offsetMs),
      pausedMs: Math.round(pausedMs),
      pausedAt: from.toISOString(),
      untilEnd,
    });
    pausedBefore += pausedMs;
    open = null;
  };
  for (const e of own) {
    // A repeated pause (the event re-sent, a double press) keeps the first; a resume without a pause is noise.
    if (e.type === 'recording.paused' && !open) open = e.at;
    else if (e.type === 'recording.resumed' && open) close(e.at, e.data.byHangup === true);
    else if (e.type === 'recording.finished' && open) close(e.at, true);
  }
  // Still paused and no finish known yet: the pause runs to the end of what was recorded.
  if (open) close(finished, true);
  return pauses;
}
