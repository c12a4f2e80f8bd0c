import { KPI_FORMULAS, type KpiInterval } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { bucketEnd, bucketLabel, bucketStart, periodOf, spreadOver } from '../../src/domain/kpiBuckets';
import { buildKpiReport, type KpiReportOptions, type ReportEventFact } from '../../src/domain/kpiReport';

/** Seoul wall time → instant (KST is UTC+9, no daylight saving). */
const kst = (wall: string) => new Date(`${wall}+09:00`);
const ev = (
  callId: string,
  type: string,
  wall: string,
  extra: Partial<Pick<ReportEventFact, 'queue' | 'agentId' | 'data'>> = {},
): ReportEventFact => ({
  callId,
  type,
  at: kst(wall),
  queue: extra.queue ?? null,
  agentId: extra.agentId ?? null,
  data: extra.data ?? {},
});

const options = (from: string, to: string, interval: KpiInterval, by: 'queue' | 'agent'): KpiReportOptions => ({
  period: { ...periodOf(from, to), from, to },
  interval,
  by,
  serviceLevelSeconds: 20,
  shortAbandonSeconds: 5,
});

/*
 * The hand count. Five calls on 2026-12-01 (Seoul), fund queue unless said:
 *  c1 09:00:00 queued, 09:00:10 connected to 1001 (wait 10 s ≤ 20), held 30 s, ended 09:05:00,
 *     wrap-up ended 09:06:00 → talk+hold 290 s, wrap 60 s, handle 350 s; a callback was booked.
 *  c2 09:10:00 queued, 09:10:30 connected to 1002 (wait 30 s > 20), ended 09:14:30 (240 s),
 *     wrap-up ended 09:15:30 (60 s) → handle 300 s.
 *  c3 09:20:00 queued, 09:20:03 abandoned (3 s < 5: a short abandon).
 *  c4 09:40:00 queued, 09:41:00 abandoned (60 s: a real abandon).
 *  c5 09:50:00 queued, rang 1002 who let it go (noAnswer), connected 09:50:15 to 1001 (wait 15 s),
 *     1001 transferred it at 09:52:15 (120 s) to general, where it queued 09:52:15 and 1002 took
 *     it at 09:52:20 (wait 5 s), ended 09:55:20 (180 s); no wrap-up events.
 *  f1 10:05:00 a fallback call (data.fallback) in general, connected 10:05:02 to 1003, ended
 *     10:07:02 (120 s).
 *
 * Queue fund, 09:00 hour: offered 5 (c1..c5), answered 3 (c1, c2, c5), abandoned 2, short 1,
 *   within 20 s: c1 (10), c5 (15) = 2 → SL 2 ÷ (3 + 2 − 1) = 0.5; ASA (10 + 30 + 15) ÷ 3 = 18.3;
 *   handled 3: c1 350, c2 300, c5-by-1001 120 → AHT 770 ÷ 3 = 256.7; transfers 1; callbacks 1;
 *   abandon rate (2 − 1) ÷ (5 − 1) = 0.25.
 * Queue general, 09:00 hour: offered 1 (c5's second leg), answered 1 (wait 5), handled 1 (180 s).
 * Queue general, 10:00 hour: offered 1 (f1), fallback 1, answered 1, handled 1 (120 s).
 */
