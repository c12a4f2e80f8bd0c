import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { wavDurationMs } from '../domain/wavHeader';
import { callContextOf, markStored, noteFinaliseError, recordingByName } from '../repositories/recordings';
import type { PbxRecordings } from '../storage/pbxRecordings';
import type { RecordingStorage } from '../storage/recordingStorage';

export interface FinaliseDeps {
  db: pg.Pool;
  storage: RecordingStorage;
  pbx: PbxRecordings;
  now: () => Date;
  log: Logger;
}

export type FinaliseResult = 'stored' | 'already' | 'unknown';

/**
 * Copies one recording from the PBX into storage and indexes it: the bytes, their SHA-256, the
 * length from the WAV header, and the call's agent, queue, company and consultation. A throw
 * leaves the row pending (BullMQ retries with backoff); `finalAttempt` marks it failed instead.
 * Storing twice cannot happen: a stored row is skipped, and the key is new per attempt (a file
 * written by an attempt whose index update failed is an orphan the reconciler reports).
 */
export async function finaliseRecording(d: FinaliseDeps, name: string, finalAttempt: boolean): Promise<FinaliseResult> {
  const row = await recordingByName(d.db, name);
  if (!row) return 'unknown';
  if (row.state !== 'pending' && row.state !== 'failed') return 'already';
  try {
    const bytes = await d.pbx.download(name);
    if (bytes.byteLength === 0) throw new Error('the PBX returned an empty file');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const at = d.now();
    const key = d.storage.newKey(at);
    await d.storage.put(key, bytes);
    const context = await callContextOf(d.db, row.callId);
    await markStored(d.db, row.id, {
      storageKey: key,
      bytes: bytes.byteLength,
      sha256,
      durationMs: wavDurationMs(bytes),
      context,
      at,
    });
    d.log.info({ name, bytes: bytes.byteLength }, 'recording finalised');
    return 'stored';
  } catch (err) {
    const message = (err as Error).message;
    await noteFinaliseError(d.db, row.id, message, finalAttempt);
    d.log.warn({ name, err: message, finalAttempt }, 'recording finalise attempt failed');
    throw err;
  }
}
