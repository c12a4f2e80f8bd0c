import { MyDay, signAccessToken, type CallEventV1 } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  makeCompany,
  makeContact,
  makeUser,
  SECRET,
  startTestCrm,
  TEST_NOW,
  type TestCrm,
} from './support/server';

/** Seoul wall time on 2025-03-14 (the test server's today) or another day, as an ISO instant. */
const kst = (hms: string, day = '2025-03-14') => new Date(`${day}T${hms}+09:00`).toISOString();
let seq = 0;
function ev(callId: string, type: CallEventV1['type'], at: string, extra: Partial<CallEventV1> = {}): CallEventV1 {
  return { id: `${callId}-${type}-${++seq}`, callId, type, at, data: {}, ...extra };
}
const A = '1001';
const B = '1002';

/*
 * Hand count for 2025-03-14 (A = 김상담 1001, B = 이상담 1002), stored through telephony's ingest route:
 *  a1 fund 09:00:00 queued, rings A 09:00:05, A connects 09:00:12, holds 09:01:00–09:01:30, ends
 *     09:03:12 (talk 180 s), wrap-up to 09:04:12 (60 s) → A handles 240 s; recorded; A writes a
 *     consultation for 한빛정밀.
 *  a2 startup 10:00:00 queued, rings A 10:00:02, A lets it go 10:00:22 (a missed ring), rings B
 *     10:00:23, B connects 10:00:30, ends 10:02:30 (120 s), wrap-up 30 s → B handles 150 s.
 *  a3 A dials out 11:00:00, the customer answers 11:00:10, ends 11:05:10 → A handles 300 s (outbound,
 *     not an answered call).
 *  a4 fund 11:30:00 queued from 031-234-5678 (a contact of 두리식품), rings A 11:30:01, the caller
 *     hangs up 11:30:10 while it rings.
 *  b1 fund 09:10:00 queued, B connects 09:10:05, ends 09:12:05 (120 s).
 *  a0 on 2025-03-13: A answers a call (not the 14th's).
 *
 * A on the 14th: answered 1, outbound 1 (answered 1), rings 3, missed 1, handled 2, handle 540 s,
 * AHT 270 s, consultations 1; calls a4, a3, a2, a1 newest first.
 * B on the 14th: answered 2, handled 2, handle 270 s, AHT 135 s, missed 0; calls a2, b1.
 */
const events: CallEventV1[] = [
  ev('a1', 'call.arrived', kst('08:59:50'), { callerNumber: '010-1234-5678' }),
  ev('a1', 'queue.entered', kst('09:00:00'), { queue: 'fund' }),
  ev('a1', 'agent.offered', kst('09:00:05'), { queue: 'fund', agentId: A }),
  ev('a1', 'call.connected', kst('09:00:12'), { queue: 'fund', agentId: A }),
  ev('a1', 'recording.started', kst('09:00:12'), { agentId: A, data: { recordingName: 'a1-20250314-0900' } }),
  ev('a1', 'call.held', kst('09:01:00'), { agentId: A }),
  ev('a1', 'call.resumed', kst('09:01:30'), { agentId: A, data: { heldSeconds: 30 } }),
  ev('a1', 'call.ended', kst('09:03:12'), { agentId: A }),
  ev('a1', 'wrapUp.ended', kst('09:04:12'), { agentId: A, data: { next: 'ready' } }),
  ev('a2', 'call.arrived', kst('09:59:55'), { callerNumber: '010-2222-3333' }),
  ev('a2', 'queue.entered', kst('10:00:00'), { queue: 'startup' }),
  ev('a2', 'agent.offered', kst('10:00:02'), { queue: 'startup', agentId: A }),
  ev('a2', 'agent.noAnswer', kst('10:00:22'), { queue: 'startup', agentId: A, data: { reason: 'noAnswer' } }),
  ev('a2', 'agent.offered', kst('10:00:23'), { queue: 'startup', agentId: B }),
  ev('a2', 'call.connected', kst('10:00:30'), { queue: 'startup', agentId: B }),
  ev('a2', 'call.ended', kst('10:02:30'), { agentId: B }),
  ev('a2', 'wrapUp.ended', kst('10:03:00'), { agentId: B, data: { next: 'ready' } }),
  ev('a3', 'call.outbound.started', kst('11:00:00'), {
    agentId: A,
    callerNumber: '010-4444-5555',
    data: { number: '01044445555' },
  }),
  ev('a3', 'call.outbound.answered', kst('11:00:10'), { agentId: A }),
  ev('a3', 'call.connected', kst('11:00:10'), { agentId: A }),
  ev('a3', 'call.ended', kst('11:05:10'), { agentId: A }),
  ev('a4', 'call.arrived', kst('11:29:55'), { callerNumber: '031-234-5678' }),
  ev('a4', 'queue.entered', kst('11:30:00'), { queue: 'fund' }),
  ev('a4', 'agent.offered', kst('11:30:01'), { queue: 'fund', agentId: A }),
  ev('a4', 'call.abandoned', kst('11:30:10'), { queue: 'fund' }),
  ev('b1', 'call.arrived', kst('09:09:55'), { callerNumber: '010-7777-8888' }),
  ev('b1', 'queue.entered', kst('09:10:00'), { queue: 'fund' }),
  ev('b1', 'agent.offered', kst('09:10:01'), { queue: 'fund', agentId: B }),
  ev('b1', 'call.connected', kst('09:10:05'), { queue: 'fund', agentId: B }),
  ev('b1', 'call.ended', kst('09:12:05'), { agentId: B }),
  ev('a0', 'queue.entered', kst('16:00:00', '2025-03-13'), { queue: 'fund' }),
  ev('a0', 'agent.offered', kst('16:00:01', '2025-03-13'), { queue: 'fund', agentId: A }),
  ev('a0', 'call.connected', kst('16:00:03', '2025-03-13'), { queue: 'fund', agentId: A }),
  ev('a0', 'call.ended', kst('16:01:03', '2025-03-13'), { agentId: A }),
];

