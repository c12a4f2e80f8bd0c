import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fastScheduler, type Scheduler } from '../../src/clock/scheduler';
import { type Center, type ConsoleClient, TIME_SCALE, reachQueue, startCenter, until } from '../support/center';

interface StateSnapshot {
  state: string;
  callId: string | null;
  wrapUpUntil?: string | null;
  wrapUpHeld?: boolean;
}

/**
 * An unsaved write-up holds after-call work: the wrap-up deadline passes, the agent stays in
 * wrap-up and the next caller is not offered to them until the console saves (release).
 */
describe('wrap-up waits for the write-up: telephony + pbx-sim (real ARI) + crm-api + Redis', () => {
  let center: Center;
  // The scheduler telephony runs on: the test reads its clock to know when the deadline has passed.
  let scheduler: Scheduler;
  beforeEach(async () => {
    center = await startCenter();
    scheduler = fastScheduler(TIME_SCALE);
    await center.startTelephony(undefined, { deps: { scheduler } });
  });
  afterEach(async () => center?.close());

  const lastState = (agent: ConsoleClient) =>
    agent.received.filter((r) => r.event === 'agent.state.v1').at(-1)?.payload as StateSnapshot | undefined;

  async function endAnsweredCall(agent: ConsoleClient): Promise<{ callId: string; wrapUp: StateSnapshot }> {
    await agent.next('agent.state.v1', (s: StateSnapshot) => s.state === 'notReady');
    await center.pbx.setPhone('1001', 'manual');
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    await agent.next('call.offered.v1', (o: { callId: string }) => o.callId === callId);
    expect(await agent.command('call.answer.v1', { callId })).toEqual({ ok: true });
    await agent.stateBecomes('onCall');
    await center.pbx.hangup(caller);
    await agent.next('call.ended.v1', (e: { callId: string }) => e.callId === callId);
    const wrapUp = await agent.next<StateSnapshot>('agent.state.v1', (s) => s.state === 'wrapUp');
    return { callId, wrapUp };
  }

  async function deadlinePassed(until_: string, marginMs = 2000): Promise<void> {
    await until(() => scheduler.now().getTime() > Date.parse(until_) + marginMs, 'the wrap-up deadline to pass');
  }

  it('held past its deadline, the next caller waits; saving releases the agent to that caller', async () => {
    const agent = await center.agentConsole('1001');
    const { callId, wrapUp } = await endAnsweredCall(agent);
    expect(wrapUp).toMatchObject({ callId, wrapUpHeld: false });
    expect(wrapUp.wrapUpUntil).toEqual(expect.any(String));

    expect(await agent.command('agent.wrapUp.hold.v1', { callId })).toEqual({ ok: true });
    await agent.next<StateSnapshot>('agent.state.v1', (s) => s.state === 'wrapUp' && s.wrapUpHeld === true);

    // The next caller queues while the write-up is open.
    const second = await center.pbx.placeCall(center.callers.known[1]!);
    const secondCallId = await reachQueue(center, second);
    await deadlinePassed(wrapUp.wrapUpUntil!);
    // Still in wrap-up: the hold is acknowledged again (it is refused once wrap-up is over).
    expect(await agent.command('agent.wrapUp.hold.v1', { callId })).toEqual({ ok: true });
    expect(lastState(agent)).toMatchObject({ state: 'wrapUp', wrapUpHeld: true });
    expect(
      agent.received.some(
        (r) => r.event === 'call.offered.v1' && (r.payload as { callId: string }).callId === secondCallId,
      ),
    ).toBe(false);

    // Saved: the deadline has passed, so the agent is Ready at once and gets the waiting caller.
    expect(await agent.command('agent.wrapUp.release.v1', { callId })).toEqual({ ok: true });
    await agent.next('call.offered.v1', (o: { callId: string }) => o.callId === secondCallId);
    await center.pbx.hangup(second);
  });

  it('extend moves the deadline; released before it, the countdown ends wrap-up by itself', async () => {
    const agent = await center.agentConsole('1001');
    const { callId, wrapUp } = await endAnsweredCall(agent);

    expect(await agent.command('agent.wrapUp.hold.v1', { callId })).toEqual({ ok: true });
    expect(await agent.command('agent.wrapUp.extend.v1', { callId, seconds: 60 })).toEqual({ ok: true });
    const extended = await agent.next<StateSnapshot>(
      'agent.state.v1',
      (s) => s.state === 'wrapUp' && s.wrapUpUntil !== wrapUp.wrapUpUntil,
    );
    expect(Date.parse(extended.wrapUpUntil!) - Date.parse(wrapUp.wrapUpUntil!)).toBeGreaterThanOrEqual(60_000);

    expect(await agent.command('agent.wrapUp.release.v1', { callId })).toEqual({ ok: true });
    await agent.next<StateSnapshot>(
      'agent.state.v1',
      (s) => s.state === 'wrapUp' && s.wrapUpHeld === false && s.wrapUpUntil === extended.wrapUpUntil,
    );
    await agent.stateBecomes('ready'); // at the extended deadline, by itself

    // Outside wrap-up the commands are refused with the reason.
    expect(await agent.command('agent.wrapUp.extend.v1', { callId, seconds: 30 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE' },
    });
  });
});
