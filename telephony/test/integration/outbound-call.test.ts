import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Center, eventTypes, startCenter, until } from '../support/center';
import { bridgeMembers } from '../support/transfer-scenario';

/**
 * A counselor calls a customer from the desk over pbx-sim (issue 12 §4): their phone rings and
 * answers, the customer's number is dialled with caller id 1357, both are bridged and recorded,
 * and the call's events reach crm-api as an outbound call record.
 */
describe('outbound call from the desk, over pbx-sim', () => {
  let center: Center;

  beforeAll(async () => {
    center = await startCenter();
    await center.startTelephony(center.pbx);
  }, 120_000);
  afterAll(async () => {
    await center?.close();
  });

  it('rings the counselor, dials the customer as 1357, bridges both and records an outbound call', async () => {
    await center.pbx.setPhone('1001', 'autoAnswer');
    await center.pbx.setPhone('01055556666', 'autoAnswer');
    const desk = await center.agentConsole('1001');
    // The callback being worked on (as the console books it); an unknown one is refused first.
    const booked = await center.db.query<{ id: string }>(
      `INSERT INTO callbacks (number, queue, due_at, status, requested_by)
       VALUES ('01055556666', 'fund', now(), 'dialing', 'kim') RETURNING id::text AS id`,
    );
    const callbackId = booked.rows[0]!.id;
    expect(await desk.command('call.dial.v1', { number: '010-5555-6666', callbackId: '999999' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('callbackId') },
    });
    // Not ready (just logged in) may dial; a double click dials once.
    const dial = { number: '010-5555-6666', callbackId };
    expect(await Promise.all([desk.command('call.dial.v1', dial), desk.command('call.dial.v1', dial)])).toEqual([
      { ok: true },
      { ok: true },
    ]);
    const offered = await desk.next<{ callId: string; callerNumber: string }>('call.offered.v1');
    expect(offered.callerNumber).toBe('01055556666');
    await desk.next('call.connected.v1', (p: { callId: string }) => p.callId === offered.callId);
    await desk.stateBecomes('onCall');

    const call = await until(async () => {
      const c = await center.state.getCall(offered.callId);
      if (c?.state !== 'connected' || !c.mixingBridgeId) return null;
      return (await bridgeMembers(center, c.mixingBridgeId))?.length === 2 ? c : null;
    }, 'counselor bridged with the customer');
    expect((await bridgeMembers(center, call.mixingBridgeId!))?.sort()).toEqual(
      [call.agentChannelId!, call.callerChannelId].sort(),
    );
    const originated = (await center.pbx.requests!()).filter((r) => r.method === 'POST' && r.path === '/channels');
    const toCustomer = originated.filter((r) => r.query.endpoint === 'PJSIP/01055556666');
    expect(toCustomer).toHaveLength(1);
    expect(toCustomer[0]!.query.callerId).toContain('1357');
    expect(originated.filter((r) => r.query.endpoint === 'PJSIP/1001')).toHaveLength(1);

    // A second dial while on this call (another number) is refused clearly; the call stays.
    const busy = (await desk.command('call.dial.v1', { number: '01077778888' })) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(busy).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

    // The customer hangs up: the counselor gets after-call work, crm-api the whole story.
    await center.pbx.hangup(call.callerChannelId);
    await desk.next('call.ended.v1', (p: { callId: string }) => p.callId === offered.callId);
    await desk.stateBecomes('wrapUp');
    await until(async () => (await eventTypes(center, offered.callId)).includes('call.ended'), 'events in crm-api');
    const types = await eventTypes(center, offered.callId);
    for (const t of ['call.outbound.started', 'call.outbound.answered', 'call.connected', 'recording.started'])
      expect(types).toContain(t);
    expect(types).not.toContain('call.outbound.noAnswer');
    const { rows } = await center.db.query<{ data: { callbackId: string; number: string } }>(
      `SELECT data FROM call_events WHERE call_id = $1 AND type = 'call.outbound.started'`,
      [offered.callId],
    );
    expect(rows.map((r) => r.data)).toEqual([expect.objectContaining({ callbackId, number: '01055556666' })]);
  });

  it('a customer who does not answer ends the call as not answered', async () => {
    await center.pbx.setPhone('1002', 'autoAnswer');
    await center.pbx.setPhone('0212345678', 'reject');
    const desk = await center.agentConsole('1002');
    expect(await desk.command('call.dial.v1', { number: '02-1234-5678' })).toEqual({ ok: true });
    const offered = await desk.next<{ callId: string }>('call.offered.v1');
    await desk.next('call.ended.v1', (p: { callId: string; reason: string }) => p.reason === 'noAnswer');
    await desk.stateBecomes('wrapUp');
    await until(async () => (await eventTypes(center, offered.callId)).includes('call.ended'), 'events in crm-api');
    const types = await eventTypes(center, offered.callId);
    expect(types).toContain('call.outbound.noAnswer');
    expect(types).not.toContain('call.connected');
    expect(await center.state.getCall(offered.callId)).toBeNull();
  });

  it('the counselor answers from the desk and hangs up while the customer rings: no call, no leg left', async () => {
    await center.pbx.setPhone('1004', 'manual');
    await center.pbx.setPhone('0312223333', 'manual');
    const desk = await center.agentConsole('1004');
    expect(await desk.command('call.dial.v1', { number: '031-222-3333' })).toEqual({ ok: true });
    const offered = await desk.next<{ callId: string; outbound?: { callbackId: string | null } }>('call.offered.v1');
    expect(offered.outbound).toEqual({ callbackId: null });
    expect(await desk.command('call.answer.v1', { callId: offered.callId })).toEqual({ ok: true });
    const ringing = await until(async () => {
      const c = await center.state.getCall(offered.callId);
      return c?.state === 'dialingCustomer' && (await center.pbx.channelIds()).includes(c.callerChannelId) ? c : null;
    }, 'customer ringing');
    expect(await desk.command('call.hangup.v1', { callId: offered.callId })).toEqual({ ok: true });
    await desk.next('call.ended.v1', (p: { callId: string }) => p.callId === offered.callId);
    await until(async () => (await eventTypes(center, offered.callId)).includes('call.ended'), 'events in crm-api');
    expect(await eventTypes(center, offered.callId)).toContain('call.outbound.noAnswer');
    await until(
      async () => !(await center.pbx.channelIds()).includes(ringing.callerChannelId),
      'the customer leg hung up',
    );
  });

  it('the counselor not answering their own phone: the call ends unanswered and they go Not ready', async () => {
    await center.pbx.setPhone('1005', 'noAnswer');
    const desk = await center.agentConsole('1005');
    expect(await desk.command('agent.ready.v1', {})).toEqual({ ok: true });
    expect(await desk.command('call.dial.v1', { number: '010-8888-9999' })).toEqual({ ok: true });
    const offered = await desk.next<{ callId: string }>('call.offered.v1');
    await desk.next('call.ended.v1', (p: { callId: string; reason: string }) => p.callId === offered.callId);
    await desk.stateBecomes('notReady');
    await until(async () => (await eventTypes(center, offered.callId)).includes('call.ended'), 'events in crm-api');
    const { rows } = await center.db.query<{ data: { leg: string; reason: string } }>(
      `SELECT data FROM call_events WHERE call_id = $1 AND type = 'call.outbound.noAnswer'`,
      [offered.callId],
    );
    expect(rows.map((r) => r.data)).toEqual([expect.objectContaining({ leg: 'agent', reason: 'noAnswer' })]);
    // The customer was never dialled.
    expect(await center.pbx.originates('PJSIP/01088889999')).toBe(0);
  });

  it('refuses a number that cannot be dialled, naming the field', async () => {
    const desk = await center.agentConsole('1003');
    for (const number of ['1357', 'abc', '010-12'])
      expect(await desk.command('call.dial.v1', { number })).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST', message: expect.stringContaining('number') },
      });
    expect(await desk.command('call.dial.v1', { number: '01012345678', callbackId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('callbackId') },
    });
  });
});
