import { afterEach, describe, expect, it } from 'vitest';
import { VirtualHoldStore } from '../../src/adapters/redis/virtual-hold-store';
import { fastScheduler } from '../../src/clock/scheduler';
import { type Center, TIME_SCALE, eventTypes, reachQueue, startCenter, until } from '../support/center';
import { supervisorConsole } from '../support/supervisor-console';

type Floor = { queues: { queue: string; waiting: number; virtualHold?: number }[] };
const fundOf = (f: Floor) => f.queues.find((q) => q.queue === 'fund');

/**
 * Virtual hold over pbx-sim (issue 16, Routing): a queued caller presses `*`, is hung up and keeps
 * their place as a ticket in Redis; the wallboard counts it; the ticket outlives a telephony
 * restart; when its turn comes (before a live caller who arrived later) a Ready agent is reserved
 * and the caller is dialled back through the outbound-call machine.
 */
describe('virtual hold over pbx-sim', () => {
  let center: Center;
  const start = async (ringTimeoutSeconds: number) => {
    center = await startCenter({ ringTimeoutSeconds });
    await center.startTelephony(center.pbx);
  };
  afterEach(async () => center?.close());

  it('keeps the place of a caller who hangs up, across a restart, and calls them back in their turn', async () => {
    await start(3600);
    const number = center.callers.known[0]!;
    await center.pbx.setPhone('1001', 'autoAnswer');
    await center.pbx.setPhone(number, 'autoAnswer');
    const store = new VirtualHoldStore(center.state);

    // Nobody Ready: the caller waits in fund, then presses * (virtual hold).
    const caller = await center.pbx.placeCall(number);
    const callId = await reachQueue(center, caller, '1');
    expect((await center.state.getCall(callId))?.state).toBe('queued');
    await center.pbx.dtmf(caller, '*');
    const ticket = await until(() => store.head('fund'), 'virtual hold ticket');
    expect(ticket).toMatchObject({ callId, queue: 'fund', number });
    await until(async () => (await center.state.getCall(callId)) === null, 'inbound call over');
    await until(async () => !(await center.pbx.channelIds()).includes(caller), 'caller hung up');
    expect(await center.state.queueLength('fund')).toBe(0);
    const types = await until(async () => {
      const t = await eventTypes(center, callId);
      return t.includes('call.ended') ? t : null;
    }, 'inbound call events in crm-api');
    expect(types).toContain('queue.virtualHold');
    expect(types).not.toContain('call.abandoned');

    const sup = await supervisorConsole(center, { phone: null });
    await sup.next<Floor>('floor.snapshot.v1', (f) => fundOf(f)?.virtualHold === 1);

    // telephony restarts; the ticket is in Redis. A live caller arrives after it, in the same queue.
    const first = center.telephony[0]!;
    await first.close();
    // Each process's test clock runs fast from its own start: the new one resumes after the
    // ticket's time, as a wall clock would, so "arrived later" means later.
    await center.startTelephony(center.pbx, {
      deps: { scheduler: fastScheduler(TIME_SCALE, Date.parse(ticket.heldAt) + 60_000) },
    });
    center.telephony.splice(0, 1); // consoles connect to the new process
    expect(await store.head('fund')).toEqual(ticket);
    const later = await center.pbx.placeCall(center.callers.known[1]!);
    const laterCall = await reachQueue(center, later, '1');

    // The agent goes Ready: the ticket's turn comes first, so the agent is reserved and the first
    // caller is dialled back (agent's phone first, then the caller's number as 1357).
    const desk = await center.agentConsole('1001', ['fund']);
    expect(await desk.command('agent.ready.v1', {})).toEqual({ ok: true });
    const offered = await desk.next<{ callId: string; callerNumber: string }>('call.offered.v1');
    expect(offered.callerNumber).toBe(number);
    expect(offered.callId).not.toBe(laterCall);
    await desk.next('call.connected.v1', (p: { callId: string }) => p.callId === offered.callId);
    await until(async () => (await center.pbx.originates(`PJSIP/${number}`)) > 0, 'caller dialled back');
    expect(await store.head('fund')).toBeNull();
    expect((await center.state.getCall(laterCall))?.state).toBe('queued');
    const sup2 = await supervisorConsole(center, { phone: null });
    await sup2.next<Floor>('floor.snapshot.v1', (f) => fundOf(f)?.virtualHold === 0 && fundOf(f)?.waiting === 1);
  });

  it('gives the place back when the reserved agent misses the call back; the next Ready agent calls', async () => {
    await start(5);
    const number = center.callers.known[0]!;
    await center.pbx.setPhone('1001', 'noAnswer');
    await center.pbx.setPhone('1002', 'autoAnswer');
    await center.pbx.setPhone(number, 'autoAnswer');
    const store = new VirtualHoldStore(center.state);
    const caller = await center.pbx.placeCall(number);
    const callId = await reachQueue(center, caller, '1');
    await center.pbx.dtmf(caller, '*');
    const ticket = await until(() => store.head('fund'), 'virtual hold ticket');
    expect(ticket.callId).toBe(callId);

    // kim is reserved for the call back and does not answer: Not ready, the ticket back in its place.
    const kim = await center.agentConsole('1001', ['fund']);
    expect(await kim.command('agent.ready.v1', {})).toEqual({ ok: true });
    const missed = await kim.next<{ callId: string; callerNumber: string }>('call.offered.v1');
    expect(missed.callerNumber).toBe(number);
    await kim.stateBecomes('notReady');
    expect(await until(() => store.head('fund'), 'ticket back')).toEqual(ticket);
    expect(await center.pbx.originates(`PJSIP/${number}`)).toBe(0);

    // lee goes Ready: the caller is dialled back through lee.
    const lee = await center.agentConsole('1002', ['fund']);
    expect(await lee.command('agent.ready.v1', {})).toEqual({ ok: true });
    const offered = await lee.next<{ callId: string; callerNumber: string }>('call.offered.v1');
    expect(offered.callerNumber).toBe(number);
    await lee.next('call.connected.v1', (p: { callId: string }) => p.callId === offered.callId);
    expect(await store.head('fund')).toBeNull();
  });
});
