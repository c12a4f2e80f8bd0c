import { KpiReport, type AgentStateChangeV1, type CallEventV1 } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startTestCrm, tokenFor, type TestCrm } from './support/server';

/** Seoul wall time as an ISO instant. */
const kst = (wall: string) => new Date(`${wall}+09:00`).toISOString();
let seq = 0;
function change(
  agentId: string,
  wall: string,
  from: AgentStateChangeV1['from'],
  to: AgentStateChangeV1['to'],
  extra: Partial<AgentStateChangeV1> = {},
): AgentStateChangeV1 {
  return { id: `asc-${++seq}`, agentId, from, to, reason: null, callId: null, at: kst(wall), ...extra };
}
const ev = (callId: string, type: CallEventV1['type'], wall: string, agentId?: string): CallEventV1 => ({
  id: `${callId}-${type}-${++seq}`,
  callId,
  type,
  at: kst(wall),
  queue: 'fund',
  ...(agentId ? { agentId } : {}),
  data: {},
});

/*
 * Hand count on 2025-03-12 (Seoul):
 *  1001 logged in on the 11th at 17:00 and was still Ready at midnight (the last change before the
 *  period), logged out 01:00 → staffed 00:00–01:00 = 3,600 s. Back 09:00, took c1 (connected
 *  09:10:05, ended 09:20:05, wrap-up ended 09:21:05 = 660 s busy), meal 09:30, out 10:00 → staffed
 *  09:00–10:00 = 3,600 s. Day: 660 ÷ 7,200 = 0.0917 (occupancy.v2); 09:00 hour 660 ÷ 3,600 =
 *  0.1833; 00:00 hour 0 ÷ 3,600 = 0.
 *  1002 has no recorded state: c2 (09:30–09:36, 360 s) → occ.v1 = 360 ÷ 86,400 = 0.0042.
 */
const before = [
  change('1001', '2025-03-11T17:00:00', 'offline', 'notReady', { reason: 'other' }),
  change('1001', '2025-03-11T17:01:00', 'notReady', 'ready'),
];
const day = [
  change('1001', '2025-03-12T01:00:00', 'ready', 'offline'),
  change('1001', '2025-03-12T09:00:00', 'offline', 'notReady', { reason: 'other' }),
  change('1001', '2025-03-12T09:01:00', 'notReady', 'ready'),
  change('1001', '2025-03-12T09:10:00', 'ready', 'reserved', { callId: 'c1' }),
  change('1001', '2025-03-12T09:10:02', 'reserved', 'ringing', { callId: 'c1' }),
  change('1001', '2025-03-12T09:10:05', 'ringing', 'onCall', { callId: 'c1' }),
  change('1001', '2025-03-12T09:20:05', 'onCall', 'wrapUp', { callId: 'c1' }),
  change('1001', '2025-03-12T09:21:05', 'wrapUp', 'ready'),
  change('1001', '2025-03-12T09:30:00', 'ready', 'notReady', { reason: 'meal' }),
  change('1001', '2025-03-12T10:00:00', 'notReady', 'offline'),
];
const events: CallEventV1[] = [
  ev('c1', 'queue.entered', '2025-03-12T09:10:00'),
  ev('c1', 'agent.offered', '2025-03-12T09:10:02', '1001'),
  ev('c1', 'call.connected', '2025-03-12T09:10:05', '1001'),
  ev('c1', 'call.ended', '2025-03-12T09:20:05', '1001'),
  ev('c1', 'wrapUp.ended', '2025-03-12T09:21:05', '1001'),
  ev('c2', 'queue.entered', '2025-03-12T09:29:50'),
  ev('c2', 'call.connected', '2025-03-12T09:30:00', '1002'),
  ev('c2', 'call.ended', '2025-03-12T09:36:00', '1002'),
];