const callEvents: ReportEventFact[] = [
  ev('c1', 'queue.entered', '2026-12-01T09:00:00', { queue: 'fund' }),
  ev('c1', 'agent.offered', '2026-12-01T09:00:02', { queue: 'fund', agentId: '1001' }),
  ev('c1', 'call.connected', '2026-12-01T09:00:10', { queue: 'fund', agentId: '1001' }),
  ev('c1', 'call.held', '2026-12-01T09:01:00', { agentId: '1001' }),
  ev('c1', 'call.resumed', '2026-12-01T09:01:30', { agentId: '1001', data: { heldSeconds: 30 } }),
  ev('c1', 'callback.requested', '2026-12-01T09:04:00', { queue: 'fund', agentId: '1001' }),
  ev('c1', 'call.ended', '2026-12-01T09:05:00', { agentId: '1001' }),
  ev('c1', 'wrapUp.ended', '2026-12-01T09:06:00', { agentId: '1001' }),

  ev('c2', 'queue.entered', '2026-12-01T09:10:00', { queue: 'fund' }),
  ev('c2', 'agent.offered', '2026-12-01T09:10:20', { queue: 'fund', agentId: '1002' }),
  ev('c2', 'call.connected', '2026-12-01T09:10:30', { queue: 'fund', agentId: '1002' }),
  ev('c2', 'call.ended', '2026-12-01T09:14:30', { agentId: '1002' }),
  ev('c2', 'wrapUp.ended', '2026-12-01T09:15:30', { agentId: '1002' }),

  ev('c3', 'queue.entered', '2026-12-01T09:20:00', { queue: 'fund' }),
  ev('c3', 'call.abandoned', '2026-12-01T09:20:03', { queue: 'fund' }),

  ev('c4', 'queue.entered', '2026-12-01T09:40:00', { queue: 'fund' }),
  ev('c4', 'call.abandoned', '2026-12-01T09:41:00', { queue: 'fund' }),
  // A re-sent duplicate callback request is not a second callback.
  ev('c4', 'callback.requested', '2026-12-01T09:41:01', { queue: 'fund', data: { duplicate: true } }),

  ev('c5', 'queue.entered', '2026-12-01T09:50:00', { queue: 'fund' }),
  ev('c5', 'agent.offered', '2026-12-01T09:50:01', { queue: 'fund', agentId: '1002' }),
  ev('c5', 'agent.noAnswer', '2026-12-01T09:50:11', { queue: 'fund', agentId: '1002' }),
  ev('c5', 'agent.offered', '2026-12-01T09:50:12', { queue: 'fund', agentId: '1001' }),
  ev('c5', 'call.connected', '2026-12-01T09:50:15', { queue: 'fund', agentId: '1001' }),
  ev('c5', 'call.transferred', '2026-12-01T09:52:15', { data: { from: '1001', target: 'general', mode: 'blind' } }),
  ev('c5', 'queue.entered', '2026-12-01T09:52:15', { queue: 'general' }),
  ev('c5', 'agent.offered', '2026-12-01T09:52:16', { queue: 'general', agentId: '1002' }),
  ev('c5', 'call.connected', '2026-12-01T09:52:20', { queue: 'general', agentId: '1002' }),
  ev('c5', 'call.ended', '2026-12-01T09:55:20', { agentId: '1002' }),

  ev('f1', 'queue.entered', '2026-12-01T10:05:00', { queue: 'general', data: { fallback: true } }),
  ev('f1', 'call.connected', '2026-12-01T10:05:02', { queue: 'general', agentId: '1003', data: { fallback: true } }),
  ev('f1', 'call.ended', '2026-12-01T10:07:02', { agentId: '1003', data: { fallback: true } }),
];

