import { KPI_INTERVALS, KpiReport, type CallEventV1, type KpiGrouping, type KpiInterval } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_ORDER, kpiTotalsDelta, SHORT_ABANDON_EDGES, SL_EDGES } from '../src/domain/kpiContributions';
import { periodOf } from '../src/domain/kpiBuckets';
import { buildKpiReport, reportFactsOfEvents } from '../src/domain/kpiReport';
import { agentStateFactsBetween } from '../src/repositories/agentStateChanges';
import { reportFactsBetween } from '../src/repositories/reports';
import { randomReportEvents, shuffled } from './support/reportEvents';
import { startTestCrm, tokenFor, TEST_NOW, type TestCrm } from './support/server';
import { ingestCallEvents, kpiReportOf } from './support/reportsApi';

/**
 * Issue 17: GET /api/reports/kpi sums kpi_totals (migration 028), moved at ingest by each call's
 * facts' difference. Random calls of every shape, delivered shuffled in concurrent batches, some
 * batches twice → the stored totals are exactly the contributions of the final facts (no drift,
 * no deadlock), and every report from them equals the fold over the raw events. A threshold off
 * the edges is answered by the fold of the facts instead — shown by corrupting the totals.
 */
describe('KPI totals kept at ingest over real PostgreSQL', () => {
  let crm: TestCrm;
  let supervisor: string;
  let service: string;

  const ingest = (events: readonly CallEventV1[]) => ingestCallEvents(crm, service, events);
  const report = (qs: string) => kpiReportOf(crm, supervisor, qs);
  const folded = async (from: string, to: string, interval: KpiInterval, by: KpiGrouping, T: number, S: number) => {
    const period = periodOf(from, to);
    const raw = await reportFactsBetween(crm.db, period.start, period.end);
    const changes = by === 'agent' ? await agentStateFactsBetween(crm.db, period.start, period.end) : null;
    const r = buildKpiReport(raw, {
      period: { ...period, from, to },
      interval,
      by,
      serviceLevelSeconds: T,
      shortAbandonSeconds: S,
      ...(changes ? { staffing: { changes, now: TEST_NOW } } : {}),
    });
    return KpiReport.parse(JSON.parse(JSON.stringify(r)));
  };

  beforeAll(async () => {
    crm = await startTestCrm();
    supervisor = await tokenFor('supervisor');
    service = await tokenFor('service');
    const events = shuffled(3, randomReportEvents(28, 500, new Date('2025-02-26T00:00:00+09:00'), 6, 't'));
    // Batches of 1…40 events in random order, four at a time (they share intervals: the upserts
    // of overlapping rows must queue, not deadlock); every fourth batch is sent again.
    const batches: CallEventV1[][] = [];
    for (let i = 0, n = 1; i < events.length; i += n, n = 1 + ((i * 7919) % 40)) batches.push(events.slice(i, i + n));
    const sends = [...batches, ...batches.filter((_, i) => i % 4 === 0)];
    for (let i = 0; i < sends.length; i += 4) await Promise.all(sends.slice(i, i + 4).map(ingest));
  });
  afterAll(() => crm.close());

  it('hold exactly the contributions of every call final facts, whatever the delivery order', async () => {
    const raw = await reportFactsBetween(crm.db, new Date('2025-02-01T00:00:00Z'), new Date('2025-04-01T00:00:00Z'));
    const expected = kpiTotalsDelta([], reportFactsOfEvents(raw));
    const { rows } = await crm.db.query<{
      span: string;
      grouping: KpiGrouping;
      start: Date;
      key: string;
      touches: string;
      offered: string;
      busyMs: string;
      handleMs: string;
      answeredWithin: string[];
      codes: string[];
    }>(
      `SELECT span, grouping, start_at AS start, key, touches, offered, busy_ms AS "busyMs",
              handle_ms AS "handleMs", answered_within AS "answeredWithin", codes
         FROM kpi_totals WHERE touches <> 0`,
    );
    const stored = rows
      .map((r) => ({
        id: `${r.span}|${r.start.getTime()}|${r.grouping}|${r.key}`,
        touches: Number(r.touches),
        offered: Number(r.offered),
        busyMs: Number(r.busyMs),
        handleMs: Number(r.handleMs),
        // An array never added to stays '{}' (a delta of zeros is sent as '{}').
        answeredWithin: SL_EDGES.map((_, i) => Number(r.answeredWithin[i] ?? 0)),
        codes: CODE_ORDER.map((_, i) => Number(r.codes[i] ?? 0)),
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
    const want = expected
      .map((r) => ({
        id: `${r.span}|${r.start}|${r.grouping}|${r.key}`,
        touches: r.totals.touches,
        offered: r.totals.offered,
        busyMs: r.totals.busyMs,
        handleMs: r.totals.handleMs,
        answeredWithin: r.totals.answeredWithin,
        codes: r.totals.codes,
      }))
      .sort((a, b) => a.id.localeCompare(b.id));
    expect(stored.length).toBeGreaterThan(100);
    expect(stored).toEqual(want);
    expect(want.some((r) => r.codes.length === CODE_ORDER.length && r.codes.some((n) => n > 0))).toBe(true);
  });

  it.each(
    KPI_INTERVALS.flatMap((interval) =>
      (['queue', 'agent'] as const).map((by, i) => [by, interval, i ? 30 : 20, i ? 10 : 5] as const),
    ),
  )('by %s per %s (T %i s, short %i s): the report from the totals equals the fold', async (by, interval, T, S) => {
    expect(SL_EDGES).toContain(T);
    expect(SHORT_ABANDON_EDGES).toContain(S);
    const [from, to] = interval === 'month' ? ['2025-02-01', '2025-03-31'] : ['2025-02-27', '2025-03-02'];
    const got = await report(
      `from=${from}&to=${to}&interval=${interval}&by=${by}&serviceLevelSeconds=${T}&shortAbandonSeconds=${S}`,
    );
    const want = await folded(from, to, interval, by, T, S);
    expect(want.total.counts.offered).toBeGreaterThan(50);
    expect(want.total.counts.handled).toBeGreaterThan(50);
    expect({ ...got, names: {} }).toEqual(want);
  });

  it('a threshold off the edges is answered by the fold; on the edges, by the totals', async () => {
    expect(SL_EDGES).not.toContain(37);
    expect(SHORT_ABANDON_EDGES).not.toContain(23);
    const q = (T: number, S: number) =>
      `from=2025-02-27&to=2025-03-02&interval=day&by=queue&serviceLevelSeconds=${T}&shortAbandonSeconds=${S}`;
    const offEdges = await report(q(37, 23));
    expect({ ...offEdges, names: {} }).toEqual(await folded('2025-02-27', '2025-03-02', 'day', 'queue', 37, 23));
    const period = periodOf('2025-02-27', '2025-03-02');
    // Corrupt the totals: the report on the edges shows it (it reads them), the one off them does not.
    const corrupted = await crm.db.query(
      `UPDATE kpi_totals SET offered = offered + 1000 WHERE span = 'day' AND grouping = 'queue' AND touches > 0 AND start_at >= $1 AND start_at < $2`,
      [period.start, period.end],
    );
    expect(corrupted.rowCount).toBeGreaterThan(0);
    try {
      expect((await report(q(20, 5))).total.counts.offered).toBe(
        offEdges.total.counts.offered + 1000 * corrupted.rowCount!,
      );
      expect(await report(q(37, 23))).toEqual(offEdges);
      expect((await report(q(37, 5))).total.counts.offered).toBe(offEdges.total.counts.offered);
    } finally {
      await crm.db.query(
        `UPDATE kpi_totals SET offered = offered - 1000 WHERE span = 'day' AND grouping = 'queue' AND touches > 0 AND start_at >= $1 AND start_at < $2`,
        [period.start, period.end],
      );
    }
  });
});
