import type { CallEventV1 } from '@cc1357/contracts';
import type pg from 'pg';
import type { Logger } from 'pino';
import { inTransaction } from '../db/pool';
import { callRecordOf } from '../domain/callRecord';
import { type Closure, type StaleCallRules, closureEventId, staleCallsToClose } from '../domain/staleCalls';
import { eventsOfCalls, insertCallEvents, lockCalls, upsertCallRecords } from '../repositories/callEvents';
import { replaceReportFacts } from '../repositories/reportFacts';
import { reportFactsOfCalls } from './reportFacts';
import { openCalls } from '../repositories/staleCalls';

/** How many open records one pass looks at (the oldest first). */
const BATCH = 500;

/**
 * Closes call records left "in progress" by a call whose end was never reported: a `call.ended`
 * event marked `reconciled` (with the reason and when it was closed) is stored like any call
 * event and the record and report facts rebuilt from the events, as the ingest does (services/callEvents.ts; these
 * events are never recordings, so nothing else follows). The event id is fixed per call, so
 * several crm-api processes closing the same call store it once. Returns what was closed.
 */
export async function closeStaleCalls(ctx: { db: pg.Pool; log: Logger }, rules: StaleCallRules): Promise<Closure[]> {
  const closures = staleCallsToClose(await openCalls(ctx.db, BATCH), rules);
  if (closures.length === 0) return [];
  const events: CallEventV1[] = closures.map((c) => ({
    id: closureEventId(c.callId),
    callId: c.callId,
    type: 'call.ended',
    at: c.at.toISOString(),
    data: { reconciled: true, reason: c.reason, closedAt: rules.now.toISOString() },
  }));
  const callIds = closures.map((c) => c.callId);
  await inTransaction(ctx.db, async (tx) => {
    await insertCallEvents(tx, events);
    await lockCalls(tx, callIds);
    const all = await eventsOfCalls(tx, callIds);
    await upsertCallRecords(
      tx,
      callIds.map((id) => callRecordOf(id, all)),
    );
    // The closing call.ended ends an open handling: the report facts follow, as at ingest.
    await replaceReportFacts(tx, reportFactsOfCalls(callIds, all));
  });
  ctx.log.warn({ closed: closures.length, reasons: closures.map((c) => c.reason) }, 'stale call records closed');
  return closures;
}
