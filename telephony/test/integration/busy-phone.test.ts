import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Center, reachQueue, startCenter, until } from '../support/center';

type State = { state: string };

/**
 * One phone, two calls: the dialplan's fallback queue may have put a call through to an agent's
 * phone (telephony was down), and ARI originate checks nothing. The ACD must see the phone is in
 * use, pass over that agent (leaving them Ready) and offer the caller to the next Ready agent.
 */
describe('an agent whose phone is already in a call over pbx-sim', () => {
  let center: Center;
  beforeEach(async () => {
    center = await startCenter();
    await center.startTelephony();
  });
  afterEach(async () => center?.close());

  /** A call to the phone that is not telephony's: originated straight into the dialplan, answered. */
  async function callOutsideTelephony(agentId: string): Promise<string> {
    const { url, username, password } = center.pbx.ari;
    const query = new URLSearchParams({
      endpoint: `PJSIP/${agentId}`,
      extension: 's',
      context: 'from-fallback-queue',
      timeout: '30',
    });
    const res = await fetch(`${url}/ari/channels?${query}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
    });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    await until(async () => (await center.pbx.channelIds()).includes(id), 'the fallback call on the phone');
    return id;
  }

  it('passes over the busy phone, keeps that agent Ready, and offers them the next call once the phone is free', async () => {
    await center.pbx.setPhone('1001', 'autoAnswer');
    await center.pbx.setPhone('1002', 'autoAnswer');
    const fallbackCall = await callOutsideTelephony('1001');
    // 1001 is Ready first (idle longest): without the phone check they would get the caller.
    const first = await center.agentConsole('1001');
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    const second = await center.agentConsole('1002');
    expect(await second.command('agent.ready.v1', {})).toEqual({ ok: true });

    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    await second.next('call.offered.v1', (p: { callId: string }) => p.callId === callId);
    await second.next('call.connected.v1');
    expect(await center.pbx.originates('PJSIP/1001')).toBe(1); // only the fallback call itself
    expect((await center.state.getAgent('1001'))?.value.state).toBe('ready');
    expect(first.received.some((r) => r.event === 'call.offered.v1')).toBe(false);

    // The fallback call ends: 1001 takes the next caller (1002 is on the phone).
    await center.pbx.hangup(fallbackCall);
    const next = await center.pbx.placeCall(center.callers.known[1] ?? center.callers.known[0]!);
    const nextId = await reachQueue(center, next);
    await first.next('call.offered.v1', (p: { callId: string }) => p.callId === nextId);
    await first.next<State>('agent.state.v1', (s) => s.state === 'onCall');
  });
});
