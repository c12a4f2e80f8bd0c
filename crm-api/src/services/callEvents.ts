import type { CallEventBatch, CallEventIngestResult } from '@cc1357/contracts';
import { inTransaction } from '../db/pool';
import { callRecordOf } from '../domain/callRecord';
import { eventsOfCalls, insertCallEvents, upsertCallRecords } from '../repositories/callEvents';
import type { ServiceContext } from './context';

/**
 * Stores a batch of call events once each (by event id) and rebuilds the call record of every
 * call the batch touched. One transaction: a crash leaves either both or neither.
 */
export async function ingestCallEvents(ctx: ServiceContext, batch: CallEventBatch): Promise<CallEventIngestResult> {
  return inTransaction(ctx.db, async (tx) => {
    const storedIds = await insertCallEvents(tx, batch.events);
    const callIds = [...new Set(batch.events.map((e) => e.callId))];
    // Two batches of one call can commit concurrently; serialising per call keeps the CDR in step.
    // Keys are locked in ascending order so two batches touching the same calls cannot deadlock.
    await tx.query(
      `SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(c, 0) AS k FROM unnest($1::text[]) AS c ORDER BY k) AS keys`,
      [callIds],
    );
    const events = await eventsOfCalls(tx, callIds);
    await upsertCallRecords(tx, callIds.map((id) => callRecordOf(id, events)));
    ctx.log.debug({ stored: storedIds.length, calls: callIds.length }, 'call events ingested');
    return { stored: storedIds.length, duplicates: batch.events.length - storedIds.length };
  });
}
