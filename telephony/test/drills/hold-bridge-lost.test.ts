import { afterEach, describe, expect, it } from 'vitest';
import { type Center, eventTypes, reachQueue, startCenter, until } from '../support/center';

/**
 * Found by the ARI-drops drill: a cut while a caller is being queued can leave them outside the
 * holding bridge (bridges.create times out). The caller is still in Stasis, so when an agent
 * answers they must be bridged, not hung up because "Channel not in this bridge".
 */
describe('a queued caller outside the holding bridge', () => {
  let center: Center | undefined;
  afterEach(async () => center?.close());

  it('is still bridged with the agent who answers', async () => {
    center = await startCenter();
    await center.startTelephony();
    await center.pbx.setPhone('1001', 'autoAnswer');
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    const hold = await until(async () => (await center!.state.getCall(callId))?.holdingBridgeId, 'holding bridge');

    // Take the caller out of the holding bridge behind telephony's back, over ARI itself, once
    // the PBX shows them in it (the call record names the bridge before it is built).
    const { url, username, password } = center.pbx.ari;
    const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const bridgeUrl = `${url}/ari/bridges/${encodeURIComponent(hold)}`;
    await until(async () => {
      const res = await fetch(bridgeUrl, { headers: { authorization } });
      return res.ok && ((await res.json()) as { channels: string[] }).channels.includes(caller);
    }, 'caller in the holding bridge');
    const res = await fetch(`${bridgeUrl}/removeChannel?channel=${caller}`, {
      method: 'POST',
      headers: { authorization },
    });
    expect(res.status).toBe(204);

    const agent = await center.agentConsole('1001');
    await agent.command('agent.ready.v1', {});
    await agent.next('call.connected.v1', (p: { callId: string }) => p.callId === callId);
    await until(async () => (await center!.state.getCall(callId))?.mixingBridgeId, 'mixing bridge');
    expect(await center.pbx.channelIds()).toContain(caller);
    await center.pbx.hangup(caller);
    await until(async () => (await eventTypes(center!, callId)).includes('call.ended'), 'call ended by the caller');
    expect(await eventTypes(center, callId)).toContain('call.connected');
  });
});
