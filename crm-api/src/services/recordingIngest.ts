import type { CallEventV1 } from '@cc1357/contracts';
import { callIdOfRecording, pausedSpansOf } from '../domain/recordingName';
import type { ServiceContext } from './context';

/** The PBX recordings a batch of call events says finished (only names telephony makes). */
export function finishedRecordings(
  events: readonly CallEventV1[],
): { name: string; callId: string; pausedSpans: { fromMs: number; toMs: number }[] }[] {
  return events.flatMap((e) => {
    if (e.type !== 'recording.finished') return [];
    const name = typeof e.data.name === 'string' ? e.data.name : null;
    const callId = name ? callIdOfRecording(name) : null;
    return name && callId ? [{ name, callId, pausedSpans: pausedSpansOf(e.data.pausedSpans) }] : [];
  });
}

export async function queueFinalise(ctx: ServiceContext, recordings: readonly { name: string }[]): Promise<void> {
  const enqueue = ctx.recordings?.enqueueFinalise;
  if (!enqueue) return;
  for (const r of recordings) await enqueue(r.name);
}