describe('buildKpiReport by queue — the hand count above', () => {
  const report = buildKpiReport(callEvents, options('2026-12-01', '2026-12-01', '60m', 'queue'));
  const row = (label: string, key: string) => report.rows.find((r) => r.label === label && r.key === key);

  it('lists the intervals that had activity, in order', () => {
    expect(report.rows.map((r) => `${r.label} ${r.key}`)).toEqual([
      '2026-12-01 09:00 fund',
      '2026-12-01 09:00 general',
      '2026-12-01 10:00 general',
    ]);
  });

  it('counts fund 09:00 as counted by hand', () => {
    const fund = row('2026-12-01 09:00', 'fund')!;
    expect(fund.start).toBe('2026-12-01T00:00:00.000Z');
    expect(fund.end).toBe('2026-12-01T01:00:00.000Z');
    expect(fund.counts).toMatchObject({
      offered: 5,
      answered: 3,
      abandoned: 2,
      shortAbandons: 1,
      answeredWithinThreshold: 2,
      answerWaitSeconds: 55,
      handled: 3,
      handleSeconds: 770,
      holdSeconds: 30,
      wrapUpSeconds: 120,
      transfers: 1,
      callbacks: 1,
      fallback: 0,
    });
    expect(fund.figures.serviceLevel).toEqual({ value: 0.5, formula: 'sl.v1' });
    expect(fund.figures.asaSeconds).toEqual({ value: 18.3, formula: 'asa.v1' });
    expect(fund.figures.ahtSeconds).toEqual({ value: 256.7, formula: 'aht.v1' });
    expect(fund.figures.abandonRate).toEqual({ value: 0.25, formula: 'abandonRate.v1' });
    expect(fund.figures.occupancy.value).toBeNull(); // a queue has no occupancy
  });

  it('counts the transferred call again in the queue it went to, and the fallback call', () => {
    expect(row('2026-12-01 09:00', 'general')!.counts).toMatchObject({
      offered: 1,
      answered: 1,
      answerWaitSeconds: 5,
      handled: 1,
      handleSeconds: 180,
    });
    expect(row('2026-12-01 10:00', 'general')!.counts).toMatchObject({
      offered: 1,
      answered: 1,
      fallback: 1,
      handleSeconds: 120,
    });
  });

  it('sums totals per queue and overall from the counts, not by averaging ratios', () => {
    expect(report.totals.map((t) => [t.key, t.counts.offered])).toEqual([
      ['fund', 5],
      ['general', 2],
    ]);
    expect(report.total.counts).toMatchObject({ offered: 7, answered: 5, abandoned: 2, shortAbandons: 1, handled: 5 });
    // within T: c1, c5 (fund), c5 (general, 5 s), f1 (2 s) = 4 of (5 + 2 − 1)
    expect(report.total.figures.serviceLevel.value).toBe(0.6667);
    expect(report.total.label).toBe('2026-12-01 ~ 2026-12-01');
  });

  it('narrows to 15-minute intervals with the same totals', () => {
    const q = buildKpiReport(callEvents, options('2026-12-01', '2026-12-01', '15m', 'queue'));
    expect(q.rows.filter((r) => r.key === 'fund').map((r) => [r.label, r.counts.offered])).toEqual([
      ['2026-12-01 09:00', 2], // c1, c2
      ['2026-12-01 09:15', 1], // c3
      ['2026-12-01 09:30', 1], // c4
      ['2026-12-01 09:45', 1], // c5
    ]);
    expect(q.total.counts).toEqual(report.total.counts);
    // The chart's series: every queue summed per interval, in order.
    expect(q.byInterval.map((r) => [r.label, r.key, r.counts.offered])).toEqual([
      ['2026-12-01 09:00', '*', 2],
      ['2026-12-01 09:15', '*', 1],
      ['2026-12-01 09:30', '*', 1],
      ['2026-12-01 09:45', '*', 2], // c5 in fund and again in general
      ['2026-12-01 10:00', '*', 1],
    ]);
  });
});

