import type { CallEventV1 } from '@cc1357/contracts';
import type pg from 'pg';
import type { Logger } from 'pino';
import { inTransaction } from '../db/pool';
import { type Closure, type StaleCallRules, closureEventId, staleCallsToClose } from '../domain/staleCalls';
import { storeCallEvents } from './callEvents';
import { openCalls } from '../repositories/staleCalls';

/** How many open records one pass looks at (the oldest first). */
const BATCH = 500;

/**
 * Closes call records left "in progress" by a call whose end was never reported: a `call.ended`
 * event marked `reconciled` (with the reason and when it was closed) is stored like any call
 * event and what the call's events fold into rebuilt from them, as the ingest does (services/callEvents.ts; these
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
    // The closing call.ended ends an open handling: the record, the report facts and the KPI
    // totals they move follow, exactly as at ingest.
    await storeCallEvents(tx, callIds, events);
  });
  ctx.log.warn({ closed: closures.length, reasons: closures.map((c) => c.reason) }, 'stale call records closed');
  return closures;
}