describe('agent state changes over real PostgreSQL', () => {
  let crm: TestCrm;
  let service: string;
  const post = (body: unknown, token: string | undefined = service) =>
    call(crm, 'POST', '/api/internal/agent-state-changes', { ...(token ? { token } : {}), body });
  const rowCount = async () =>
    Number((await crm.db.query<{ n: string }>('SELECT count(*) AS n FROM agent_state_changes')).rows[0]!.n);

  beforeAll(async () => {
    crm = await startTestCrm();
    service = await tokenFor('service');
  });
  afterAll(() => crm.close());

  it('stores each change once: a re-sent batch is all duplicates, batches in any order', async () => {
    // The day's changes arrive before the evening before's: the report orders by time, not arrival.
    expect(await post({ changes: day })).toEqual({ status: 200, body: { stored: day.length, duplicates: 0 } });
    expect(await post({ changes: [...before, day[0]!] })).toEqual({
      status: 200,
      body: { stored: before.length, duplicates: 1 },
    });
    expect(await post({ changes: day })).toEqual({ status: 200, body: { stored: 0, duplicates: day.length } });
    expect(await rowCount()).toBe(before.length + day.length);
    const { rows } = await crm.db.query(
      `SELECT agent_id, from_state, state, reason, call_id, at FROM agent_state_changes
        WHERE agent_id = '1001' ORDER BY at, id LIMIT 3 OFFSET 3`,
    );
    expect(rows).toEqual([
      {
        agent_id: '1001',
        from_state: 'offline',
        state: 'notReady',
        reason: 'other',
        call_id: null,
        at: new Date(kst('2025-03-12T09:00:00')),
      },
      expect.objectContaining({ from_state: 'notReady', state: 'ready' }),
      expect.objectContaining({ state: 'reserved', call_id: 'c1' }),
    ]);
  });

  it('only the service token may post; a bad body is a 400 naming the field; nothing stored', async () => {
    const n = await rowCount();
    const one = { changes: [change('1009', '2025-03-12T09:00:00', 'offline', 'ready')] };
    expect((await post(one, await tokenFor('counselor'))).status).toBe(403);
    expect((await post(one, await tokenFor('supervisor'))).status).toBe(403);
    expect((await post(one, '')).status).toBe(401);
    for (const [body, fields] of [
      [{ changes: [{ ...one.changes[0], to: 'asleep' }] }, ['changes.0.to']],
      [{ changes: [{ ...one.changes[0], reason: 'nap' }] }, ['changes.0.reason']],
      [{ changes: [{ ...one.changes[0], at: 'this morning' }] }, ['changes.0.at']],
      [{ changes: [one.changes[0], { ...one.changes[0], id: 'x2', agentId: undefined }] }, ['changes.1.agentId']],
      [{ changes: [] }, ['changes']],
      [{}, ['changes']],
    ] as const) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(fields);
    }
    expect(await rowCount()).toBe(n);
  });

  it('the per-agent report: occupancy = busy ÷ staffed where states are known, occ.v1 where they are not', async () => {
    const stored = await call(crm, 'POST', '/api/internal/call-events', { token: service, body: { events } });
    expect(stored.status).toBe(200);
    const supervisor = await tokenFor('supervisor');
    const get = async (qs: string) => {
      const res = await call(crm, 'GET', `/api/reports/kpi?${qs}`, { token: supervisor });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return KpiReport.parse(res.body);
    };
    const daily = await get('from=2025-03-12&to=2025-03-12&interval=day&by=agent');
    const a = daily.rows.find((r) => r.key === '1001')!;
    expect(a.counts).toMatchObject({ busySeconds: 660, staffedSeconds: 7200 });
    expect(a.figures.occupancy).toEqual({ value: 0.0917, formula: 'occupancy.v2' });
    const b = daily.rows.find((r) => r.key === '1002')!;
    expect(b.counts.staffedSeconds).toBeUndefined();
    expect(b.figures.occupancy).toEqual({ value: 0.0042, formula: 'occ.v1' });

    const hourly = await get('from=2025-03-12&to=2025-03-12&interval=60m&by=agent');
    const hour = (label: string) => hourly.rows.find((r) => r.key === '1001' && r.label === `2025-03-12 ${label}`);
    expect(hour('00:00')!.figures.occupancy).toEqual({ value: 0, formula: 'occupancy.v2' }); // staffed, no call
    expect(hour('00:00')!.counts.staffedSeconds).toBe(3600);
    expect(hour('09:00')!.figures.occupancy).toEqual({ value: 0.1833, formula: 'occupancy.v2' });
    expect(hour('05:00')).toBeUndefined(); // offline: no row
    expect(hourly.totals.find((r) => r.key === '1001')!.figures.occupancy).toEqual(a.figures.occupancy);

    // Per queue nothing changes: no state history is read.
    const byQueue = await get('from=2025-03-12&to=2025-03-12&interval=day&by=queue');
    expect(byQueue.rows.every((r) => r.figures.occupancy.value === null && r.counts.staffedSeconds === undefined)).toBe(
      true,
    );
  });
});
