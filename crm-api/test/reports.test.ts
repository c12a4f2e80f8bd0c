import { KPI_FORMULAS, type CallEventV1 } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, makeUser, startTestCrm, tokenFor, type TestCrm } from './support/server';
import { kpiReportOf } from './support/reportsApi';

/** Seoul wall time on 2025-03-14 (or another day) as an ISO instant. */
const kst = (hms: string, day = '2025-03-14') => new Date(`${day}T${hms}+09:00`).toISOString();
let seq = 0;
function ev(callId: string, type: CallEventV1['type'], at: string, extra: Partial<CallEventV1> = {}): CallEventV1 {
  return { id: `${callId}-${type}-${++seq}`, callId, type, at, data: {}, ...extra };
}

/*
 * Hand count, stored through telephony's real ingest route, read back through the report route:
 *  r1 fund 09:00:00 queued, 09:00:12 connected to 1001 (12 s ≤ 20), ended 09:03:12 (180 s),
 *     wrap-up ended 09:04:12 (60 s) → handle 240 s.
 *  r2 fund 09:20:00 queued, 09:20:40 connected to 1002 (40 s > 20), ended 09:22:40 (120 s), no wrap.
 *  r3 fund 09:40:00 queued, abandoned 09:40:02 (short).
 *  r4 fund 09:50:00 queued, abandoned 09:50:30.
 *  r5 startup 10:10:00 queued, 10:10:05 connected to 1001, callback booked, 1001 transferred at
 *     10:12:05 (120 s) to general, no one answered there: abandoned 10:13:05 (60 s in general).
 *  r6 rnd queued 2025-03-13 23:59:55, connected 00:00:05 on the 14th — the 13th's call.
 *
 * fund, 09:00 hour: offered 4, answered 2, abandoned 2, short 1, within T 1 →
 *   SL 1 ÷ (2 + 2 − 1) = 0.3333; ASA (12 + 40) ÷ 2 = 26; AHT (240 + 120) ÷ 2 = 180.
 * startup, 10:00: offered 1, answered 1, SL 1, transfers 1, callbacks 1, AHT 120.
 * general, 10:00: offered 1, abandoned 1 (not short) → SL 0 ÷ 1 = 0.
 * Day 2025-03-14 total: offered 6, answered 3, abandoned 3, short 1 (r6's queue stay is the 13th's).
 */
const events: CallEventV1[] = [
  ev('r1', 'call.arrived', kst('08:59:50'), { callerNumber: '010-1234-5678' }),
  ev('r1', 'queue.entered', kst('09:00:00'), { queue: 'fund' }),
  ev('r1', 'agent.offered', kst('09:00:05'), { queue: 'fund', agentId: '1001' }),
  ev('r1', 'call.connected', kst('09:00:12'), { queue: 'fund', agentId: '1001' }),
  ev('r1', 'call.ended', kst('09:03:12'), { agentId: '1001' }),
  ev('r1', 'wrapUp.ended', kst('09:04:12'), { agentId: '1001', data: { next: 'ready', code: 'followUp' } }),
  ev('r2', 'queue.entered', kst('09:20:00'), { queue: 'fund' }),
  ev('r2', 'agent.offered', kst('09:20:30'), { queue: 'fund', agentId: '1002' }),
  ev('r2', 'call.connected', kst('09:20:40'), { queue: 'fund', agentId: '1002' }),
  ev('r2', 'call.ended', kst('09:22:40'), { agentId: '1002' }),
  ev('r3', 'queue.entered', kst('09:40:00'), { queue: 'fund' }),
  ev('r3', 'call.abandoned', kst('09:40:02'), { queue: 'fund' }),
  ev('r4', 'queue.entered', kst('09:50:00'), { queue: 'fund' }),
  ev('r4', 'call.abandoned', kst('09:50:30'), { queue: 'fund' }),
  ev('r5', 'queue.entered', kst('10:10:00'), { queue: 'startup' }),
  ev('r5', 'call.connected', kst('10:10:05'), { queue: 'startup', agentId: '1001' }),
  ev('r5', 'callback.requested', kst('10:11:00'), { queue: 'startup', agentId: '1001', data: { callbackId: '7' } }),
  ev('r5', 'call.transferred', kst('10:12:05'), { data: { from: '1001', target: 'general', mode: 'blind' } }),
  ev('r5', 'queue.entered', kst('10:12:05'), { queue: 'general' }),
  ev('r5', 'call.abandoned', kst('10:13:05'), { queue: 'general' }),
  ev('r6', 'queue.entered', kst('23:59:55', '2025-03-13'), { queue: 'rnd' }),
  ev('r6', 'call.connected', kst('00:00:05'), { queue: 'rnd', agentId: '1003' }),
];