describe('buildKpiReport by agent — the same calls', () => {
  const report = buildKpiReport(callEvents, options('2026-12-01', '2026-12-01', '60m', 'agent'));
  const row = (label: string, key: string) => report.rows.find((r) => r.label === label && r.key === key)!;

  it('1001: two rings, two connects (c1 10 s, c5 15 s), handle 350 + 120, one transfer, one callback', () => {
    const a = row('2026-12-01 09:00', '1001');
    expect(a.counts).toMatchObject({
      offered: 2,
      answered: 2,
      answeredWithinThreshold: 2,
      handled: 2,
      handleSeconds: 470,
      transfers: 1,
      callbacks: 1,
      missed: 0,
    });
    expect(a.figures.serviceLevel).toEqual({ value: 1, formula: KPI_FORMULAS.serviceLevelAgent.id });
    // Busy 09:00:10–09:06:00 (350 s) and 09:50:15–09:52:15 (120 s) of 3,600 s.
    expect(a.counts.busySeconds).toBe(470);
    expect(a.figures.occupancy).toEqual({ value: 0.1306, formula: 'occ.v1' });
  });

  it('1002: three rings, one missed, two connects (c2 30 s, c5 5 s)', () => {
    const a = row('2026-12-01 09:00', '1002');
    expect(a.counts).toMatchObject({
      offered: 3,
      missed: 1,
      answered: 2,
      answeredWithinThreshold: 1,
      handleSeconds: 480,
    });
    expect(a.figures.asaSeconds.value).toBe(17.5);
    expect(a.figures.abandonRate.value).toBeNull(); // abandons belong to no agent
  });

  it('1003 took the fallback call; abandoned calls appear under no agent', () => {
    expect(row('2026-12-01 10:00', '1003').counts).toMatchObject({ answered: 1, fallback: 1, handleSeconds: 120 });
    expect(report.rows.map((r) => r.key)).not.toContain('-');
  });
});

/*
 * Calls from the desk (issue 12 §4), 2026-12-01 11:00 hour, no queue:
 *  o1 1001 dials 11:00:00, the customer answers 11:00:12, ended 11:03:12, wrap-up ended 11:04:12
 *     → handle 180 + 60 = 240 s.
 *  o2 1001 dials 11:10:00, nobody answers, ended 11:10:30.
 *  o3 1002 dials 11:20:00, answered 11:20:05, ended 11:21:05 (60 s).
 */
const outboundEvents: ReportEventFact[] = [
  ev('o1', 'call.outbound.started', '2026-12-01T11:00:00', { agentId: '1001' }),
  ev('o1', 'call.outbound.answered', '2026-12-01T11:00:12', { agentId: '1001' }),
  ev('o1', 'call.connected', '2026-12-01T11:00:12', { agentId: '1001' }),
  ev('o1', 'call.ended', '2026-12-01T11:03:12', { agentId: '1001' }),
  ev('o1', 'wrapUp.ended', '2026-12-01T11:04:12', { agentId: '1001' }),
  ev('o2', 'call.outbound.started', '2026-12-01T11:10:00', { agentId: '1001' }),
  ev('o2', 'call.ended', '2026-12-01T11:10:30', { agentId: '1001' }),
  ev('o3', 'call.outbound.started', '2026-12-01T11:20:00', { agentId: '1002' }),
  ev('o3', 'call.outbound.answered', '2026-12-01T11:20:05', { agentId: '1002' }),
  ev('o3', 'call.connected', '2026-12-01T11:20:05', { agentId: '1002' }),
  ev('o3', 'call.ended', '2026-12-01T11:21:05', { agentId: '1002' }),
];

describe('buildKpiReport — calls from the desk', () => {
  const events = [...callEvents, ...outboundEvents];

  it('per counselor: calls placed and answered by the customer, talk in handle time, no answered call', () => {
    const report = buildKpiReport(events, options('2026-12-01', '2026-12-01', '60m', 'agent'));
    const row = (key: string) => report.rows.find((r) => r.label === '2026-12-01 11:00' && r.key === key)!;
    expect(row('1001').counts).toMatchObject({
      outbound: 2,
      outboundAnswered: 1,
      answered: 0,
      offered: 0,
      handled: 1,
      handleSeconds: 240,
    });
    expect(row('1001').figures.outbound).toEqual({ value: 2, formula: 'outbound.v1' });
    expect(row('1001').figures.outboundAnswered).toEqual({ value: 1, formula: 'outboundAnswered.v1' });
    expect(row('1002').counts).toMatchObject({ outbound: 1, outboundAnswered: 1, answered: 0, handled: 1 });
    // The inbound hour is as counted by hand above: desk calls change none of it.
    expect(report.rows.find((r) => r.label === '2026-12-01 09:00' && r.key === '1001')!.counts).toMatchObject({
      answered: 2,
      outbound: 0,
      outboundAnswered: 0,
    });
    expect(report.total.counts).toMatchObject({ outbound: 3, outboundAnswered: 2 });
  });

  it("per queue: in the no-queue row '-', offered and answered untouched", () => {
    const report = buildKpiReport(events, options('2026-12-01', '2026-12-01', 'day', 'queue'));
    expect(report.totals.find((t) => t.key === '-')!.counts).toMatchObject({
      outbound: 3,
      outboundAnswered: 2,
      offered: 0,
      answered: 0,
    });
    expect(report.total.counts).toMatchObject({ offered: 7, answered: 5, outbound: 3, outboundAnswered: 2 });
  });
});

