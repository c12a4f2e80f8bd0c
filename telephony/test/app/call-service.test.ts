import { seoulDate } from '@cc1357/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callerReachesFundQueue, offeredTo, readyAgent, type Center } from '../support/call-steps';
import { buildCallCenter, until } from '../support/service-harness';

describe('call service over a fake ARI (real Redis, real IVR flows, virtual clock)', () => {
  let center: Center;
  beforeEach(async () => {
    center = await buildCallCenter();
  });
  afterEach(async () => center.close());

  it('answers, runs the IVR, queues, offers, bridges with a recording, and wraps up', async () => {
    const { ari, state, scheduler, delivered } = center.mocks;
    const callId = await callerReachesFundQueue(center);
    expect(ari.requests).toContain('answer caller-1');
    // The place is taken first; the hold (bridge, music) follows it in the same step.
    await until(() => ari.requests.includes('startMoh') || undefined, 'caller on hold');
    expect(ari.requests).toEqual(expect.arrayContaining(['createBridge holding', 'addChannels holding 1', 'startMoh']));

    await readyAgent(center, '1001');
    const originate = await until(() => ari.originates[0], 'agent originate');
    expect(originate).toMatchObject({ endpoint: 'PJSIP/1001', appArgs: `agent,${callId}`, timeoutSeconds: 15 });
    const offered = await until(
      () => center.consoleOf('1001').find((m) => m.event === 'call.offered.v1'),
      'call.offered.v1',
    );
    expect(offered.payload).toMatchObject({
      callId,
      queue: 'fund',
      callerNumber: '01012345678',
      ivrPath: expect.arrayContaining(['notice']),
      pop: { status: 'new' },
    });
    expect((await state.getAgent('1001'))?.value.state).toBe('ringing');

    await center.sut.commands.answer('1001', callId);
    expect(center.mocks.phoneAnswers).toEqual(['1001']);
    ari.channels.get(originate.channelId)!.state = 'Up';
    ari.emit({
      type: 'StasisStart',
      args: ['agent', callId],
      channel: { id: originate.channelId, name: 'PJSIP/1001-0001', state: 'Up' },
    });
    await until(() => ari.requests.includes('record cc wav'), 'bridge recording');
    // The caller moves from the holding bridge (music stopped first) into the mix: adding a
    // channel takes it out of its bridge, so no removeChannel; the holding bridge stays.
    const connecting = ari.requests.slice(ari.requests.indexOf('createBridge mixing'));
    expect(connecting.filter((r) => /Bridge|Moh|Channel|record/.test(r))).toEqual([
      'createBridge mixing',
      'stopMoh',
      'addChannels mixing 2',
      'record cc wav',
    ]);
    expect((await state.getAgent('1001'))?.value.state).toBe('onCall');
    await until(() => center.consoleOf('1001').find((m) => m.event === 'call.connected.v1'), 'call.connected.v1');

    ari.emit({ type: 'StasisEnd', channel: { id: 'caller-1', name: '', state: 'Up' } });
    await until(() => ari.requests.includes(`hangup ${originate.channelId}`), 'agent leg hung up');
    await until(async () => (await state.getAgent('1001'))?.value.state === 'wrapUp', 'wrap-up');
    await until(async () => (await state.getCall(callId)) === null, 'call forgotten'); // the last effect, after wrap-up
    const ended = await until(() => center.consoleOf('1001').find((m) => m.event === 'call.ended.v1'), 'call.ended.v1');
    expect(ended.payload).toMatchObject({ callId, reason: 'callerHangup', wrapUpSeconds: 10 });
    // Each bridge destroyed once, when the call ends.
    expect(ari.requests.filter((r) => r.startsWith('destroyBridge'))).toEqual([
      'destroyBridge mixing',
      'destroyBridge holding',
    ]);

    scheduler.advance(10_000);
    await until(async () => (await state.getAgent('1001'))?.value.state === 'ready', 'ready after wrap-up');
    // wrapUp.ended is recorded just after the agent turns ready: flush until it has gone out.
    await until(async () => {
      await center.mocks.outbox.flush();
      return delivered.some((e) => e.type === 'wrapUp.ended');
    }, 'events delivered');
    const types = delivered.filter((e) => e.callId === callId).map((e) => e.type);
    expect(types.filter((t) => t !== 'ivr.step')).toEqual([
      'call.arrived',
      'call.answered',
      'ivr.finished',
      'queue.entered',
      'agent.offered',
      'call.connected',
      'recording.started',
      'call.ended',
      'wrapUp.ended',
    ]);
    expect(new Set(delivered.map((e) => e.id)).size).toBe(delivered.length);
  });

  it('puts a caller stamped before another node’s later place, which reached the queue first, behind that place', async () => {
    const { state, scheduler, delivered } = center.mocks;
    // Another node's caller, stamped a minute after this node's clock, already holds a place.
    const later = scheduler.now().getTime() + 60_000;
    expect(await state.takePlace('fund', 'other-node-call', later, 0)).toBe(later);
    const callId = await callerReachesFundQueue(center);
    await until(async () => (await state.queueLength('fund')) === 2 || undefined, 'both callers queued');
    expect(await state.queueHead('fund', 2)).toEqual(['other-node-call', callId]);
    const place = new Date(later + 1).toISOString(); // 1 ms behind it
    expect((await state.getCall(callId))?.enqueuedAt).toBe(place);
    const entered = await until(async () => {
      await center.mocks.outbox.flush();
      return delivered.find((e) => e.callId === callId && e.type === 'queue.entered');
    }, 'queue.entered delivered');
    expect(entered.data).toMatchObject({ priority: 0, enqueuedAt: place });
  });

  it('answers again when the answer timed out, and the IVR runs', async () => {
    const { ari } = center.mocks;
    ari.failAnswers = 1;
    const callId = await callerReachesFundQueue(center);
    expect(ari.requests.filter((r) => r.startsWith('answer caller-1'))).toEqual([
      'answer caller-1 (timed out)',
      'answer caller-1',
    ]);
    expect((await center.mocks.state.getCall(callId))?.state).toBe('queued');
  });

  it('hangs up a caller it could not answer twice, and their call record ends', async () => {
    const { ari, state, delivered } = center.mocks;
    ari.failAnswers = 2;
    ari.channels.set('caller-1', { id: 'caller-1', name: 'PJSIP/trunk-0001', state: 'Ring' });
    ari.emit({
      type: 'StasisStart',
      args: ['inbound'],
      channel: { id: 'caller-1', name: 'PJSIP/trunk-0001', state: 'Ring', caller: { number: '01012345678', name: '' } },
    });
    await until(() => ari.requests.includes('hangup caller-1') || undefined, 'the caller let go');
    expect(ari.plays).toEqual([]);
    const callId = await until(() => state.callIdOfChannel('node-a', 'caller-1'), 'call id');
    ari.emit({ type: 'StasisEnd', channel: { id: 'caller-1', name: '', state: 'Ring' } });
    await until(async () => (await state.getCall(callId)) === null || undefined, 'call forgotten');
    const types = await until(async () => {
      await center.mocks.outbox.flush();
      const mine = delivered.filter((e) => e.callId === callId).map((e) => e.type);
      return mine.includes('call.ended') ? mine : undefined;
    }, 'call.ended delivered');
    expect(types).toEqual(['call.arrived', 'call.ended']);
  });

  it('refuses a caller unanswered while the door is closed, records the attempt, and takes the next once it opens', async () => {
    await center.close();
    const door = {
      open: false,
      refusals: 0,
      isOpen: () => door.open,
      admit: () => door.open,
      refused: () => void door.refusals++,
    };
    center = await buildCallCenter({ door });
    const { ari, state, delivered } = center.mocks;
    ari.channels.set('caller-9', { id: 'caller-9', name: 'PJSIP/trunk-0009', state: 'Ring' });
    ari.emit({
      type: 'StasisStart',
      args: ['inbound'],
      channel: { id: 'caller-9', name: 'PJSIP/trunk-0009', state: 'Ring', caller: { number: '01099998888', name: '' } },
    });
    const events = await until(async () => {
      await center.mocks.outbox.flush();
      const mine = delivered.filter((e) => e.callerNumber === '01099998888');
      return mine.some((e) => e.type === 'call.ended') ? mine : undefined;
    }, 'the refused attempt recorded');
    expect(events.map((e) => e.type)).toEqual(['call.arrived', 'call.ended']);
    expect(events[1]!.data).toMatchObject({ reason: 'refusedAtDoor', stage: 'door' });
    expect(ari.requests).toContain('hangup caller-9 congestion');
    expect(ari.requests.filter((r) => r.startsWith('answer'))).toEqual([]);
    expect(await state.listCalls()).toEqual([]);
    expect(door.refusals).toBe(1);
    // Counted for the wallboard under the Seoul day, where every node's refusals add up.
    expect(await state.doorRefusedOn(seoulDate(center.mocks.scheduler.now()))).toBe(1);

    door.open = true;
    const callId = await callerReachesFundQueue(center);
    expect((await state.getCall(callId))?.state).toBe('queued');
    expect(door.refusals).toBe(1);
  });

  it('still hangs up and records a caller refused at the door when counting them fails', async () => {
    await center.close();
    const door = { isOpen: () => false, admit: () => false, refused: () => undefined };
    center = await buildCallCenter({ door });
    const { ari, state, scheduler, delivered } = center.mocks;
    const day = seoulDate(scheduler.now());
    // The day's count is not a counter (something else wrote the key): Redis refuses to count.
    await state.redis.hset(state.key(`door-refused:${day}`), 'x', '1');
    const refuse = async (channelId: string, number: string) => {
      ari.channels.set(channelId, { id: channelId, name: `PJSIP/trunk-${channelId}`, state: 'Ring' });
      ari.emit({
        type: 'StasisStart',
        args: ['inbound'],
        channel: { id: channelId, name: `PJSIP/trunk-${channelId}`, state: 'Ring', caller: { number, name: '' } },
      });
      return until(async () => {
        await center.mocks.outbox.flush();
        const mine = delivered.filter((e) => e.callerNumber === number);
        return mine.some((e) => e.type === 'call.ended') ? mine : undefined;
      }, `${number}'s refused attempt recorded`);
    };
    const events = await refuse('caller-7', '01077776666');
    expect(events.map((e) => e.type)).toEqual(['call.arrived', 'call.ended']);
    expect(ari.requests).toContain('hangup caller-7 congestion');

    await state.redis.del(state.key(`door-refused:${day}`));
    await refuse('caller-8', '01088887777');
    expect(await state.doorRefusedOn(day)).toBe(1); // counted again once Redis can
  });

  it('sends the caller back to the queue when the agent does not answer, and the next agent gets it', async () => {
    const { ari, state, scheduler } = center.mocks;
    const callId = await callerReachesFundQueue(center);
    await readyAgent(center, '1001');
    const first = await until(() => ari.originates[0], 'first originate');
    await offeredTo(center, '1001');
    await readyAgent(center, '1002');
    scheduler.advance(15_000); // ring timeout
    await until(async () => (await state.getAgent('1001'))?.value.state === 'notReady', 'missed agent not ready');
    expect((await state.getAgent('1001'))?.value.reason).toBe('other');
    expect(ari.requests).toContain(`hangup ${first.channelId}`);
    const second = await until(() => ari.originates[1], 'second originate');
    expect(second.endpoint).toBe('PJSIP/1002');
    expect((await state.getCall(callId))?.missedBy).toEqual(['1001']);
    const ended = await until(
      () => center.consoleOf('1001').find((m) => m.event === 'call.ended.v1'),
      'call.ended.v1 to 1001',
    ); // over the bus: may come after
    expect(ended.payload).toMatchObject({ reason: 'noAnswer' });
  });

  it('passes over an agent who let the call ring out while another skilled agent is ready, and falls back to them otherwise', async () => {
    const { ari, state, scheduler } = center.mocks;
    const callId = await callerReachesFundQueue(center);
    await readyAgent(center, '1001');
    await offeredTo(center, '1001');
    scheduler.advance(15_000); // ring timeout: 1001 missed it
    await until(async () => (await state.isQueued('fund', callId)) || undefined, 'caller back in the queue');
    expect((await state.getCall(callId))?.missedBy).toEqual(['1001']);

    // Both ready before the ACD looks again, 1001 idle longer: it would win if it were not passed over.
    await center.mocks.agents.apply('1002', { type: 'login', displayName: '1002', skills: ['fund'] });
    const readyQuietly = async (id: string, since: string) => {
      const current = await state.getAgent(id);
      expect(await state.casAgent({ ...current!.value, state: 'ready', reason: null, since }, current!.version)).toBe(
        true,
      );
    };
    await readyQuietly('1001', '2026-01-01T00:00:00.000Z');
    await readyQuietly('1002', '2026-01-01T00:00:10.000Z');
    await center.sut.dispatcher.dispatch();
    const second = await until(() => ari.originates[1], 'second originate');
    expect(second.endpoint).toBe('PJSIP/1002');
    expect((await state.getAgent('1001'))?.value.state).toBe('ready');

    // 1002 misses it too; with nobody else ready the call goes back to the longest idle of them.
    await offeredTo(center, '1002');
    scheduler.advance(15_000);
    const third = await until(() => ari.originates[2], 'third originate');
    expect(third.endpoint).toBe('PJSIP/1001');
    expect((await state.getCall(callId))?.missedBy).toEqual(['1001', '1002']);
  });

  it('records an abandon when the caller hangs up in the queue', async () => {
    const { ari, state, delivered } = center.mocks;
    const callId = await callerReachesFundQueue(center);
    ari.emit({ type: 'StasisEnd', channel: { id: 'caller-1', name: '', state: 'Up' } });
    await until(async () => (await state.getCall(callId)) === null || undefined, 'call forgotten');
    expect(await state.queueLength('fund')).toBe(0);
    expect(ari.requests).toContain('destroyBridge holding');
    await until(async () => {
      await center.mocks.outbox.flush();
      return delivered.some((e) => e.type === 'call.abandoned');
    }, 'abandon event');
  });

  it('ends a connected call when the agent hangs up first', async () => {
    const { ari, state } = center.mocks;
    const callId = await callerReachesFundQueue(center);
    await readyAgent(center, '1001');
    const leg = await until(() => ari.originates[0], 'originate');
    ari.emit({
      type: 'StasisStart',
      args: ['agent', callId],
      channel: { id: leg.channelId, name: 'PJSIP/1001-0001', state: 'Up' },
    });
    await until(() => ari.requests.includes('record cc wav'), 'connected');
    ari.emit({ type: 'StasisEnd', channel: { id: leg.channelId, name: '', state: 'Up' } });
    await until(() => ari.requests.includes('hangup caller-1'), 'caller hung up by the app');
    await until(async () => (await state.getAgent('1001'))?.value.state === 'wrapUp', 'wrap-up');
    const ended = await until(() => center.consoleOf('1001').find((m) => m.event === 'call.ended.v1'), 'call.ended.v1'); // told after the wrap-up
    expect(ended.payload).toMatchObject({ reason: 'agentHangup' });
  });

  it('ignores events for unknown channels and malformed events', async () => {
    const { ari } = center.mocks;
    ari.emit({ type: 'StasisEnd', channel: { id: 'nobody', name: '', state: 'Up' } });
    ari.emit({ type: 'StasisStart', args: ['inbound'] } as never); // no channel
    ari.emit({ type: 'ChannelDtmfReceived', channel: { id: 'nobody' } } as never); // no digit
    ari.emit({ type: 'SomethingNew' });
    await callerReachesFundQueue(center); // still works
  });

  it('resyncs after a gap: a vanished queued caller ends, a bridged call survives', async () => {
    const { ari, state } = center.mocks;
    const bridged = await callerReachesFundQueue(center, 'caller-a');
    await readyAgent(center, '1001');
    const leg = await until(() => ari.originates[0], 'originate');
    ari.emit({
      type: 'StasisStart',
      args: ['agent', bridged],
      channel: { id: leg.channelId, name: 'PJSIP/1001-0001', state: 'Up' },
    });
    await until(() => ari.requests.includes('record cc wav'), 'connected');
    const queued = await callerReachesFundQueue(center, 'caller-b');
    const gone = await callerReachesFundQueue(center, 'caller-c');
    // During the gap caller-c hung up; no StasisEnd will ever come for it.
    ari.channels.delete('caller-c');
    await center.sut.resync.run();
    expect(await state.getCall(gone)).toBeNull();
    expect((await state.getCall(queued))?.state).toBe('queued');
    expect(await state.isQueued('fund', queued)).toBe(true);
    expect((await state.getCall(bridged))?.state).toBe('connected');
  });

  it('frees an agent left holding a call that no longer exists, after a grace period', async () => {
    const { state, scheduler } = center.mocks;
    await readyAgent(center, '1001');
    await readyAgent(center, '1002');
    const stuck = async (id: string, st: 'ringing' | 'onCall') => {
      const current = await state.getAgent(id);
      await state.casAgent(
        { ...current!.value, state: st, callId: `ghost-${id}`, since: scheduler.now().toISOString() },
        current!.version,
      );
    };
    await stuck('1001', 'ringing');
    await stuck('1002', 'onCall');
    const repair = () => center.sut.dispatcher.repairOrphanedAgents();
    await repair();
    await repair();
    expect((await state.getAgent('1002'))?.value.state).toBe('onCall'); // too early: grace first
    scheduler.advance(35_000);
    await repair();
    // Seen once: the agent's own update may only be late (thousands of calls ending at once).
    expect((await state.getAgent('1002'))?.value.state).toBe('onCall');
    await repair();
    expect((await state.getAgent('1002'))?.value.state).toBe('wrapUp'); // mid-call ghost: after 30 s, seen twice
    expect((await state.getAgent('1001'))?.value.state).toBe('ringing'); // may still ring: 15 s + 30 s
    scheduler.advance(15_000);
    await repair();
    // The late update arrives between the two sightings (a new version): nothing is freed.
    const late = await state.getAgent('1001');
    await state.casAgent({ ...late!.value, callId: 'ghost-1001-bis' }, late!.version);
    await repair();
    expect((await state.getAgent('1001'))?.value).toMatchObject({ state: 'ringing', callId: 'ghost-1001-bis' });
    await repair();
    expect((await state.getAgent('1001'))?.value).toMatchObject({ state: 'ready', callId: null });
  });
});
