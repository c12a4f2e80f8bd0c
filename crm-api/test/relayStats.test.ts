import { RelayDayStats } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, makeUser, startTestCrm, tokenFor, type TestCrm } from './support/server';

/**
 * The relay rate on reports (issue 12): a day's relays and the share that carried their context
 * — the package acknowledged by the partner's system before the partner answered the call.
 */
describe('GET /api/relays/stats', () => {
  let crm: TestCrm;
  let counselor: string;
  let supervisor: string;
  beforeAll(async () => {
    crm = await startTestCrm();
    counselor = await tokenFor('counselor', await makeUser(crm.db, { username: 'kim' }));
    supervisor = await tokenFor('supervisor', await makeUser(crm.db, { username: 'boss', role: 'supervisor' }));
  });
  afterAll(() => crm.close());

  /** A relay made at `createdAt`, its package delivered at `deliveredAt`, the partner answering at `answeredAt`. */
  async function relay(
    key: string,
    o: { createdAt: string; deliveredAt?: string; answeredAt?: string; callback?: boolean; inbound?: boolean },
  ) {
    const res = await call(crm, 'POST', '/api/relays', {
      token: counselor,
      body: {
        idempotencyKey: `relay-stats-${key}`,
        partnerId: 'fta1380',
        callId: `call-${key}`,
        question: '원산지 증명 문의',
        ...(o.callback ? { callbackNumber: '01055556666' } : {}),
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await crm.db.query(`UPDATE relays SET created_at = $2, delivered_at = $3, direction = $4 WHERE id = $1`, [
      res.body.id,
      o.createdAt,
      o.deliveredAt ?? null,
      o.inbound ? 'inbound' : 'outbound',
    ]);
    if (o.answeredAt)
      await crm.db.query(`INSERT INTO call_events (id, call_id, type, at) VALUES ($1, $2, 'transfer.answered', $3)`, [
        `ev-${key}`,
        `call-${key}`,
        o.answeredAt,
      ]);
  }

  it('counts the day in Seoul: answered relays, those whose package arrived first, and callbacks', async () => {
    // Carried: delivered 8 s before the partner picked up.
    await relay('a', {
      createdAt: '2026-03-03T01:00:00Z',
      deliveredAt: '2026-03-03T01:00:02Z',
      answeredAt: '2026-03-03T01:00:10Z',
    });
    // Delivered after the answer, and never delivered: not carried.
    await relay('b', {
      createdAt: '2026-03-03T01:05:00Z',
      deliveredAt: '2026-03-03T01:05:30Z',
      answeredAt: '2026-03-03T01:05:10Z',
    });
    await relay('c', { createdAt: '2026-03-03T01:10:00Z', answeredAt: '2026-03-03T01:10:05Z' });
    // The IVR's relay is written just after the partner answered: answered, never carried.
    await relay('d', {
      createdAt: '2026-03-03T01:20:00.500Z',
      deliveredAt: '2026-03-03T01:20:01Z',
      answeredAt: '2026-03-03T01:20:00Z',
    });
    // A closed partner: the package with a callback number, no call.
    await relay('e', { createdAt: '2026-03-03T02:00:00Z', deliveredAt: '2026-03-03T02:00:01Z', callback: true });
    // 00:30 on 3/4 in Seoul (the next day), and a relay from a partner to 1357: not this day's.
    await relay('f', {
      createdAt: '2026-03-03T15:30:00Z',
      deliveredAt: '2026-03-03T15:30:01Z',
      answeredAt: '2026-03-03T15:30:05Z',
    });
    await relay('g', { createdAt: '2026-03-03T03:00:00Z', inbound: true });

    const res = await call(crm, 'GET', '/api/relays/stats?date=2026-03-03', { token: supervisor });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(RelayDayStats.parse(res.body)).toEqual({
      date: '2026-03-03',
      relays: 5,
      answered: 4,
      contextCarried: 1,
      callbacks: 1,
      contextRate: 0.25,
    });
    const next = await call(crm, 'GET', '/api/relays/stats?date=2026-03-04', { token: supervisor });
    expect(next.body).toMatchObject({ relays: 1, answered: 1, contextCarried: 1, contextRate: 1 });
    const empty = await call(crm, 'GET', '/api/relays/stats?date=2026-03-05', { token: supervisor });
    expect(empty.body).toMatchObject({ relays: 0, answered: 0, contextCarried: 0, contextRate: null });
    // A period (the 보고서 page's): both Seoul days, the inbound relay still left out.
    const period = await call(crm, 'GET', '/api/relays/stats?date=2026-03-03&to=2026-03-05', { token: supervisor });
    expect(period.status, JSON.stringify(period.body)).toBe(200);
    expect(RelayDayStats.parse(period.body)).toEqual({
      date: '2026-03-03',
      to: '2026-03-05',
      relays: 6,
      answered: 5,
      contextCarried: 2,
      callbacks: 1,
      contextRate: 0.4,
    });
  });

  it('supervisors only; a malformed date is a 400 naming the field', async () => {
    expect((await call(crm, 'GET', '/api/relays/stats?date=2026-03-03', { token: counselor })).status).toBe(403);
    const bad = await call(crm, 'GET', '/api/relays/stats?date=3월3일', { token: supervisor });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('date');
    // A period that ends before it starts, or longer than a year, names `to`.
    for (const q of ['date=2026-03-03&to=2026-03-02', 'date=2026-03-03&to=2027-03-04', 'date=2026-03-03&to=x']) {
      const res = await call(crm, 'GET', `/api/relays/stats?${q}`, { token: supervisor });
      expect(res.status, q).toBe(400);
      expect(JSON.stringify(res.body), q).toContain('to');
    }
  });
});
