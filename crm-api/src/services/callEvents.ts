import type { CallEventBatch, CallEventIngestResult } from '@cc1357/contracts';
import { inTransaction } from '../db/pool';
import { callRecordOf, type StoredCallEvent } from '../domain/callRecord';
import { queueLegsOf, type QueueEventFact } from '../domain/kpi';
import { eventsOfCalls, insertCallEvents, lockCalls, upsertCallRecords } from '../repositories/callEvents';
import { finishedRecordings, queueFinalise } from './recordingIngest';
import { insertPendingRecordings } from '../repositories/recordings';
import { replaceQueueLegs } from '../repositories/queueLegs';
import { reportFactsOfCalls, storeReportFacts } from './reportFacts';
import type { ServiceContext } from './context';

/**
 * Stores a batch of call events once each (by event id) and rebuilds the call record and the
 * queue legs and report facts of every call the batch touched. One transaction: a crash leaves all or nothing.
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
    // Legs from all of each call's events (in the order read), so any delivery order ends the same.
    await replaceQueueLegs(tx, callIds, queueLegsOf(queueFactsOf(events)));
    // Likewise the facts the KPI report counts (domain/kpiReport.ts callReportFactsOf), and the
    // per-interval totals it reads (moved by the facts' difference).
    await storeReportFacts(tx, reportFactsOfCalls(callIds, events));
    ctx.log.debug({ stored: storedIds.length, calls: callIds.length }, 'call events ingested');
    return { stored: storedIds.length, duplicates: batch.events.length - storedIds.length };
  });
  // After the commit: the job finds its row. A lost hand-off is re-queued by the reconciler.
  await queueFinalise(ctx, recordings);
  return result;
}

/** The events queue legs are folded from (domain/kpi.ts), in the order given. */
export function queueFactsOf(events: readonly StoredCallEvent[]): QueueEventFact[] {
  const facts: QueueEventFact[] = [];
  for (const e of events) {
    if (e.type === 'queue.entered' || e.type === 'call.connected' || e.type === 'call.abandoned') {
      facts.push({ callId: e.callId, type: e.type, at: e.at, queue: e.queue as QueueEventFact['queue'] });
    }
  }
  return facts;
}
