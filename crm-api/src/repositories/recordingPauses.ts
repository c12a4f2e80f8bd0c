import type { Queryable } from '../db/pool';
import type { RecordingEvent } from '../domain/recordingPauses';

/** The recording events of a call (every conversation's), as `domain/recordingPauses.ts` reads them. */
export async function recordingEventsOf(db: Queryable, callId: string): Promise<RecordingEvent[]> {
  const { rows } = await db.query<RecordingEvent>(
    `SELECT type, at, data FROM call_events
      WHERE call_id = $1 AND type IN ('recording.started', 'recording.paused', 'recording.resumed', 'recording.finished')
      ORDER BY at, id`,
    [callId],
  );
  return rows;
}
