import { CallbackDto, type CallEventV1, type Role, signAccessToken } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, TEST_NOW, call, makeUser, startTestCrm, tokenFor, type TestCrm } from './support/server';

/** A token carrying the user's own name (the shared helper names every user after their role). */
const tokenOf = (role: Role, sub: string, username: string) =>
  signAccessToken({ sub, username, role, skills: [] }, SECRET, 3600, TEST_NOW);

/** Issue 12 §4: a callback's owner and its steps dial → done / noAnswer / reschedule, over HTTP and PostgreSQL. */
describe('callback actions: claim, dial, outcome', () => {
  let crm: TestCrm;
  let kim: string;
  let lee: string;
  let supervisor: string;
  beforeAll(async () => {
    crm = await startTestCrm();
    kim = await tokenOf('counselor', await makeUser(crm.db, { username: 'kim' }), 'kim');
    lee = await tokenOf('counselor', await makeUser(crm.db, { username: 'lee' }), 'lee');
    supervisor = await tokenOf('supervisor', await makeUser(crm.db, { username: 'park', role: 'supervisor' }), 'park');
  });
  afterAll(() => crm.close());

  const book = async (number: string) => {
    const res = await call(crm, 'POST', '/api/callbacks', {
      token: kim,
      body: { number, queue: 'fund', dueAt: '2025-03-14T06:00:00Z' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return CallbackDto.parse(res.body);
  };
  const act = (id: string, body: unknown, token = kim) =>
    call(crm, 'POST', `/api/callbacks/${id}/actions`, { token, body });

  it('claims, dials, records no answer, dials again and closes as done', async () => {
    const cb = await book('010-2222-1111');
    expect(cb).toMatchObject({ owner: null, attempts: 0, lastOutcome: null });
    const claimed = await act(cb.id, { action: 'claim' });
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({ owner: 'kim', status: 'open' });
    // Another counselor can neither take it nor dial it.
    expect((await act(cb.id, { action: 'claim' }, lee)).status).toBe(409);
    expect((await act(cb.id, { action: 'dial' }, lee)).body.error.code).toBe('CONFLICT');

    // A double click on dial: one attempt.
    const dials = await Promise.all([
      act(cb.id, { action: 'dial', callId: 'out-1' }),
      act(cb.id, { action: 'dial', callId: 'out-1' }),
    ]);
    expect(dials.map((d) => d.status)).toEqual([200, 200]);
    const dialing = CallbackDto.parse((await act(cb.id, { action: 'dial' })).body);
    expect(dialing).toMatchObject({ status: 'dialing', attempts: 1, callId: 'out-1' });

    const missed = await act(cb.id, { action: 'noAnswer', note: '받지 않음' });
    expect(missed.body).toMatchObject({ status: 'open', lastOutcome: 'noAnswer', note: '받지 않음', closedAt: null });
    // No outcome without a call.
    const early = await act(cb.id, { action: 'done' });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('INVALID_STATE');

    await act(cb.id, { action: 'dial', callId: 'out-2' });
    const done = await act(cb.id, { action: 'done', note: '정책자금 안내 완료' });
    expect(done.body).toMatchObject({ status: 'done', attempts: 2, lastOutcome: 'done', callId: 'out-2' });
    expect(done.body.closedAt).not.toBeNull();
    expect((await act(cb.id, { action: 'dial' })).status).toBe(409);
  });

  it('reschedules to a later time, refusing a past one with the field named', async () => {
    const cb = await book('02-333-4444');
    const past = await act(cb.id, { action: 'reschedule', dueAt: '2025-03-13T06:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.error.fields).toEqual([expect.objectContaining({ path: 'dueAt' })]);
    await act(cb.id, { action: 'dial' });
    const later = await act(cb.id, { action: 'reschedule', dueAt: '2025-03-15T01:30:00Z' });
    expect(later.body).toMatchObject({
      status: 'open',
      dueAt: '2025-03-15T01:30:00.000Z',
      lastOutcome: 'reschedule',
      owner: 'kim',
    });
  });

  it('the third unanswered attempt closes the callback as failed; a supervisor may act on anyone’s', async () => {
    const cb = await book('010-9999-0000');
    for (let i = 0; i < 3; i++) {
      await act(cb.id, { action: 'dial' });
      await act(cb.id, { action: 'noAnswer' }, supervisor);
    }
    const after = await call(crm, 'GET', '/api/callbacks?number=01099990000', { token: kim });
    expect(after.body).toEqual([expect.objectContaining({ status: 'failed', attempts: 3, lastOutcome: 'noAnswer' })]);
  });

  it('bad input: unknown callback 404, unknown action 400, no dueAt 400', async () => {
    expect((await act('999999', { action: 'claim' })).status).toBe(404);
    const cb = await book('010-4444-5555');
    expect((await act(cb.id, { action: 'explode' })).status).toBe(400);
    expect((await act(cb.id, { action: 'reschedule' })).status).toBe(400);
    expect((await act('abc', { action: 'claim' })).status).toBe(400);
  });

  it("telephony reads one callback's number and status to check a dial; nobody else may", async () => {
    const service = await tokenFor('service');
    const cb = await book('010-6666-1212');
    const res = await call(crm, 'GET', `/api/internal/callbacks/${cb.id}`, { token: service });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: cb.id, number: '01066661212', status: 'open' });
    expect((await call(crm, 'GET', '/api/internal/callbacks/999999', { token: service })).status).toBe(404);
    expect((await call(crm, 'GET', `/api/internal/callbacks/${cb.id}`, { token: kim })).status).toBe(403);
  });

  it('an outbound call is a call record with direction outbound', async () => {
    const service = await tokenFor('service');
    const at = (s: number) => new Date(Date.parse('2025-03-14T02:00:00Z') + s * 1000).toISOString();
    const ev = (id: string, callId: string, type: CallEventV1['type'], s: number, data = {}): CallEventV1 => ({
      id,
      callId,
      type,
      at: at(s),
      agentId: '1001',
      callerNumber: '01012345678',
      data,
    });
    const events = [
      ev('o1-1', 'o1', 'call.outbound.started', 0, { number: '01012345678', callbackId: null }),
      ev('o1-2', 'o1', 'call.outbound.answered', 5),
      ev('o1-3', 'o1', 'call.connected', 5),
      ev('o1-4', 'o1', 'call.ended', 60),
      ev('o2-1', 'o2', 'call.outbound.started', 0),
      ev('o2-2', 'o2', 'call.outbound.noAnswer', 30, { leg: 'customer' }),
      ev('o2-3', 'o2', 'call.ended', 30),
    ];
    const res = await call(crm, 'POST', '/api/internal/call-events', { token: service, body: { events } });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    const { rows } = await crm.db.query<{ call_id: string; direction: string; outcome: string }>(
      `SELECT call_id, direction, outcome FROM call_records WHERE call_id IN ('o1', 'o2') ORDER BY call_id`,
    );
    expect(rows).toEqual([
      { call_id: 'o1', direction: 'outbound', outcome: 'answered' },
      { call_id: 'o2', direction: 'outbound', outcome: 'notAnswered' },
    ]);
  });
});
