import { DayStats, QUEUES, type CallEventV1 } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, count, startTestCrm, tokenFor, type TestCrm } from './support/server';

/** A scripted day: 2025-03-14 in Seoul; the server's clock reads 12:00 KST that day. */
const kst = (hms: string, plusSeconds = 0, day = '2025-03-14') =>
  new Date(Date.parse(`${day}T${hms}+09:00`) + plusSeconds * 1000).toISOString();

let seq = 0;
function ev(callId: string, type: CallEventV1['type'], at: string, extra: Partial<CallEventV1> = {}): CallEventV1 {
  return { id: `${callId}-${type}-${++seq}`, callId, type, at, data: {}, ...extra };
}

describe('call events and today’s statistics', () => {
  let crm: TestCrm;
  let service: string;
  // Built once: the day's events in the order telephony would send them.
  const day: CallEventV1[] = [];
  const add = (...e: CallEventV1[]) => day.push(...e);

  // c1 fund: answered after 10 s (within T = 20)
  add(
    ev('c1', 'call.arrived', kst('09:00:00'), { callerNumber: '010-1234-5678' }),
    ev('c1', 'queue.entered', kst('09:00:20'), { queue: 'fund' }),
    ev('c1', 'agent.offered', kst('09:00:22'), { queue: 'fund', agentId: '1001' }),
    ev('c1', 'call.connected', kst('09:00:30'), { queue: 'fund', agentId: '1001' }),
    ev('c1', 'recording.started', kst('09:00:30'), { data: { recordingName: 'c1-20250314' } }),
    ev('c1', 'call.ended', kst('09:05:00')),
  );
  // c2 fund: answered after 30 s (outside T)
  add(
    ev('c2', 'queue.entered', kst('10:00:00'), { queue: 'fund' }),
    ev('c2', 'call.connected', kst('10:00:30'), { queue: 'fund', agentId: '1003' }),
  );
  // c3 fund: abandoned after 3 s (a short abandon)
  add(
    ev('c3', 'queue.entered', kst('10:10:00'), { queue: 'fund' }),
    ev('c3', 'call.abandoned', kst('10:10:03'), { queue: 'fund' }),
  );
  // c4 fund: abandoned after 40 s
  add(
    ev('c4', 'queue.entered', kst('10:20:00'), { queue: 'fund' }),
    ev('c4', 'call.abandoned', kst('10:20:40'), { queue: 'fund' }),
  );
  // c5 startup: answered after 5 s
  add(
    ev('c5', 'queue.entered', kst('11:00:00'), { queue: 'startup' }),
    ev('c5', 'call.connected', kst('11:00:05'), { queue: 'startup', agentId: '1002' }),
  );
  // c6 fund → overflow to general after 60 s, answered there 10 s later (the connect names no queue)
  add(
    ev('c6', 'queue.entered', kst('11:30:00'), { queue: 'fund' }),
    ev('c6', 'queue.entered', kst('11:31:00'), { queue: 'general' }),
    ev('c6', 'call.connected', kst('11:31:10'), { agentId: '1008' }),
  );
  // c7 rnd: queued yesterday 23:59:50, answered after midnight — yesterday's call
  add(
    ev('c7', 'queue.entered', kst('23:59:50', 0, '2025-03-13'), { queue: 'rnd' }),
    ev('c7', 'call.connected', kst('00:00:10'), { queue: 'rnd', agentId: '1004' }),
  );
  // c8: hung up in the IVR
  add(
    ev('c8', 'call.arrived', kst('11:45:00')),
    ev('c8', 'ivr.step', kst('11:45:05'), { data: { node: 'main' } }),
    ev('c8', 'call.ended', kst('11:45:20')),
  );

  beforeAll(async () => {
    crm = await startTestCrm();
    service = await tokenFor('service');
  });
  afterAll(() => crm.close());

  it('stores each event once: a re-sent batch is all duplicates', async () => {
    const half = Math.floor(day.length / 2);
    const first = await call(crm, 'POST', '/api/internal/call-events', {
      token: service,
      body: { events: day.slice(0, half) },
    });
    expect(first).toEqual({ status: 200, body: { stored: half, duplicates: 0 } });
    const again = await call(crm, 'POST', '/api/internal/call-events', {
      token: service,
      body: { events: day.slice(0, half) },
    });
    expect(again).toEqual({ status: 200, body: { stored: 0, duplicates: half } });
    // Overlapping batch, with one event twice inside it.
    const rest = await call(crm, 'POST', '/api/internal/call-events', {
      token: service,
      body: { events: [...day, day[day.length - 1]!] },
    });
    expect(rest).toEqual({ status: 200, body: { stored: day.length - half, duplicates: half + 1 } });
    expect(await count(crm.db, 'call_events')).toBe(day.length);
  });

  it('keeps one call record per call, derived from its events', async () => {
    expect(await count(crm.db, 'call_records')).toBe(8);
    const { rows } = await crm.db.query(`SELECT call_id, caller_number, queue, agent_id, outcome, recording_name,
        connected_at, ended_at FROM call_records ORDER BY call_id`);
    expect(rows.map((r) => [r.call_id, r.outcome, r.queue, r.agent_id])).toEqual([
      ['c1', 'answered', 'fund', '1001'],
      ['c2', 'answered', 'fund', '1003'],
      ['c3', 'abandoned', 'fund', null],
      ['c4', 'abandoned', 'fund', null],
      ['c5', 'answered', 'startup', '1002'],
      ['c6', 'answered', 'general', '1008'],
      ['c7', 'answered', 'rnd', '1004'],
      ['c8', 'ivrOnly', null, null],
    ]);
    expect(rows[0]).toMatchObject({ caller_number: '01012345678', recording_name: 'c1-20250314' });
    expect(rows[0].ended_at.toISOString()).toBe(kst('09:05:00'));
  });

  it('computes today’s KPIs per queue (Asia/Seoul day, default service-level formula)', async () => {
    const res = await call(crm, 'GET', '/api/stats/today', { token: await tokenFor('supervisor') });
    expect(res.status).toBe(200);
    const stats = DayStats.parse(res.body);
    expect(stats.date).toBe('2025-03-14');
    expect(stats.queues.map((q) => q.queue)).toEqual(QUEUES.map((q) => q.id));
    const byQueue = Object.fromEntries(stats.queues.map((q) => [q.queue, q]));
    // fund: 5 offered (c1 c2 c3 c4 c6), 2 answered, 2 abandoned of which 1 short:
    // SL = 1 within T ÷ (2 + 2 − 1) = 1/3; ASA = (10 + 30) / 2.
    expect(byQueue.fund).toEqual({
      queue: 'fund',
      offered: 5,
      answered: 2,
      abandoned: 2,
      serviceLevel: 1 / 3,
      asaSeconds: 20,
      answeredWithinThreshold: 1,
      shortAbandons: 1,
    });
    expect(byQueue.startup).toEqual({
      queue: 'startup',
      offered: 1,
      answered: 1,
      abandoned: 0,
      serviceLevel: 1,
      asaSeconds: 5,
      answeredWithinThreshold: 1,
      shortAbandons: 0,
    });
    expect(byQueue.general).toEqual({
      queue: 'general',
      offered: 1,
      answered: 1,
      abandoned: 0,
      serviceLevel: 1,
      asaSeconds: 10,
      answeredWithinThreshold: 1,
      shortAbandons: 0,
    });
    for (const q of ['rnd', 'merchant', 'export', 'hr']) {
      expect(byQueue[q]).toEqual({
        queue: q,
        offered: 0,
        answered: 0,
        abandoned: 0,
        serviceLevel: null,
        asaSeconds: null,
        answeredWithinThreshold: 0,
        shortAbandons: 0,
      });
    }
  });

  it('the next day starts from zero', async () => {
    crm.setNow(new Date(kst('00:30:00', 0, '2025-03-15')));
    const res = await call(crm, 'GET', '/api/stats/today', {
      token: await tokenFor('service', 'telephony', new Date(kst('00:30:00', 0, '2025-03-15'))),
    });
    expect(res.body.date).toBe('2025-03-15');
    expect(res.body.queues.every((q: { offered: number }) => q.offered === 0)).toBe(true);
  });

  it('only the service role may post events; bad batches are a 400 naming fields; nothing stored', async () => {
    crm.setNow(new Date(kst('12:00:00')));
    const before = await count(crm.db, 'call_events');
    const batch = { events: [ev('c9', 'call.arrived', kst('12:00:00'))] };
    expect(
      (await call(crm, 'POST', '/api/internal/call-events', { token: await tokenFor('counselor'), body: batch }))
        .status,
    ).toBe(403);
    expect(
      (await call(crm, 'POST', '/api/internal/call-events', { token: await tokenFor('admin'), body: batch })).status,
    ).toBe(403);
    expect((await call(crm, 'POST', '/api/internal/call-events', { body: batch })).status).toBe(401);
    const bad = await call(crm, 'POST', '/api/internal/call-events', {
      token: service,
      body: { events: [{ id: 'x', callId: 'c9', type: 'call.teleported', at: kst('12:00:00'), queue: 'weather' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'events.0.queue',
      'events.0.type',
    ]);
    expect(
      (await call(crm, 'POST', '/api/internal/call-events', { token: service, body: { events: [] } })).status,
    ).toBe(400);
    const badTime = await call(crm, 'POST', '/api/internal/call-events', {
      token: service,
      body: { events: [ev('c9', 'call.arrived', kst('12:00:00')), ev('c9', 'call.ended', 'yesterday-ish')] },
    });
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.fields).toEqual([{ path: 'events.1.at', message: expect.any(String) }]);
    const nul = await call(crm, 'POST', '/api/internal/call-events', {
      token: service,
      body: { events: [ev('c9', 'call.arrived', kst('12:00:00'), { data: { note: 'a\u0000b' } })] },
    });
    expect(nul.status).toBe(400);
    expect(await count(crm.db, 'call_events')).toBe(before);
  });

  it('stats and the agent roster: supervisor, admin, service only', async () => {
    expect((await call(crm, 'GET', '/api/stats/today', { token: await tokenFor('counselor') })).status).toBe(403);
    expect((await call(crm, 'GET', '/api/agents', { token: await tokenFor('counselor') })).status).toBe(403);
    expect((await call(crm, 'GET', '/api/stats/today')).status).toBe(401);
    expect((await call(crm, 'GET', '/api/agents', { token: await tokenFor('admin') })).status).toBe(200);
  });
});