describe('period and interval boundaries (Asia/Seoul)', () => {
  it('a call queued at 23:59:50 counts that day; its handling after midnight counts the next day', () => {
    const events = [
      ev('m1', 'queue.entered', '2026-11-30T23:59:50', { queue: 'rnd' }),
      ev('m1', 'call.connected', '2026-12-01T00:00:05', { queue: 'rnd', agentId: '1001' }),
      ev('m1', 'call.ended', '2026-12-01T00:01:05', { agentId: '1001' }),
    ];
    const r = buildKpiReport(events, options('2026-11-30', '2026-12-01', 'day', 'queue'));
    expect(r.rows.map((x) => [x.label, x.counts.offered, x.counts.answered, x.counts.handled])).toEqual([
      ['2026-11-30', 1, 1, 0],
      ['2026-12-01', 0, 0, 1],
    ]);
    // A report of only 12-01 leaves out the stay that began the day before.
    const only = buildKpiReport(events, options('2026-12-01', '2026-12-01', 'day', 'queue'));
    expect(only.total.counts.offered).toBe(0);
    expect(only.total.counts.handled).toBe(1);
  });

  it('month intervals cut at Seoul midnight on the 1st, not UTC midnight', () => {
    // 2026-12-01 08:30 KST is still 2026-11-30 in UTC.
    const events = [
      ev('n1', 'queue.entered', '2026-11-30T23:30:00', { queue: 'hr' }),
      ev('n2', 'queue.entered', '2026-12-01T08:30:00', { queue: 'hr' }),
    ];
    const r = buildKpiReport(events, options('2026-11-01', '2026-12-31', 'month', 'queue'));
    expect(r.rows.map((x) => [x.label, x.start, x.end, x.counts.offered])).toEqual([
      ['2026-11', '2026-10-31T15:00:00.000Z', '2026-11-30T15:00:00.000Z', 1],
      ['2026-12', '2026-11-30T15:00:00.000Z', '2026-12-31T15:00:00.000Z', 1],
    ]);
  });

  it('bucket helpers: starts, ends and labels on wall time', () => {
    const at = kst('2026-12-31T23:59:59');
    expect(bucketLabel(bucketStart(at, '15m'), '15m')).toBe('2026-12-31 23:45');
    expect(bucketLabel(bucketStart(at, '30m'), '30m')).toBe('2026-12-31 23:30');
    expect(bucketEnd(bucketStart(at, '60m'), '60m').toISOString()).toBe(kst('2027-01-01T00:00:00').toISOString());
    expect(bucketLabel(bucketEnd(bucketStart(at, 'month'), 'month'), 'month')).toBe('2027-01');
    expect(bucketLabel(bucketStart(kst('2028-02-29T12:00:00'), 'day'), 'day')).toBe('2028-02-29');
    expect(periodOf('2026-12-01', '2026-12-01').end.toISOString()).toBe('2026-12-01T15:00:00.000Z');
  });

  it('occupancy spreads a busy stretch over the intervals it crosses', () => {
    expect(spreadOver(kst('2026-12-01T09:10:00'), kst('2026-12-01T09:20:00'), '15m')).toEqual([
      [kst('2026-12-01T09:00:00'), 300],
      [kst('2026-12-01T09:15:00'), 300],
    ]);
  });
});

