import type { AgentNotReadyReason, AgentState } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { periodOf } from '../../src/domain/kpiBuckets';
import { buildKpiReport, type ReportEventFact } from '../../src/domain/kpiReport';
import { staffingOf, type AgentStateFact } from '../../src/domain/staffedTime';

/** Seoul wall time → instant (KST is UTC+9, no daylight saving). */
const kst = (wall: string) => new Date(`${wall}+09:00`);
let seq = 0;
const change = (
  agentId: string,
  wall: string,
  from: AgentState,
  to: AgentState,
  reason: AgentNotReadyReason | null = null,
): AgentStateFact => ({
  id: `s${String(++seq).padStart(4, '0')}`,
  agentId,
  from,
  to,
  reason,
  callId: null,
  at: kst(wall),
});
const day = { ...periodOf('2026-12-01', '2026-12-01'), from: '2026-12-01', to: '2026-12-01' };
const evening = kst('2026-12-01T23:00:00');
const span = (s: { stretches: Array<[Date, Date]> }) =>
  s.stretches.map(([a, b]) => `${a.toISOString()}–${b.toISOString()}`);
const iso = (wall: string) => kst(wall).toISOString();

describe('staffingOf: staffed stretches from state changes', () => {
  it('a log-in day: offline → not ready → ready … → offline, with an offline gap at lunch', () => {
    const changes = [
      change('1001', '2026-12-01T09:00:00', 'offline', 'notReady', 'other'),
      change('1001', '2026-12-01T09:05:00', 'notReady', 'ready'),
      change('1001', '2026-12-01T09:10:00', 'ready', 'reserved'),
      change('1001', '2026-12-01T09:10:01', 'reserved', 'ringing'),
      change('1001', '2026-12-01T09:10:05', 'ringing', 'onCall'),
      change('1001', '2026-12-01T09:15:00', 'onCall', 'wrapUp'),
      change('1001', '2026-12-01T09:16:00', 'wrapUp', 'ready'),
      change('1001', '2026-12-01T12:00:00', 'ready', 'offline'),
      change('1001', '2026-12-01T13:00:00', 'offline', 'notReady', 'other'),
      change('1001', '2026-12-01T18:00:00', 'notReady', 'offline'),
    ];
    const s = staffingOf(changes.reverse(), day, evening).get('1001')!; // any order in
    expect(s.knownFrom).toEqual(day.start); // the first change is a log-in: offline before it
    expect(span(s)).toEqual([
      `${iso('2026-12-01T09:00:00')}–${iso('2026-12-01T12:00:00')}`,
      `${iso('2026-12-01T13:00:00')}–${iso('2026-12-01T18:00:00')}`,
    ]);
  });

  it('the last change before the period is the state it starts in; staffed time stops at now', () => {
    const changes = [
      change('1002', '2026-11-30T08:00:00', 'offline', 'notReady', 'other'),
      change('1002', '2026-11-30T22:00:00', 'notReady', 'ready'), // still ready at midnight
      change('1002', '2026-12-01T02:00:00', 'ready', 'offline'),
      change('1002', '2026-12-01T09:00:00', 'offline', 'ready'),
    ];
    const s = staffingOf(changes, day, kst('2026-12-01T10:30:00')).get('1002')!;
    expect(span(s)).toEqual([
      `${day.start.toISOString()}–${iso('2026-12-01T02:00:00')}`,
      `${iso('2026-12-01T09:00:00')}–${iso('2026-12-01T10:30:00')}`,
    ]);
    // Offline before the period and no change in it: known, never staffed.
    const idle = staffingOf([change('1003', '2026-11-30T18:00:00', 'ready', 'offline')], day, evening).get('1003')!;
    expect(idle).toEqual({ agentId: '1003', knownFrom: day.start, stretches: [] });
  });

  it('break and meal are staffed; Not ready for a lost console is not', () => {
    const changes = [
      change('1004', '2026-12-01T09:00:00', 'offline', 'ready'),
      change('1004', '2026-12-01T10:00:00', 'ready', 'notReady', 'meal'),
      change('1004', '2026-12-01T11:00:00', 'notReady', 'notReady', 'disconnected'),
      change('1004', '2026-12-01T11:30:00', 'notReady', 'notReady', 'break'),
      change('1004', '2026-12-01T12:00:00', 'notReady', 'offline'),
    ];
    expect(span(staffingOf(changes, day, evening).get('1004')!)).toEqual([
      `${iso('2026-12-01T09:00:00')}–${iso('2026-12-01T11:00:00')}`,
      `${iso('2026-12-01T11:30:00')}–${iso('2026-12-01T12:00:00')}`,
    ]);
  });

  it('a history that begins mid-stream is known only from its first change; none at all is not known', () => {
    const s = staffingOf([change('1005', '2026-12-01T09:30:00', 'ready', 'reserved')], day, evening).get('1005')!;
    expect(s.knownFrom).toEqual(kst('2026-12-01T09:30:00'));
    expect(span(s)).toEqual([`${iso('2026-12-01T09:30:00')}–${iso('2026-12-01T23:00:00')}`]);
    expect(staffingOf([change('1006', '2026-12-02T09:00:00', 'offline', 'ready')], day, evening).has('1006')).toBe(
      false,
    );
  });
});

