import { KpiReport, type CallEventV1 } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf } from '../src/domain/kpiBuckets';
import { buildKpiReport, noReportFacts, reportFactsOfEvents } from '../src/domain/kpiReport';
import { agentStateFactsBetween } from '../src/repositories/agentStateChanges';
import { decodeReportFacts } from '../src/repositories/reportFacts';
import { reportFactsBetween } from '../src/repositories/reports';
import { randomReportEvents, shuffled } from './support/reportEvents';
import { startTestCrm, tokenFor, TEST_NOW, type TestCrm } from './support/server';
import { ingestCallEvents, kpiReportOf } from './support/reportsApi';

/**
 * Issue 17: the KPI report reads call_report_facts, kept at ingest. Random calls of every shape,
 * delivered shuffled, in concurrent batches, some batches twice → the stored facts are the facts
 * of all the events, and the report from them equals the report folded from the raw events; a
 * few calls are counted by hand.
 */
const kst = (hms: string, day: string) => new Date(`${day}T${hms}+09:00`).toISOString();

describe('report facts kept at ingest over real PostgreSQL', () => {
  let crm: TestCrm;
  let supervisor: string;
  let service: string;

  const ingest = (events: readonly CallEventV1[]) => ingestCallEvents(crm, service, events);
  const report = (qs: string) => kpiReportOf(crm, supervisor, qs);

  beforeAll(async () => {
    crm = await startTestCrm();
    supervisor = await tokenFor('supervisor');
    service = await tokenFor('service');
    const events = shuffled(2, randomReportEvents(17, 400, new Date('2025-03-10T00:00:00+09:00'), 8));
    // Batches of 1…60 events in random order, four at a time; every fifth batch is sent again.
    const batches: CallEventV1[][] = [];
    for (let i = 0, n = 1; i < events.length; i += n, n = 1 + ((i * 7919) % 60)) batches.push(events.slice(i, i + n));
    const sends = [...batches, ...batches.filter((_, i) => i % 5 === 0)];
    for (let i = 0; i < sends.length; i += 4) await Promise.all(sends.slice(i, i + 4).map(ingest));
  });
  afterAll(() => crm.close());

  it('stores, per call, the facts callReportFactsOf derives from all its events', async () => {
    const raw = await reportFactsBetween(crm.db, new Date('2025-03-01T00:00:00Z'), new Date('2025-04-01T00:00:00Z'));
    const expected = new Map(reportFactsOfEvents(raw).map((f) => [f.callId, f]));
    const { rows } = await crm.db.query<{ callId: string; facts: Parameters<typeof decodeReportFacts>[1] }>(
      `SELECT call_id AS "callId", facts FROM call_report_facts WHERE call_id LIKE 'k%' ORDER BY call_id`,
    );
    expect(rows).toHaveLength(400);
    const stored = rows.map((r) => decodeReportFacts(r.callId, r.facts));
    expect(stored).toEqual(stored.map((f) => expected.get(f.callId) ?? noReportFacts(f.callId)));
    expect(stored.filter((f) => expected.has(f.callId))).toHaveLength(expected.size);
    // Every shape was drawn.
    const all = [...expected.values()];
    expect(all.some((f) => f.outboundAnswered)).toBe(true);
    expect(all.some((f) => f.fallback)).toBe(true);
    expect(all.some((f) => f.strayTransfers.length)).toBe(true);
    expect(all.some((f) => f.handlings.some((h) => h.transfers > 0 && h.holdSeconds > 0))).toBe(true);
    expect(all.some((f) => f.handlings.some((h) => h.wrapUpCode === 'none'))).toBe(true);
    expect(all.some((f) => f.handlings.some((h) => !h.endedAt))).toBe(true);
    expect(all.some((f) => f.rings.some((r) => r.missed))).toBe(true);
  });

  it.each([
    ['queue', '60m', 20, 5],
    ['agent', '60m', 20, 5],
    ['queue', 'day', 30, 10],
    ['agent', '15m', 10, 0],
    ['queue', 'month', 60, 3],
    ['agent', 'month', 20, 5],
  ] as const)(
    'by %s per %s (T %i s, short %i s): the report equals the fold of the raw events',
    async (by, interval, T, S) => {
      const [from, to] = interval === '15m' ? ['2025-03-12', '2025-03-13'] : ['2025-03-11', '2025-03-16'];
      const got = await report(
        `from=${from}&to=${to}&interval=${interval}&by=${by}&serviceLevelSeconds=${T}&shortAbandonSeconds=${S}`,
      );
      const period = periodOf(from, to);
      const raw = await reportFactsBetween(crm.db, period.start, period.end);
      const changes = by === 'agent' ? await agentStateFactsBetween(crm.db, period.start, period.end) : null;
      const expected = buildKpiReport(raw, {
        period: { ...period, from, to },
        interval,
        by,
        serviceLevelSeconds: T,
        shortAbandonSeconds: S,
        ...(changes ? { staffing: { changes, now: TEST_NOW } } : {}),
      });
      expect(expected.total.counts.offered).toBeGreaterThan(20);
      expect(expected.total.counts.handled).toBeGreaterThan(20);
      expect({ ...got, names: {} }).toEqual(KpiReport.parse(JSON.parse(JSON.stringify(expected))));
    },
  );

  it('counts a few calls by hand, delivered backwards and twice', async () => {
    const day = '2025-04-02';
    const e = (callId: string, n: number, type: CallEventV1['type'], hms: string, extra: Partial<CallEventV1> = {}) =>
      ({ id: `${callId}-${n}`, callId, type, at: kst(hms, day), data: {}, ...extra }) as CallEventV1;
    /*
     * h1 fund: queued 10:00:00, connected to 3001 at 10:00:10 (10 s), held 20 s, ended 10:02:00
     *    (talk 110 s), wrap-up ended 10:02:30 (30 s, resolved) → handle 140 s, hold 20 s.
     * h2 fund: queued 10:10:00, abandoned 10:10:03 (short, under 5 s).
     * h3 desk dial by 3002 at 10:20:00, answered 10:20:10, ended 10:21:10 → handle 60 s on '-'.
     */
    const hand = [
      e('h1', 1, 'queue.entered', '10:00:00', { queue: 'fund' }),
      e('h1', 2, 'agent.offered', '10:00:05', { queue: 'fund', agentId: '3001' }),
      e('h1', 3, 'call.connected', '10:00:10', { queue: 'fund', agentId: '3001' }),
      e('h1', 4, 'call.held', '10:01:00', { agentId: '3001' }),
      e('h1', 5, 'call.resumed', '10:01:20', { agentId: '3001', data: { heldSeconds: 20 } }),
      e('h1', 6, 'call.ended', '10:02:00', { agentId: '3001' }),
      e('h1', 7, 'wrapUp.ended', '10:02:30', { agentId: '3001', data: { code: 'resolved' } }),
      e('h2', 1, 'queue.entered', '10:10:00', { queue: 'fund' }),
      e('h2', 2, 'call.abandoned', '10:10:03', { queue: 'fund' }),
      e('h3', 1, 'call.outbound.started', '10:20:00', { agentId: '3002' }),
      e('h3', 2, 'call.outbound.answered', '10:20:10', { agentId: '3002' }),
      e('h3', 3, 'call.connected', '10:20:10', { agentId: '3002' }),
      e('h3', 4, 'call.ended', '10:21:10', { agentId: '3002' }),
    ];
    for (const x of [...hand].reverse()) await ingest([x]);
    await ingest(hand);
    const byQueue = await report(`from=${day}&to=${day}&interval=day&by=queue`);
    const fund = byQueue.totals.find((r) => r.key === 'fund')!;
    expect(fund.counts).toMatchObject({
      offered: 2,
      answered: 1,
      abandoned: 1,
      shortAbandons: 1,
      answeredWithinThreshold: 1,
      answerWaitSeconds: 10,
      handled: 1,
      handleSeconds: 140,
      holdSeconds: 20,
      wrapUpSeconds: 30,
    });
    expect(fund.wrapUpCodes).toEqual({ resolved: 1 });
    const desk = byQueue.totals.find((r) => r.key === '-')!;
    expect(desk.counts).toMatchObject({ outbound: 1, outboundAnswered: 1, handled: 1, handleSeconds: 60, answered: 0 });
    const byAgent = await report(`from=${day}&to=${day}&interval=day&by=agent`);
    expect(byAgent.totals.find((r) => r.key === '3001')!.counts).toMatchObject({ offered: 1, answered: 1, handled: 1 });
    expect(byAgent.totals.find((r) => r.key === '3002')!.counts).toMatchObject({
      outbound: 1,
      answered: 0,
      handleSeconds: 60,
    });
  });
});
