import type { CategoryCode, QueueId } from '@cc1357/contracts';
import type { RecordingSearchParams } from '../../api/client';

/** The search form as typed (strings; empty = not asked). */
export interface RecordingSearchForm {
  from: string;
  to: string;
  agentId: string;
  queue: QueueId | '';
  companyId: string;
  callerNumber: string;
  category: CategoryCode | '';
  minSeconds: string;
  maxSeconds: string;
}

export const emptySearchForm = (): RecordingSearchForm => ({
  from: '',
  to: '',
  agentId: '',
  queue: '',
  companyId: '',
  callerNumber: '',
  category: '',
  minSeconds: '',
  maxSeconds: '',
});

/**
 * The query crm-api gets: trimmed, empty fields left out. Anything else (a bad date, letters in
 * a number) goes as typed: crm-api answers 400 naming the field, and the form shows it there.
 */
export function searchQueryOf(form: RecordingSearchForm, limit = 100): RecordingSearchParams {
  const q: Record<string, string | number> = { limit };
  for (const [key, raw] of Object.entries(form) as [keyof RecordingSearchForm, string][]) {
    const value = raw.trim();
    if (value !== '') q[key] = value;
  }
  return q as RecordingSearchParams;
}

/** "1.2 MB" style, 1024-based, one decimal from KB on. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 2] as const;

/** A new position after a seek of `deltaSeconds`, kept inside the recording. */
export const seekWithin = (current: number, deltaSeconds: number, duration: number): number =>
  Math.min(Math.max(0, current + deltaSeconds), Math.max(0, duration));

/** Scores of every criterion, defaulting to the maximum, as the review form starts. */
export function initialScores(criteria: readonly { id: string; maxScore: number }[]): Record<string, number> {
  return Object.fromEntries(criteria.map((c) => [c.id, c.maxScore]));
}

/** A pause's wall-clock length as whole minutes and seconds ("1분 12초"), rounded to the second. */
export function pauseLength(ms: number): { min: number; sec: number } {
  const total = Math.max(0, Math.round(ms / 1000));
  return { min: Math.floor(total / 60), sec: total % 60 };
}

/**
 * The markers drawn on the waveform (wavesurfer regions without an end): one per pause, at its
 * offset in the file, in seconds; fixed in place (a marker is a fact, not a selection).
 */
export function pauseMarkers(
  pauses: readonly { offsetMs: number }[],
): { id: string; start: number; drag: false; resize: false }[] {
  return pauses.map((p, i) => ({ id: `pause-${i + 1}`, start: p.offsetMs / 1000, drag: false, resize: false }));
}
