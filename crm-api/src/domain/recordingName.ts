import { parseCallRecordingName } from '@cc1357/contracts';

/**
 * The call of a recording telephony named (`cc/<YYYY-MM-DD>/<callId>`, `…~<n>` for a transferred
 * call's later conversations, contracts' `parseCallRecordingName`). Anything else is not a call
 * recording crm-api finalises (a name is only ever used as an ARI path segment, never a file path).
 */
export function callIdOfRecording(name: string): string | null {
  return parseCallRecordingName(name)?.callId ?? null;
}

/** Paused spans from a PBX event's data (`[{ fromMs, toMs }]`), keeping only well-formed ones. */
export function pausedSpansOf(raw: unknown): { fromMs: number; toMs: number }[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((s: unknown) => {
    const o = s as { fromMs?: unknown; toMs?: unknown } | null;
    return o && typeof o.fromMs === 'number' && typeof o.toMs === 'number' && o.toMs >= o.fromMs
      ? [{ fromMs: o.fromMs, toMs: o.toMs }]
      : [];
  });
}
