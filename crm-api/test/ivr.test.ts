import { randomUUID } from 'node:crypto';
import { IvrDropoutReport, SmsMessageDto } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, count, makePrograms, startTestCrm, tokenFor, type TestCrm } from './support/server';

/** Scripted telephony events → the IVR drop-out report; and the IVR's SMS self-service route. */
describe('IVR routes', () => {
  let crm: TestCrm;
  let service: string;
  let supervisor: string;
  let counselor: string;

  beforeAll(async () => {
    crm = await startTestCrm();
    [service, supervisor, counselor] = await Promise.all([
      tokenFor('service'),
      tokenFor('supervisor'),
      tokenFor('counselor'),
    ]);
    await makePrograms(crm.db, [
      { code: 'FIN-1', name: '긴급경영안정자금', category: 'finance', url: 'https://example.kr/fin' },
      { code: 'ST-1', name: '예비창업패키지', category: 'startup', opensOn: '2025-03-20', closesOn: '2025-04-20' },
    ]);
  });
  afterAll(() => crm.close());

  const event = (callId: string, type: string, at: string, data: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    callId,
    type,
    at,
    data,
  });
  const step = (
    callId: string,
    at: string,
    nodeId: string,
    nodeType: string,
    flow: string,
    seq: number,
    prompts: { id: string; text: string }[] = [],
  ) => event(callId, 'ivr.step', at, { nodeId, nodeType, flow, seq, prompts });

  it('counts where callers left the IVR, from the stored call events', async () => {
    const events = [
      // a: hung up in the main menu
      event('a', 'call.arrived', '2025-03-14T10:00:00+09:00'),
      step('a', '2025-03-14T10:00:00.100+09:00', 'notice', 'play', 'main', 0, [{ id: 'notice', text: '녹음됩니다' }]),
      step('a', '2025-03-14T10:00:04+09:00', 'hours', 'condition', 'main', 1),
      step('a', '2025-03-14T10:00:04+09:00', 'main-menu', 'menu', 'main', 2, [
        { id: 'main-menu', text: '정책자금은 1번' },
      ]),
      event('a', 'call.ended', '2025-03-14T10:00:15+09:00', { reason: 'callerHangup', stage: 'ivr' }),
      // b: reached the fund queue
      event('b', 'call.arrived', '2025-03-14T10:01:00+09:00'),
      step('b', '2025-03-14T10:01:00.100+09:00', 'notice', 'play', 'main', 0),
      step('b', '2025-03-14T10:01:05+09:00', 'fund-queue', 'queue', 'main', 3),
      event('b', 'ivr.finished', '2025-03-14T10:01:07+09:00', {
        outcome: { kind: 'queue', queue: 'fund', priority: 0 },
        path: ['notice', 'fund-queue'],
      }),
      event('b', 'call.ended', '2025-03-14T10:09:00+09:00', { reason: 'agentHangup', stage: 'connected' }),
      // c: hung up while typing a mobile number in the SMS sub-flow
      event('c', 'call.arrived', '2025-03-14T11:00:00+09:00'),
      step('c', '2025-03-14T11:00:20+09:00', 'sms-enter', 'collect', 'sms', 7, [
        { id: 'sms-enter-mobile', text: '휴대전화 번호를 누르신 후' },
      ]),
      event('c', 'call.ended', '2025-03-14T11:00:30+09:00', { reason: 'callerHangup', stage: 'ivr' }),
      // d: the day before (not counted)
      event('d', 'call.arrived', '2025-03-13T23:59:00+09:00'),
      step('d', '2025-03-13T23:59:01+09:00', 'notice', 'play', 'main', 0),
      event('d', 'call.ended', '2025-03-14T00:00:05+09:00', { reason: 'callerHangup', stage: 'ivr' }),
    ];
    const ingest = await call(crm, 'POST', '/api/internal/call-events', { token: service, body: { events } });
    expect(ingest.status, JSON.stringify(ingest.body)).toBe(200);

    const res = await call(crm, 'GET', '/api/stats/ivr-dropout?date=2025-03-14', { token: supervisor });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const report = IvrDropoutReport.parse(res.body);
    expect(report).toMatchObject({
      date: '2025-03-14',
      enteredIvr: 3,
      leftInIvr: 2,
      reachedOutcome: 1,
      stillInIvr: 0,
      outcomes: { queue: 1 },
    });
    expect(report.byLastNode).toEqual([
      { nodeId: 'main-menu', flow: 'main', nodeType: 'menu', promptText: '정책자금은 1번', calls: 1 },
      { nodeId: 'sms-enter', flow: 'sms', nodeType: 'collect', promptText: '휴대전화 번호를 누르신 후', calls: 1 },
    ]);
    const before = await call(crm, 'GET', '/api/stats/ivr-dropout?date=2025-03-13', { token: supervisor });
    expect(before.body).toMatchObject({ enteredIvr: 1, leftInIvr: 1 });
  });

  it('the report is for supervisors and admins; a bad date is a 400 naming the field', async () => {
    expect((await call(crm, 'GET', '/api/stats/ivr-dropout?date=2025-03-14', { token: counselor })).status).toBe(403);
    expect((await call(crm, 'GET', '/api/stats/ivr-dropout?date=2025-03-14')).status).toBe(401);
    const bad = await call(crm, 'GET', '/api/stats/ivr-dropout?date=14.03.2025', { token: supervisor });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('date');
    // A day that does not exist (it used to pass and report March 2 as "02-30").
    const noSuchDay = await call(crm, 'GET', '/api/stats/ivr-dropout?date=2025-02-30', { token: supervisor });
    expect(noSuchDay.status).toBe(400);
    expect(noSuchDay.body.error.fields[0]).toMatchObject({ path: 'date', message: '없는 날짜입니다' });
  });

  it('SMS self-service: a mobile number gets the topic programs; same key → same message', async () => {
    const body = { idempotencyKey: 'ivr-sms-call-1', callId: 'call-1', number: '010-7777-8888', topic: 'fund-notices' };
    const first = await call(crm, 'POST', '/api/ivr/sms', { token: service, body });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const msg = SmsMessageDto.parse(first.body);
    expect(msg).toMatchObject({ callerNumber: '01077778888', template: 'programs', status: 'queued' });
    expect(msg.body).toContain('긴급경영안정자금');
    const again = await call(crm, 'POST', '/api/ivr/sms', { token: service, body });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(msg.id);
    // Start-up programs that open later still go out (the next ones to open).
    const startup = await call(crm, 'POST', '/api/ivr/sms', {
      token: service,
      body: { ...body, idempotencyKey: 'ivr-sms-call-2', callId: 'call-2', topic: 'startup-programs' },
    });
    expect(startup.body.body).toContain('예비창업패키지');
    const calendar = await call(crm, 'POST', '/api/ivr/sms', {
      token: service,
      body: { ...body, idempotencyKey: 'ivr-sms-call-3', callId: 'call-3', topic: 'policy-calendar' },
    });
    expect(calendar.body.template).toBe('calendar');
  });

  it('SMS self-service refuses landlines and withheld numbers (400 on number) and opted-out numbers (409)', async () => {
    const before = await count(crm.db, 'sms_messages');
    for (const number of ['02-1234-5678', 'anonymous']) {
      const res = await call(crm, 'POST', '/api/ivr/sms', {
        token: service,
        body: { idempotencyKey: `ivr-sms-${number}`, callId: 'c', number, topic: 'policy-calendar' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.fields[0].path).toBe('number');
    }
    await call(crm, 'POST', '/api/sms/opt-outs', { token: service, body: { number: '010-5555-6666', source: 'ivr' } });
    const opted = await call(crm, 'POST', '/api/ivr/sms', {
      token: service,
      body: { idempotencyKey: 'ivr-sms-optout', callId: 'c', number: '01055556666', topic: 'policy-calendar' },
    });
    expect(opted.status).toBe(409);
    expect(await count(crm.db, 'sms_messages')).toBe(before);
    expect(
      (
        await call(crm, 'POST', '/api/ivr/sms', {
          token: counselor,
          body: { idempotencyKey: 'ivr-sms-x', callId: 'c', number: '01011112222', topic: 'policy-calendar' },
        })
      ).status,
    ).toBe(403);
  });
});
