import { KPI_INTERVALS, QUEUE_IDS } from '@cc1357/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../src/domain/kpiBuckets';
import { addCounts, buildKpiReport, emptyCounts, type ReportEventFact } from '../../src/domain/kpiReport';

/**
 * Whatever the calls, the interval only slices them: the period's totals are the same at 15
 * minutes and at a month, the rows add up to the total, and every ratio stays within 0..1.
 * December 2026 in Seoul, with calls that may start before it or end after it.
 */
const FROM = '2026-12-01';
const TO = '2026-12-31';
const period = periodOf(FROM, TO);
const span = period.end.getTime() - period.start.getTime();

const call = fc.record({
  // Up to a day before the period to a day after it: edges are where counting goes wrong.
  enteredMs: fc.integer({ min: -86_400_000, max: span + 86_400_000 }),
  queue: fc.constantFrom(...QUEUE_IDS),
  waitSeconds: fc.integer({ min: 0, max: 600 }),
  outcome: fc.constantFrom('answered', 'abandoned', 'waiting'),
  talkSeconds: fc.integer({ min: 0, max: 3600 }),
  wrapSeconds: fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }),
  transferred: fc.boolean(),
  callback: fc.boolean(),
  fallback: fc.boolean(),
});

type Call = typeof call extends fc.Arbitrary<infer T> ? T : never;

function eventsOf(calls: Call[]): ReportEventFact[] {
  const out: ReportEventFact[] = [];
  calls.forEach((c, i) => {
    const id = `p${i}`;
    // One counselor per call: a counselor takes one call at a time, so occupancy cannot pass 100%.
    const agent = `a${i}`;
    const t0 = period.start.getTime() + c.enteredMs;
    const at = (s: number) => new Date(t0 + s * 1000);
    const data = c.fallback ? { fallback: true } : {};
    const ev = (type: string, s: number, extra: Partial<ReportEventFact> = {}) =>
      out.push({ callId: id, type, at: at(s), queue: null, agentId: null, data, ...extra });
    ev('queue.entered', 0, { queue: c.queue });
    if (c.outcome === 'abandoned') ev('call.abandoned', c.waitSeconds, { queue: c.queue });
    if (c.outcome !== 'answered') return;
    ev('agent.offered', Math.max(0, c.waitSeconds - 1), { queue: c.queue, agentId: agent });
    ev('call.connected', c.waitSeconds, { queue: c.queue, agentId: agent });
    if (c.callback) ev('callback.requested', c.waitSeconds + 1, { queue: c.queue, agentId: agent });
    const end = c.waitSeconds + c.talkSeconds + 2;
    if (c.transferred) ev('call.transferred', end, { data: { ...data, from: agent } });
    else ev('call.ended', end, { agentId: agent });
    if (c.wrapSeconds !== null) ev('wrapUp.ended', end + c.wrapSeconds, { agentId: agent });
  });
  return out;
}

describe('KPI report invariants (property)', () => {
  it('the same totals at every interval; rows sum to the total; ratios within 0..1', () => {
    fc.assert(
      fc.property(fc.array(call, { maxLength: 60 }), fc.constantFrom('queue', 'agent' as const), (calls, by) => {
        const events = eventsOf(calls);
        const reports = KPI_INTERVALS.map((interval) =>
          buildKpiReport(events, {
            period: { ...period, from: FROM, to: TO },
            interval,
            by,
            serviceLevelSeconds: 20,
            shortAbandonSeconds: 5,
          }),
        );
        const base = reports[0]!.total.counts;
        for (const r of reports) {
          // busySeconds is the same stretch cut at different places: equal up to float rounding.
          expect({ ...r.total.counts, busySeconds: 0 }).toEqual({ ...base, busySeconds: 0 });
          expect(r.total.counts.busySeconds).toBeCloseTo(base.busySeconds, 3);
          const summed = r.rows.reduce((acc, row) => addCounts(acc, row.counts), emptyCounts());
          expect({ ...summed, busySeconds: 0 }).toEqual({ ...r.total.counts, busySeconds: 0 });
          for (const row of [...r.rows, ...r.totals, ...r.byInterval]) {
            for (const name of ['serviceLevel', 'abandonRate', 'occupancy'] as const) {
              const v = row.figures[name].value;
              if (v !== null) expect(v, `${r.interval} ${row.label} ${row.key} ${name}`).toBeGreaterThanOrEqual(0);
              if (v !== null) expect(v, `${r.interval} ${row.label} ${row.key} ${name}`).toBeLessThanOrEqual(1);
            }
            expect(new Date(row.start) >= period.start && new Date(row.end) <= period.end).toBe(true);
          }
        }
        // Only queue stays that began inside the period are offered there.
        if (by === 'queue') {
          const inside = calls.filter((c) => c.enteredMs >= 0 && c.enteredMs < span).length;
          expect(base.offered).toBe(inside);
        }
      }),
      { numRuns: 150 },
    );
  });
});
