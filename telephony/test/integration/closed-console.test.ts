import { afterEach, describe, expect, it } from 'vitest';
import { type Center, reachQueue, startCenter, until } from '../support/center';

type State = { state: string; reason: string | null };

const agentState = async (center: Center, agentId: string) => (await center.state.getAgent(agentId))?.value;

/**
 * A counselor closes the console tab (or the network goes): they must not stay Ready with calls
 * ringing for nobody. Within the grace period a reload finds everything as it was; after it the
 * agent is Not ready ("disconnected"), and a call ringing for them goes to another agent.
 */
describe('a closed agent console over pbx-sim', () => {
  let center: Center;
  afterEach(async () => center?.close());

  it('after the grace period: Not ready (disconnected), and the call ringing for them moves on', async () => {
    // The ring would time out only after an hour: what moves the call on is the closed console.
    center = await startCenter({ ringTimeoutSeconds: 3600 });
    await center.startTelephony(center.pbx, { env: { AGENT_DISCONNECT_GRACE_SECONDS: '5' } });
    await center.pbx.setPhone('1001', 'manual');
    await center.pbx.setPhone('1002', 'autoAnswer');
    const first = await center.agentConsole('1001');
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    await first.next('call.offered.v1');
    const second = await center.agentConsole('1002');
    expect(await second.command('agent.ready.v1', {})).toEqual({ ok: true });

    first.socket.disconnect();
    await second.next('call.offered.v1', (p: { callId: string }) => p.callId === callId);
    await second.next('call.connected.v1');
    await until(
      async () => (await agentState(center, '1001'))?.reason === 'disconnected',
      '1001 not ready (disconnected)',
    );
    expect(await agentState(center, '1001')).toMatchObject({ state: 'notReady', reason: 'disconnected', callId: null });

    // Back at the desk: the console shows why, and Ready works again.
    const back = await center.agentConsole('1001');
    await back.next<State>('agent.state.v1', (s) => s.state === 'notReady' && s.reason === 'disconnected');
    expect(await back.command('agent.ready.v1', {})).toEqual({ ok: true });
    // An agent cannot claim the system's reason for themselves.
    expect(await back.command('agent.notReady.v1', { reason: 'disconnected' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('within the grace period: no call is offered to the away console, and a reconnect keeps the agent Ready and offers the waiting caller', async () => {
    center = await startCenter();
    // No periodic ACD pass: only events may offer the waiting caller.
    await center.startTelephony(center.pbx, {
      env: { AGENT_DISCONNECT_GRACE_SECONDS: '3600' },
      deps: { tickMs: 3_600_000 },
    });
    await center.pbx.setPhone('1001', 'autoAnswer');
    await center.pbx.setPhone('1002', 'autoAnswer');
    // 1001 is Ready first (idle longest): with a console it would get the caller.
    const first = await center.agentConsole('1001');
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    const second = await center.agentConsole('1002');
    expect(await second.command('agent.ready.v1', {})).toEqual({ ok: true });
    first.socket.disconnect();
    await until(
      async () => (await center.redis.hexists(`${center.prefix}consoles-gone`, '1001')) === 1,
      'console 1001 seen gone',
    );

    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    await second.next('call.offered.v1', (p: { callId: string }) => p.callId === callId);
    await second.next('call.connected.v1');
    // Another caller while 1002 talks and 1001's console is away: they wait.
    const next = await center.pbx.placeCall(center.callers.known[1] ?? center.callers.known[0]!);
    const nextId = await reachQueue(center, next);
    await until(() => center.state.isQueued('fund', nextId), 'second caller waiting');
    expect(await center.pbx.originates('PJSIP/1001')).toBe(0);

    const back = await center.agentConsole('1001');
    await back.next<State>('agent.state.v1', (s) => s.state === 'ready');
    await back.next('call.offered.v1', (p: { callId: string }) => p.callId === nextId);
    expect(await center.pbx.originates('PJSIP/1001')).toBe(1);
  });
});
