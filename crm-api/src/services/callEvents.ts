import type { CallEventBatch, CallEventIngestResult } from '@cc1357/contracts';
import { inTransaction } from '../db/pool';
import { callRecordOf } from '../domain/callRecord';
import { eventsOfCalls, insertCallEvents, lockCalls, upsertCallRecords } from '../repositories/callEvents';
import { finishedRecordings, queueFinalise } from './recordingIngest';
import { insertPendingRecordings } from '../repositories/recordings';
import type { ServiceContext } from './context';

/**
 * Stores a batch of call events once each (by event id) and rebuilds the call record of every
 * call the batch touched. One transaction: a crash leaves either both or neither.
 */
export async function ingestCallEvents(ctx: ServiceContext, batch: CallEventBatch): Promise<CallEventIngestResult> {
  const recordings = finishedRecordings(batch.events);
  const result = await inTransaction(ctx.db, async (tx) => {
    const storedIds = await insertCallEvents(tx, batch.events);
    // A finished recording gets its pending index row with the events (same transaction).
    await insertPendingRecordings(tx, recordings);
    const callIds = [...new Set(batch.events.map((e) => e.callId))];
    // Two batches of one call can commit concurrently; serialising per call keeps the CDR in step.
    await lockCalls(tx, callIds);
    const events = await eventsOfCalls(tx, callIds);
    await upsertCallRecords(
      tx,
      callIds.map((id) => callRecordOf(id, events)),
    );
    ctx.log.debug({ stored: storedIds.length, calls: callIds.length }, 'call events ingested');
    return { stored: storedIds.length, duplicates: batch.events.length - storedIds.length };
  });
  // After the commit: the job finds its row. A lost hand-off is re-queued by the reconciler.
  await queueFinalise(ctx, recordings);
  return result;
}