describe('formula ids', () => {
  it('every figure names a formula defined once in contracts, and ids are unique', () => {
    const ids = Object.values(KPI_FORMULAS).map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    const report = buildKpiReport(callEvents, options('2026-12-01', '2026-12-01', 'day', 'queue'));
    for (const fig of Object.values(report.total.figures)) expect(ids).toContain(fig.formula);
  });
});

describe('wrap-up codes (후처리 코드) per queue and per agent', () => {
  /*
   * w1 fund 11:00 → 1001, wrap-up ended with code resolved.
   * w2 fund 11:10 → 1001, wrap-up ended with code callbackNeeded.
   * w3 export 11:20 → 1002, wrap-up ended with code resolved.
   * w4 export 11:30 → 1002, wrap-up ended with no code (the countdown ended it) → none.
   * w5 export 11:40 → 1002, wrap-up ended with a code this catalogue does not know → none.
   * w6 fund 11:50 → 1001, still in wrap-up at the end of the data: not counted.
   */
  const handled = (id: string, queue: string, agentId: string, minute: number, data?: Record<string, unknown>) => {
    const at = (s: number) => `2026-12-01T11:${String(minute).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
    return [
      ev(id, 'queue.entered', at(0), { queue }),
      ev(id, 'call.connected', at(5), { queue, agentId }),
      ev(id, 'call.ended', at(40), { agentId }),
      ...(data ? [ev(id, 'wrapUp.ended', at(55), { agentId, data })] : []),
    ];
  };
  const events = [
    ...handled('w1', 'fund', '1001', 0, { next: 'ready', code: 'resolved' }),
    ...handled('w2', 'fund', '1001', 10, { next: 'ready', code: 'callbackNeeded' }),
    ...handled('w3', 'export', '1002', 20, { next: 'notReady', code: 'resolved' }),
    ...handled('w4', 'export', '1002', 30, { next: 'ready', code: null }),
    ...handled('w5', 'export', '1002', 40, { next: 'ready', code: 'bogus' }),
    ...handled('w6', 'fund', '1001', 50),
  ];

  it('per queue: each row and its total count ended wrap-ups by code; none for no (or an unknown) code', () => {
    const r = buildKpiReport(events, options('2026-12-01', '2026-12-01', '60m', 'queue'));
    const total = (key: string) => r.totals.find((t) => t.key === key)?.wrapUpCodes;
    expect(total('fund')).toEqual({ resolved: 1, callbackNeeded: 1 });
    expect(total('export')).toEqual({ resolved: 1, none: 2 });
    expect(r.total.wrapUpCodes).toEqual({ resolved: 2, callbackNeeded: 1, none: 2 });
    expect(r.byInterval.map((x) => x.wrapUpCodes)).toEqual([{ resolved: 2, callbackNeeded: 1, none: 2 }]);
    // The handled count is unchanged by the codes: 6 handlings ended, 5 of them ended their wrap-up.
    expect(r.total.counts.handled).toBe(6);
  });

  it('per agent: the same codes under their counselors, in the interval of the connect', () => {
    const r = buildKpiReport(events, options('2026-12-01', '2026-12-01', '15m', 'agent'));
    expect(r.rows.map((x) => [x.label, x.key, x.wrapUpCodes])).toEqual([
      ['2026-12-01 11:00', '1001', { resolved: 1, callbackNeeded: 1 }],
      ['2026-12-01 11:15', '1002', { resolved: 1 }], // w3
      ['2026-12-01 11:30', '1002', { none: 2 }], // w4 (11:30) and w5 (11:40)
      ['2026-12-01 11:45', '1001', {}],
    ]);
    expect(r.totals.find((t) => t.key === '1002')?.wrapUpCodes).toEqual({ resolved: 1, none: 2 });
  });
});
