import type pg from 'pg';
import { createPool, inTransaction, type Queryable } from '../db/pool';
import { writeTogether, type WritePart } from '../db/writeTogether';
import type { StoredCallEvent } from '../domain/callRecord';
import { kpiTotalsDelta } from '../domain/kpiContributions';
import { noReportFacts, reportFactsOfEvents, type CallReportFacts } from '../domain/kpiReport';
import { eventsOfCalls, lockCalls } from '../repositories/callEvents';
import { REPORT_EVENT_TYPES } from '../repositories/reports';
import { kpiTotalWrites } from '../repositories/kpiTotals';
import { reportFactWrites, storedReportFacts, takePendingReportFactCalls } from '../repositories/reportFacts';

const REPORT_TYPES: ReadonlySet<string> = new Set(REPORT_EVENT_TYPES);

/**
 * The report facts of these calls from their stored events (all of them, any order): the same
 * derivation the report applies to raw events (domain/kpiReport.ts reportFactsOfEvents). A call
 * without report events gets empty facts.
 */
export function reportFactsOfCalls(callIds: readonly string[], events: readonly StoredCallEvent[]): CallReportFacts[] {
  const derived = new Map(
    reportFactsOfEvents(events.filter((e) => REPORT_TYPES.has(e.type))).map((f) => [f.callId, f]),
  );
  return callIds.map((callId) => derived.get(callId) ?? noReportFacts(callId));
}

/**
 * The writes that make call_report_facts hold `facts` for their calls and move kpi_totals
 * (migration 028) by the difference: the contributions of the facts stored before are taken away,
 * the new ones added (domain/kpiContributions.ts), so the totals stay the sum over every call's
 * current facts whatever order the events came in; facts that did not change change nothing.
 * Reads the facts stored before, so run it under the calls' lock, in the transaction that stored
 * their events, and the writes with writeTogether in that transaction.
 */
export async function reportFactWritesOf(tx: Queryable, facts: readonly CallReportFacts[]): Promise<WritePart[]> {
  const before = await storedReportFacts(
    tx,
    facts.map((f) => f.callId),
  );
  return [...reportFactWrites(facts), ...kpiTotalWrites(kpiTotalsDelta(before, facts))];
}

/** Rewrites the facts (and totals) of these calls from all their events. Run under the calls' lock. */
export async function rebuildReportFacts(tx: Queryable, callIds: readonly string[]): Promise<void> {
  await writeTogether(tx, await reportFactWritesOf(tx, reportFactsOfCalls(callIds, await eventsOfCalls(tx, callIds))));
}

/**
 * Derives the facts (and adds the KPI totals) of the calls listed in call_report_facts_pending
 * (migration 027 lists the calls stored before it; 028 every call, for the totals), `batch` calls per transaction under their locks, so it converges with
 * a concurrent ingest. crm-api runs it at start before serving; returns how many calls it did.
 */
export async function backfillReportFacts(
  db: pg.Pool,
  opts: { batch?: number; log?: (done: number) => void } = {},
): Promise<number> {
  const batch = opts.batch ?? 1000;
  let done = 0;
  for (;;) {
    const n = await inTransaction(db, async (tx) => {
      const callIds = await takePendingReportFactCalls(tx, batch);
      if (callIds.length === 0) return 0;
      await lockCalls(tx, callIds);
      await rebuildReportFacts(tx, callIds);
      return callIds.length;
    });
    if (n === 0) return done;
    done += n;
    opts.log?.(done);
  }
}

/**
 * The backfill on its own one-connection pool, for whoever migrates a database before serving
 * it (crm-api's main, the demo with --keep-data): after migration 027 a database's earlier calls
 * are in the report only once this ran. `log` hears progress about every 100,000 calls.
 */
export async function backfillReportFactsAt(databaseUrl: string, log?: (done: number) => void): Promise<number> {
  const db = createPool(databaseUrl, 1);
  try {
    return await backfillReportFacts(db, {
      log: (done) => {
        if (done % 100_000 < 1000) log?.(done);
      },
    });
  } finally {
    await db.end();
  }
}
