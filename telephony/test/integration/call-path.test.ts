import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Center, eventTypes, reachQueue, startCenter, until } from '../support/center';

describe('call path: telephony + pbx-sim (real ARI) + crm-api + Redis', () => {
  let center: Center;
  beforeEach(async () => {
    center = await startCenter();
    await center.startTelephony();
  });
  afterEach(async () => center?.close());

  it('answered call end to end, with a recording stored and every step in the CRM', async () => {
    const agent = await center.agentConsole('1001');
    await agent.next('agent.state.v1', (s: { state: string }) => s.state === 'notReady');
    await center.pbx.setPhone('1001', 'manual');
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });

    const number = center.callers.known[0]!;
    const caller = await center.pbx.placeCall(number);
    const callId = await reachQueue(center, caller);

    const offered = await agent.next<{
      callId: string;
      pop: { status: string; companies: unknown[] };
      ivrPath: string[];
    }>('call.offered.v1');
    expect(offered.callId).toBe(callId);
    expect(offered.pop.status).toBe('known');
    expect(offered.pop.companies.length).toBe(1);
    expect(offered.ivrPath).toContain('main-menu');

    expect(await agent.command('call.answer.v1', { callId })).toEqual({ ok: true });
    const connected = await agent.next<{ recordingName: string }>('call.connected.v1');
    expect(connected.recordingName).toMatch(new RegExp(`^cc/\\d{4}-\\d{2}-\\d{2}/${callId}$`));
    await agent.next('agent.state.v1', (s: { state: string }) => s.state === 'onCall');

    await center.pbx.hangup(caller);
    const ended = await agent.next<{ reason: string; wrapUpSeconds: number }>('call.ended.v1');
    expect(ended).toMatchObject({ reason: 'callerHangup', wrapUpSeconds: 10 });
    await agent.next('agent.state.v1', (s: { state: string }) => s.state === 'wrapUp');
    await agent.stateBecomes('ready'); // WRAP_UP_SECONDS later, by itself

    await until(() => center.pbx.recordingStored(connected.recordingName), 'recording file stored');
    await until(async () => (await eventTypes(center, callId)).includes('wrapUp.ended'), 'call events in crm-api');
    const types = await eventTypes(center, callId);
    for (const t of [
      'call.arrived',
      'call.answered',
      'ivr.step',
      'ivr.finished',
      'queue.entered',
      'agent.offered',
      'call.connected',
      'recording.started',
      'call.ended',
      'recording.finished',
      'wrapUp.ended',
    ]) {
      expect(types).toContain(t);
    }
    expect(await center.pbx.channelIds()).toEqual([]);
  });
});