describe('occupancy.v2 in the per-agent report', () => {
  const ev = (callId: string, type: string, wall: string, agentId: string): ReportEventFact => ({
    callId,
    type,
    at: kst(wall),
    queue: 'fund',
    agentId,
    data: {},
  });
  /*
   * 1001 logs in 09:50, ready; call c1 connected 09:55, ended 10:05, wrap-up ended 10:07 (busy
   * 09:55–10:07: 300 s in the 09:00 hour, 420 s in the 10:00 hour); logs out 10:30.
   * Staffed: 09:00 hour 600 s (09:50–10:00), 10:00 hour 1,800 s (10:00–10:30).
   * → 09:00: 300 ÷ 600 = 0.5; 10:00: 420 ÷ 1,800 = 0.2333; the day: 720 ÷ 2,400 = 0.3.
   * 1002 has no state history: its call keeps occ.v1 (busy ÷ interval).
   * 1005's history begins 10:15 with ready → reserved: 10:00 is not covered (occ.v1), 11:00 is.
   */
  const events = [
    ev('c1', 'call.connected', '2026-12-01T09:55:00', '1001'),
    ev('c1', 'call.ended', '2026-12-01T10:05:00', '1001'),
    ev('c1', 'wrapUp.ended', '2026-12-01T10:07:00', '1001'),
    ev('c2', 'call.connected', '2026-12-01T10:00:00', '1002'),
    ev('c2', 'call.ended', '2026-12-01T10:06:00', '1002'),
    ev('c3', 'call.connected', '2026-12-01T10:15:00', '1005'),
    ev('c3', 'call.ended', '2026-12-01T10:20:00', '1005'),
    ev('c4', 'call.connected', '2026-12-01T11:00:00', '1005'),
    ev('c4', 'call.ended', '2026-12-01T11:06:00', '1005'),
  ];
  const changes = [
    change('1001', '2026-12-01T09:50:00', 'offline', 'ready'),
    change('1001', '2026-12-01T09:55:00', 'ready', 'onCall'),
    change('1001', '2026-12-01T10:05:00', 'onCall', 'wrapUp'),
    change('1001', '2026-12-01T10:07:00', 'wrapUp', 'ready'),
    change('1001', '2026-12-01T10:30:00', 'ready', 'offline'),
    change('1005', '2026-12-01T10:15:00', 'ready', 'reserved'),
    change('1005', '2026-12-01T11:30:00', 'ready', 'offline'),
  ];
  const options = (interval: '60m' | 'day') => ({
    period: day,
    interval,
    by: 'agent' as const,
    serviceLevelSeconds: 20,
    shortAbandonSeconds: 5,
    staffing: { changes, now: evening },
  });
  const hourly = buildKpiReport(events, options('60m'));
  const row = (label: string, key: string) => hourly.rows.find((r) => r.label === label && r.key === key)!;

  it('busy ÷ staffed per hour, the staffed-only hour included, by hand', () => {
    expect(row('2026-12-01 09:00', '1001').counts).toMatchObject({ busySeconds: 300, staffedSeconds: 600 });
    expect(row('2026-12-01 09:00', '1001').figures.occupancy).toEqual({ value: 0.5, formula: 'occupancy.v2' });
    expect(row('2026-12-01 10:00', '1001').figures.occupancy).toEqual({ value: 0.2333, formula: 'occupancy.v2' });
    const total = hourly.totals.find((r) => r.key === '1001')!;
    expect(total.counts).toMatchObject({ busySeconds: 720, staffedSeconds: 2400 });
    expect(total.figures.occupancy).toEqual({ value: 0.3, formula: 'occupancy.v2' });
    expect(buildKpiReport(events, options('day')).rows.find((r) => r.key === '1001')!.figures.occupancy).toEqual(
      total.figures.occupancy,
    );
  });

  it('falls back to occ.v1 where the history does not cover the interval, and says so', () => {
    const noHistory = row('2026-12-01 10:00', '1002');
    expect(noHistory.counts.staffedSeconds).toBeUndefined();
    expect(noHistory.figures.occupancy).toEqual({ value: 0.1, formula: 'occ.v1' }); // 360 ÷ 3,600
    expect(row('2026-12-01 10:00', '1005').figures.occupancy.formula).toBe('occ.v1');
    // 11:00–11:30 staffed, 360 s busy.
    expect(row('2026-12-01 11:00', '1005').figures.occupancy).toEqual({ value: 0.2, formula: 'occupancy.v2' });
    expect(hourly.totals.find((r) => r.key === '1005')!.figures.occupancy.formula).toBe('occ.v1');
    // Summed over agents occupancy has no meaning: no staffed seconds, no value.
    expect(hourly.total.counts.staffedSeconds).toBeUndefined();
    expect(hourly.total.figures.occupancy).toEqual({ value: null, formula: 'occupancy.v2' }); // the column's formula
  });

  it('without state changes the report is as before (occ.v1 everywhere)', () => {
    const { staffing: _unused, ...rest } = options('60m');
    const before = buildKpiReport(events, rest);
    expect(before.rows.every((r) => r.figures.occupancy.formula === 'occ.v1')).toBe(true);
    expect(before.rows.some((r) => r.counts.staffedSeconds !== undefined)).toBe(false);
  });
});
