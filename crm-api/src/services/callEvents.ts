import type { CallEventBatch, CallEventIngestResult, CallEventV1 } from '@cc1357/contracts';
import { inTransaction, type Queryable } from '../db/pool';
import { writeTogether, type WritePart } from '../db/writeTogether';
import { callRecordOf, type StoredCallEvent } from '../domain/callRecord';
import { queueLegsOf, type QueueEventFact } from '../domain/kpi';
import { callRecordWrites, eventsOfCalls, lockCallsAndInsertEvents } from '../repositories/callEvents';
import { finishedRecordings, queueFinalise } from './recordingIngest';
import { pendingRecordingWrites } from '../repositories/recordings';
import { queueLegWrites } from '../repositories/queueLegs';
import { reportFactsOfCalls, reportFactWritesOf } from './reportFacts';
import type { ServiceContext } from './context';

/**
 * Stores a batch of call events once each (by event id) and rebuilds the call record and the
 * queue legs and report facts of every call the batch touched. One transaction: a crash leaves all or nothing.
 */
export async function ingestCallEvents(ctx: ServiceContext, batch: CallEventBatch): Promise<CallEventIngestResult> {
  const recordings = finishedRecordings(batch.events);
  const callIds = [...new Set(batch.events.map((e) => e.callId))];
  const result = await inTransaction(ctx.db, async (tx) => {
    // A finished recording gets its pending index row with the events (same statement).
    const storedIds = await storeCallEvents(tx, callIds, batch.events, pendingRecordingWrites(recordings));
    ctx.log.debug({ stored: storedIds.length, calls: callIds.length }, 'call events ingested');
    return { stored: storedIds.length, duplicates: batch.events.length - storedIds.length };
  });
  // After the commit: the job finds its row. A lost hand-off is re-queued by the reconciler.
  await queueFinalise(ctx, recordings);
  return result;
}

/**
 * Stores events of these calls (and `also`, writes that go with them) and rewrites what all of
 * each call's events fold into: three round trips after the transaction's BEGIN. Two batches of
 * one call can commit concurrently; the calls' locks, taken first, serialise them so the records
 * stay in step. Returns the ids that were new. Run it inside a transaction (the locks last until
 * its commit).
 */
export async function storeCallEvents(
  tx: Queryable,
  callIds: readonly string[],
  events: readonly CallEventV1[],
  also: readonly WritePart[] = [],
): Promise<string[]> {
  const storedIds = await lockCallsAndInsertEvents(tx, callIds, events, also);
  await writeTogether(tx, await derivedWrites(tx, callIds, await eventsOfCalls(tx, callIds)));
  return storedIds;
}

/**
 * What these calls' events fold into, as writes for one statement: the call records, the queue
 * legs (from all of each call's events, in the order read, so any delivery order ends the same),
 * and the facts the KPI report counts with the per-interval totals they move
 * (services/reportFacts.ts). Reads the stored facts: under the calls' lock, after their events.
 */
async function derivedWrites(
  tx: Queryable,
  callIds: readonly string[],
  events: readonly StoredCallEvent[],
): Promise<WritePart[]> {
  return [
    ...callRecordWrites(callIds.map((id) => callRecordOf(id, events))),
    ...queueLegWrites(callIds, queueLegsOf(queueFactsOf(events))),
    ...(await reportFactWritesOf(tx, reportFactsOfCalls(callIds, events))),
  ];
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