describe('GET /api/me/day over real PostgreSQL', () => {
  let crm: TestCrm;
  let kimId: string;
  let tokenA: string;
  let tokenB: string;

  const token = (
    sub: string,
    username: string,
    agentId: string | undefined,
    role: 'counselor' | 'supervisor' = 'counselor',
  ) => signAccessToken({ sub, username, role, ...(agentId ? { agentId } : {}), skills: [] }, SECRET, 3600, TEST_NOW);

  beforeAll(async () => {
    crm = await startTestCrm();
    kimId = await makeUser(crm.db, { username: 'kim', displayName: '김상담', agentId: A });
    const leeId = await makeUser(crm.db, { username: 'lee', displayName: '이상담', agentId: B });
    // The agent id comes from the user's row, not from the token: a token naming B's agent id shows A's day still.
    tokenA = await token(kimId, 'kim', B);
    tokenB = await token(leeId, 'lee', B);
    const stored = await call(crm, 'POST', '/api/internal/call-events', {
      token: await signAccessToken(
        { sub: 'telephony', username: 'service', role: 'service', skills: [] },
        SECRET,
        3600,
        TEST_NOW,
      ),
      body: { events },
    });
    expect(stored).toEqual({ status: 200, body: { stored: events.length, duplicates: 0 } });
    const hanbit = await makeCompany(crm.db, 1, '한빛정밀');
    const duri = await makeCompany(crm.db, 2, '두리식품');
    await makeContact(crm.db, '박담당', [duri], [['0312345678', 'landline']]);
    const consult = (key: string, callId: string | null, counselor: string, company: string | null, at: string) =>
      crm.db.query(
        `INSERT INTO consultations (idempotency_key, request_hash, company_id, call_id, counselor_id, category, summary, outcome, created_at)
         VALUES ($1, 'h', $2, $3, $4, 'finance', '정책자금 문의', 'resolved', $5)`,
        [key, company, callId, counselor, at],
      );
    await consult('k-a1', 'a1', kimId, hanbit, kst('09:04:00'));
    // B's note on a2 is B's: A's row of a2 says no consultation of A's.
    await consult('k-a2', 'a2', leeId, null, kst('10:02:50'));
    // A's consultation on the 13th does not count on the 14th.
    await consult('k-a0', 'a0', kimId, null, kst('16:01:30', '2025-03-13'));
  });
  afterAll(() => crm.close());

  const day = async (tok: string, qs = '') => {
    const res = await call(crm, 'GET', `/api/me/day${qs}`, { token: tok });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return MyDay.parse(res.body);
  };

  it("counselor A sees A's figures only, the hand count, each with its formula id", async () => {
    const d = await day(tokenA);
    expect(d.date).toBe('2025-03-14');
    expect(d.agentId).toBe(A);
    expect(d.figures).toEqual({
      answered: { value: 1, formula: 'answered.v1' },
      outbound: { value: 1, formula: 'outbound.v1' },
      outboundAnswered: { value: 1, formula: 'outboundAnswered.v1' },
      offered: { value: 3, formula: 'offered.v1' },
      missed: { value: 1, formula: 'count(agent.noAnswer)' },
      handled: { value: 2, formula: 'aht.v1' },
      handleSeconds: { value: 540, formula: 'aht.v1' },
      ahtSeconds: { value: 270, formula: 'aht.v1' },
      transfers: { value: 0, formula: 'transfers.v1' },
      consultations: { value: 1, formula: 'count(consultations)' },
    });
  });

  it("A's call list: A's calls newest first, masked numbers, company, consultation and recording", async () => {
    const d = await day(tokenA, '?date=2025-03-14');
    expect(d.truncated).toBe(false);
    expect(d.calls.map((c) => [c.callId, c.outcome])).toEqual([
      ['a4', 'callerLeft'],
      ['a3', 'outboundAnswered'],
      ['a2', 'missed'],
      ['a1', 'answered'],
    ]);
    const [a4, a3, a2, a1] = d.calls;
    expect(a1).toEqual({
      callId: 'a1',
      at: kst('09:00:05'),
      direction: 'inbound',
      callerNumber: '010-****-5678',
      companyId: expect.any(String),
      companyName: '한빛정밀',
      queue: 'fund',
      talkSeconds: 180,
      handleSeconds: 240,
      outcome: 'answered',
      missedRings: 0,
      consultationId: expect.stringMatching(/^\d+$/),
      recordingName: 'a1-20250314-0900',
    });
    expect(a2).toMatchObject({
      queue: 'startup',
      missedRings: 1,
      talkSeconds: 0,
      consultationId: null,
      companyName: null,
    });
    expect(a3).toMatchObject({ direction: 'outbound', talkSeconds: 300, handleSeconds: 300 });
    // No consultation names a company: the caller's number is a contact of exactly one.
    expect(a4).toMatchObject({ callerNumber: '031-***-5678', companyName: '두리식품', handleSeconds: 0 });
    expect(JSON.stringify(d)).not.toMatch(/b1|01077778888|1234-5678/);
  });

  it("counselor B sees B's day, not A's", async () => {
    const d = await day(tokenB);
    expect(d.agentId).toBe(B);
    expect(d.figures).toMatchObject({
      answered: { value: 2 },
      outbound: { value: 0 },
      missed: { value: 0 },
      handleSeconds: { value: 270 },
      ahtSeconds: { value: 135 },
      consultations: { value: 1 },
    });
    expect(d.calls.map((c) => [c.callId, c.outcome])).toEqual([
      ['a2', 'answered'],
      ['b1', 'answered'],
    ]);
    expect(d.calls[0]!.consultationId).not.toBeNull();
  });

  it('another day is that day: A on the 13th', async () => {
    const d = await day(tokenA, '?date=2025-03-13');
    expect(d.calls.map((c) => c.callId)).toEqual(['a0']);
    expect(d.figures.answered.value).toBe(1);
    expect(d.figures.consultations.value).toBe(1);
    // 366 days back is the oldest day allowed (2024 is a leap year).
    expect((await day(tokenA, '?date=2024-03-13')).calls).toEqual([]);
  });

  it('a user who takes no calls gets an empty day, not an error', async () => {
    const supId = await makeUser(crm.db, { username: 'sup', role: 'supervisor' });
    const d = await day(await token(supId, 'sup', A, 'supervisor'));
    expect(d.agentId).toBeNull();
    expect(d.calls).toEqual([]);
    expect(d.figures.answered.value).toBe(0);
    expect(d.figures.ahtSeconds.value).toBeNull();
  });

  it.each([
    ['2025-3-14', '날짜는 YYYY-MM-DD 형식입니다'],
    ['2025-02-30', '없는 날짜입니다'],
    ['2024-03-12', '최근 366일 안의 날짜만 조회할 수 있습니다'],
    ['2025-03-15', '오늘 이후의 날짜는 조회할 수 없습니다'],
  ])('date=%s is a 400 naming the field', async (date, message) => {
    const res = await call(crm, 'GET', `/api/me/day?date=${date}`, { token: tokenA });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(res.body.error.fields).toEqual([{ path: 'date', message }]);
  });

  it('401 without a token, or with a forged one', async () => {
    expect((await call(crm, 'GET', '/api/me/day')).status).toBe(401);
    const forged = await signAccessToken(
      { sub: kimId, username: 'kim', role: 'counselor', skills: [] },
      'another-secret-0123456789abcdef',
      3600,
      TEST_NOW,
    );
    expect((await call(crm, 'GET', '/api/me/day', { token: forged })).status).toBe(401);
  });
});
