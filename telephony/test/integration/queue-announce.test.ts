import { afterEach, describe, expect, it } from 'vitest';
import { VirtualHoldStore } from '../../src/adapters/redis/virtual-hold-store';
import { type Center, eventTypes, reachQueue, startCenter, until } from '../support/center';

/** Queue announcements and the maximum wait over pbx-sim (issue 16, Routing), at the tests' fast time scale. */
describe('queue announcements and maximum wait over pbx-sim', () => {
  let center: Center;
  afterEach(async () => center?.close());

  const start = async (env: Record<string, string>) => {
    center = await startCenter();
    await center.startTelephony(center.pbx, { env });
  };

  /** The announcements telephony asked pbx-sim to play to `channel`, as lists of prompt ids. */
  const announcements = async (channel: string): Promise<string[][]> =>
    (await center.pbx.requests!())
      .filter(
        (r) =>
          r.method === 'POST' && r.path === `/channels/${channel}/play` && (r.query.playbackId ?? '').includes('-qa-'),
      )
      .map((r) => (r.query.media ?? '').split(',').map((m) => m.replace('sound:cc1357/ko/', '')));

  const ANNOUNCE = (position: number) => ['queue-position', `num-${position}`, 'queue-position-end'];

  it('tells each waiting caller their place at the interval, and stops once the call is offered', async () => {
    await start({ QUEUE_ANNOUNCE_SECONDS: '30' });
    const first = await center.pbx.placeCall(center.callers.known[0]!);
    const firstCall = await reachQueue(center, first, '1');
    const second = await center.pbx.placeCall(center.callers.known[1]!);
    await reachQueue(center, second, '1');

    // Nobody is Ready: the first caller hears place 1, the second place 2, each with the * invitation.
    const secondHeard = await until(async () => (await announcements(second))[0], 'announcement to the second');
    expect(secondHeard.slice(0, 3)).toEqual(ANNOUNCE(2));
    // The estimate (core/wait-estimate): nobody staffs fund, a minute per caller ahead.
    expect(secondHeard.slice(3, 6)).toEqual(['queue-wait', 'num-1', 'queue-wait-end']);
    expect(secondHeard.at(-1)).toBe('queue-virtual-hold-offer');
    // Again after another interval, still place 1 for the first caller.
    const firstHeard = await until(async () => {
      const a = await announcements(first);
      return a.length >= 2 ? a : null;
    }, 'two announcements to the first');
    for (const a of firstHeard) expect(a.slice(0, 3)).toEqual(ANNOUNCE(1));
    expect(firstHeard[0]).toContain('queue-wait-soon');

    // An agent answers: the first caller is offered and connected; their announcements stop there.
    await center.pbx.setPhone('1001', 'autoAnswer');
    const desk = await center.agentConsole('1001', ['fund']);
    expect(await desk.command('agent.ready.v1', {})).toEqual({ ok: true });
    await desk.next('call.connected.v1', (p: { callId: string }) => p.callId === firstCall);
    const heardBefore = (await announcements(first)).length;
    // The second caller moves up to place 1 and hears it at their next interval (time has passed)...
    await until(async () => {
      const a = await announcements(second);
      return a.length >= 2 && a.at(-1)!.slice(0, 3).join() === ANNOUNCE(1).join();
    }, 'the second caller at place 1');
    // ...while the first caller, talking to the agent, heard nothing more.
    expect((await announcements(first)).length).toBe(heardBefore);
    expect((await center.state.getCall(firstCall))?.state).toBe('connected');
  });

  it('counts a caller on virtual hold ahead in the places and the wait of those behind', async () => {
    await start({ QUEUE_ANNOUNCE_SECONDS: '30' });
    const first = await center.pbx.placeCall(center.callers.known[0]!);
    const firstCall = await reachQueue(center, first, '1');
    await center.pbx.dtmf(first, '*');
    const ticket = await until(() => new VirtualHoldStore(center.state).head('fund'), 'virtual hold ticket');
    expect(ticket.callId).toBe(firstCall);
    await until(async () => (await center.state.getCall(firstCall)) === null, 'the first caller hung up');

    // The second caller is alone on the line but second in it: the first kept their place.
    const second = await center.pbx.placeCall(center.callers.known[1]!);
    await reachQueue(center, second, '1');
    const heard = await until(async () => (await announcements(second))[0], 'announcement to the second');
    expect(heard.slice(0, 3)).toEqual(ANNOUNCE(2));
    // Nobody staffs fund: a minute per caller ahead, the one on virtual hold included.
    expect(heard.slice(3, 6)).toEqual(['queue-wait', 'num-1', 'queue-wait-end']);
  });

  it('goes on after a telephony restart, and the caller still reaches the agent', async () => {
    await start({ QUEUE_ANNOUNCE_SECONDS: '30' });
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller, '1');
    await until(async () => (await announcements(caller)).length >= 1, 'first announcement');
    const first = center.telephony[0]!;
    await first.close();
    await center.startTelephony(center.pbx, { env: { QUEUE_ANNOUNCE_SECONDS: '30' } });
    center.telephony.splice(0, 1); // consoles connect to the new process
    const before = (await announcements(caller)).length;
    await until(async () => (await announcements(caller)).length > before, 'an announcement after the restart');
    await center.pbx.setPhone('1001', 'autoAnswer');
    const desk = await center.agentConsole('1001', ['fund']);
    expect(await desk.command('agent.ready.v1', {})).toEqual({ ok: true });
    await desk.next('call.connected.v1', (p: { callId: string }) => p.callId === callId);
    expect(await center.pbx.channelIds()).toContain(caller);
  });

  it('overflows a caller at the maximum wait to the other queue, keeping their arrival', async () => {
    await start({
      QUEUE_ANNOUNCE_SECONDS: '0',
      QUEUE_MAX_WAIT_SECONDS_BY_QUEUE: 'fund:20',
      QUEUE_OVERFLOW_BY_QUEUE: 'fund:general',
    });
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller, '1');
    const enqueuedAt = (await center.state.getCall(callId))?.enqueuedAt;
    await until(() => center.state.isQueued('general', callId), 'queued in general', 30_000);
    expect(await center.state.isQueued('fund', callId)).toBe(false);
    expect(await center.state.getCall(callId)).toMatchObject({ queue: 'general', enqueuedAt, state: 'queued' });

    // An agent of the general queue only takes the call.
    await center.pbx.setPhone('1002', 'autoAnswer');
    const desk = await center.agentConsole('1002', ['general']);
    expect(await desk.command('agent.ready.v1', {})).toEqual({ ok: true });
    await desk.next('call.connected.v1', (p: { callId: string }) => p.callId === callId);
    const types = await until(async () => {
      const t = await eventTypes(center, callId);
      return t.includes('call.connected') ? t : null;
    }, 'events in crm-api');
    expect(types).toContain('queue.maxWait');
    const { rows } = await center.db.query<{ data: Record<string, unknown> }>(
      "SELECT data FROM call_events WHERE call_id = $1 AND type = 'queue.maxWait'",
      [callId],
    );
    expect(rows[0]?.data).toMatchObject({ action: 'overflow', from: 'fund', to: 'general' });
    // The reports see the answer in the queue that answered: a leg in each queue, general's connected.
    const legs = await until(async () => {
      const r = await center.db.query<{ queue: string; connected: boolean; abandoned: boolean }>(
        `SELECT queue, connected_at IS NOT NULL AS connected, abandoned_at IS NOT NULL AS abandoned
           FROM queue_legs WHERE call_id = $1 ORDER BY entered_at`,
        [callId],
      );
      return r.rows.some((l) => l.connected) ? r.rows : null;
    }, 'the answered leg in crm-api');
    expect(legs).toEqual([
      { queue: 'fund', connected: false, abandoned: false },
      { queue: 'general', connected: true, abandoned: false },
    ]);
    expect(await announcements(caller)).toEqual([]);
  });

  it('offers the call back at the maximum wait; * keeps the place as a virtual-hold ticket', async () => {
    await start({ QUEUE_ANNOUNCE_SECONDS: '0', QUEUE_MAX_WAIT_SECONDS: '20' });
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller, '1');
    const offer = await until(async () => (await announcements(caller))[0], 'call-back offer', 30_000);
    expect(offer).toEqual(['queue-max-wait', 'queue-virtual-hold-offer']);
    await center.pbx.dtmf(caller, '*');
    const ticket = await until(() => new VirtualHoldStore(center.state).head('fund'), 'virtual hold ticket');
    expect(ticket.callId).toBe(callId);
    const types = await until(async () => {
      const t = await eventTypes(center, callId);
      return t.includes('call.ended') ? t : null;
    }, 'events in crm-api');
    expect(types).toEqual(expect.arrayContaining(['queue.maxWait', 'queue.virtualHold']));
    expect(types).not.toContain('call.abandoned');
    expect(await announcements(caller)).toHaveLength(1); // offered once
  });
});