describe('GET /api/reports/kpi over real PostgreSQL', () => {
  let crm: TestCrm;
  let supervisor: string;

  beforeAll(async () => {
    crm = await startTestCrm();
    supervisor = await tokenFor('supervisor');
    await makeUser(crm.db, { username: 'kim', displayName: '김상담', agentId: '1001' });
    // A counselor who has since left still has a name in the report.
    await makeUser(crm.db, { username: 'lee', displayName: '이상담', agentId: '1002', active: false });
    const stored = await call(crm, 'POST', '/api/internal/call-events', {
      token: await tokenFor('service'),
      body: { events },
    });
    expect(stored).toEqual({ status: 200, body: { stored: events.length, duplicates: 0 } });
  });
  afterAll(() => crm.close());

  const report = (qs: string) => kpiReportOf(crm, supervisor, qs);

  it('per queue and hour: the hand count, each figure with its formula id', async () => {
    const r = await report('from=2025-03-14&to=2025-03-14&interval=60m&by=queue');
    expect(r.rows.map((x) => `${x.label} ${x.key}`)).toEqual([
      '2025-03-14 00:00 rnd', // r6's handling (connected after midnight); its queue stay is the 13th's
      '2025-03-14 09:00 fund',
      '2025-03-14 10:00 general',
      '2025-03-14 10:00 startup',
    ]);
    const fund = r.rows.find((x) => x.key === 'fund')!;
    expect(fund.counts).toMatchObject({ offered: 4, answered: 2, abandoned: 2, shortAbandons: 1, handled: 2 });
    expect(fund.figures.serviceLevel).toEqual({ value: 0.3333, formula: KPI_FORMULAS.serviceLevel.id });
    expect(fund.figures.asaSeconds).toEqual({ value: 26, formula: 'asa.v1' });
    expect(fund.figures.ahtSeconds).toEqual({ value: 180, formula: 'aht.v1' });
    // r1's wrap-up code, read from the stored event's data (r2 never ended its wrap-up).
    expect(fund.wrapUpCodes).toEqual({ followUp: 1 });
    const startup = r.rows.find((x) => x.key === 'startup')!;
    expect(startup.counts).toMatchObject({ offered: 1, answered: 1, transfers: 1, callbacks: 1, handleSeconds: 120 });
    const general = r.rows.find((x) => x.key === 'general')!;
    expect(general.figures.serviceLevel.value).toBe(0);
    expect(r.total.counts).toMatchObject({ offered: 6, answered: 3, abandoned: 3, shortAbandons: 1 });
  });

  it('a threshold of 45 s moves r2 inside it', async () => {
    const r = await report('from=2025-03-14&to=2025-03-14&interval=day&by=queue&serviceLevelSeconds=45');
    const fund = r.rows.find((x) => x.key === 'fund')!;
    expect(fund.figures.serviceLevel.value).toBe(0.6667); // 2 ÷ (2 + 2 − 1)
    expect(r.serviceLevelSeconds).toBe(45);
  });

  it('per agent over the two days: rings, connects and handle time', async () => {
    const r = await report('from=2025-03-13&to=2025-03-14&interval=day&by=agent');
    const row = (day: string, agent: string) => r.rows.find((x) => x.label === day && x.key === agent)!;
    expect(row('2025-03-14', '1001').counts).toMatchObject({ offered: 1, answered: 2, handled: 2, handleSeconds: 360 });
    expect(row('2025-03-14', '1002').counts).toMatchObject({ offered: 1, answered: 1, answeredWithinThreshold: 0 });
    // r6 connected after midnight: the agent's answer counts on the 14th, though the queue stay was the 13th's.
    expect(row('2025-03-14', '1003').counts.answered).toBe(1);
    expect(r.rows.some((x) => x.label === '2025-03-13')).toBe(false);
    expect(r.names).toEqual({ '1001': '김상담', '1002': '이상담' }); // 1003 has no user row
  });

  it('refuses counselors and bad or unbounded queries with clear errors', async () => {
    const counselor = await call(crm, 'GET', '/api/reports/kpi?from=2025-03-14&to=2025-03-14', {
      token: await tokenFor('counselor'),
    });
    expect(counselor.status).toBe(403);
    expect((await call(crm, 'GET', '/api/reports/kpi?from=2025-03-14&to=2025-03-14')).status).toBe(401);
    for (const [qs, message] of [
      ['from=2025-03-14&to=2025-03-01', '종료일이 시작일보다 앞섭니다'],
      ['from=2025-01-01&to=2025-03-14&interval=15m', '최대 31일'],
      ['from=2025-02-30&to=2025-03-01', '없는 날짜'],
      ['from=2025-03-14&to=2025-03-14&interval=5m', 'interval'],
    ] as const) {
      const res = await call(crm, 'GET', `/api/reports/kpi?${qs}`, { token: supervisor });
      expect(res.status, qs).toBe(400);
      expect(JSON.stringify(res.body), qs).toContain(message);
    }
  });
});
