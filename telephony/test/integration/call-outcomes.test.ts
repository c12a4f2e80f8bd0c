import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Center, eventTypes, reachQueue, startCenter, until } from '../support/center';
import { answeredByAutoAnswerPhone, callerAbandonsInQueue, callerHangsUpInIvr } from '../support/scenarios';

type State = { state: string; reason: string | null };

describe('call outcomes over pbx-sim', () => {
  let center: Center;
  beforeEach(async () => {
    center = await startCenter();
    await center.startTelephony();
  });
  afterEach(async () => center?.close());

  it('caller hangs up during the IVR: the call ends, nothing is queued', () => callerHangsUpInIvr(center));

  it('caller abandons in the queue: call.abandoned, holding bridge gone', () => callerAbandonsInQueue(center));

  it('an auto-answering phone takes the call and the recording is stored', () =>
    answeredByAutoAnswerPhone(center, '1003'));

  it('agent does not answer: missed agent goes notReady(other), the next agent gets the caller', async () => {
    await center.pbx.setPhone('1001', 'noAnswer');
    await center.pbx.setPhone('1002', 'autoAnswer');
    const first = await center.agentConsole('1001');
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    await first.next('call.offered.v1');
    // 1002 becomes ready only now, so 1001 (longer idle) was surely offered first.
    const second = await center.agentConsole('1002');
    expect(await second.command('agent.ready.v1', {})).toEqual({ ok: true });
    const missed = await first.next<{ reason: string }>('call.ended.v1');
    expect(missed.reason).toBe('noAnswer');
    await first.next<State>('agent.state.v1', (s) => s.state === 'notReady' && s.reason === 'other');
    await second.next('call.offered.v1', (p: { callId: string }) => p.callId === callId);
    await second.next('call.connected.v1');
    const types = await until(async () => {
      const t = await eventTypes(center, callId);
      return t.includes('call.connected') ? t : null;
    }, 'connected event');
    expect(types).toContain('agent.noAnswer');
    expect((await center.state.getCall(callId))?.missedBy).toEqual(['1001']);
    await center.pbx.hangup(caller);
    await second.next('call.ended.v1');
  });

  it('agent hangs up first: the app hangs up the caller and the agent wraps up', async () => {
    await center.pbx.setPhone('1001', 'autoAnswer');
    const agent = await center.agentConsole('1001');
    await agent.command('agent.ready.v1', {});
    const caller = await center.pbx.placeCall(center.callers.known[1] ?? center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    await agent.next('call.connected.v1');
    expect(await agent.command('call.hangup.v1', { callId })).toEqual({ ok: true });
    const ended = await agent.next<{ reason: string }>('call.ended.v1');
    expect(ended.reason).toBe('agentHangup');
    await until(async () => !(await center.pbx.channelIds()).includes(caller), 'caller hung up by the app');
    await agent.next<State>('agent.state.v1', (s) => s.state === 'wrapUp');
    await until(async () => (await eventTypes(center, callId)).includes('call.ended'), 'call.ended in crm');
  });

  it('caller hangs up while the agent phone rings: the ring stops and the agent is ready again', async () => {
    await center.pbx.setPhone('1001', 'manual');
    const agent = await center.agentConsole('1001');
    await agent.command('agent.ready.v1', {});
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    await agent.next('call.offered.v1');
    await center.pbx.hangup(caller);
    expect(await agent.next<{ reason: string }>('call.ended.v1')).toMatchObject({
      callId,
      reason: 'callerHangup',
      wrapUpSeconds: 0,
    });
    await agent.stateBecomes('ready');
    await until(async () => (await center.pbx.channelIds()).length === 0, 'agent leg hung up');
    await until(async () => (await eventTypes(center, callId)).includes('call.abandoned'), 'abandon recorded');
  });

  it('a console reload does not lose a ringing call', async () => {
    await center.pbx.setPhone('1001', 'manual');
    const first = await center.agentConsole('1001');
    await first.command('agent.ready.v1', {});
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    await first.next('call.offered.v1');
    first.socket.disconnect();

    const reloaded = await center.agentConsole('1001');
    await reloaded.next<State>('agent.state.v1', (s) => s.state === 'ringing');
    type Offer = { callId: string; pop: { status: string } };
    const offered = await reloaded.next<Offer>('call.offered.v1');
    expect(offered.callId).toBe(callId);
    // An offer never waits on crm-api: when the reload came before its answer, the stored offer
    // holds a pending pop and the known one follows as call.pop.v1, as for the first console.
    const pop =
      offered.pop.status === 'pending'
        ? (await reloaded.next<Offer>('call.pop.v1', (p) => p.callId === callId)).pop
        : offered.pop;
    expect(pop.status).toBe('known');
    expect(await reloaded.command('call.answer.v1', { callId })).toEqual({ ok: true });
    await reloaded.next('call.connected.v1');
    expect(await reloaded.command('call.answer.v1', { callId })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
  });

  it('refuses call control from a supervisor and sends supervisors the floor', async () => {
    const { signAccessToken } = await import('@cc1357/contracts');
    const { io } = await import('socket.io-client');
    const token = await signAccessToken(
      { sub: 's1', username: 'lee', role: 'supervisor', skills: [] },
      'integration-secret-0123456789',
      600,
    );
    const socket = io(center.telephony[0]!.url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    try {
      const snapshots: { today: { date: string }; queues: { queue: string; waiting: number }[]; agents: unknown[] }[] =
        [];
      socket.on('floor.snapshot.v1', (s) => snapshots.push(s));
      const first = await until(() => snapshots[0], 'floor on join');
      expect(first.queues).toHaveLength(7);
      expect(first.today.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect((first.today as unknown as { queues: unknown[] }).queues).toHaveLength(7); // crm-api's GET /api/stats/today, not a fallback
      // Something moves: a caller reaches the fund queue → a fresh snapshot shows them waiting.
      const caller = await center.pbx.placeCall(center.callers.known[0]!);
      await reachQueue(center, caller);
      await until(
        () => snapshots.find((s) => s.queues.find((q) => q.queue === 'fund')?.waiting === 1),
        'floor shows the waiting caller',
      );
      const ack = await socket.timeout(5_000).emitWithAck('call.answer.v1', { callId: 'x' });
      expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      socket.disconnect();
    }
  });
});
