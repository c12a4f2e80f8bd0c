import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newCall } from '../../src/core/call';
import { buildCallCenter } from '../support/service-harness';

type Center = Awaited<ReturnType<typeof buildCallCenter>>;

/**
 * The races a pbx-sim run cannot produce on demand: the counselor's leg gone while telephony
 * still holds the call as connected (its StasisEnd not processed yet), and a supervisor phone
 * that cannot be dialled. Fake ARI, real Redis.
 */
describe('monitoring refusals that must leave nothing behind', () => {
  let center: Center;
  beforeEach(async () => {
    center = await buildCallCenter();
  });
  afterEach(async () => {
    await center.close();
  });

  async function connectedCall(agentLegAlive: boolean) {
    const { state, ari, scheduler } = center.mocks;
    const call = {
      ...newCall(
        { callId: 'c-race', node: 'node-a', callerChannelId: 'caller-x', callerNumber: null },
        scheduler.now(),
      ),
      state: 'connected' as const,
      agentId: '1001',
      agentChannelId: 'agent-leg-x',
      mixingBridgeId: 'c-race-mix',
      recordingName: 'cc/2026-11-26/c-race',
    };
    await state.saveCall(call);
    if (agentLegAlive) ari.channels.set('agent-leg-x', { id: 'agent-leg-x', name: 'PJSIP/1001-0001', state: 'Up' });
    return call;
  }
  const supervisor = { userId: 'u-sup', phone: '2001' };
  const storedSessions = () => center.mocks.state.redis.hgetall(center.mocks.state.key('monitors:node-a'));

  it('a snoop on a call that just ended is a clear INVALID_STATE; no bridge, no ring', async () => {
    await connectedCall(false);
    await expect(center.sut.monitoring.start(supervisor, 'c-race', 'listen')).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'call c-race has just ended: there is nothing to monitor',
    });
    expect(center.mocks.ari.requests.filter((r) => /bridge|originate|snoop/.test(r))).toEqual([]);
    expect(center.sut.monitoring.current()).toEqual([]);
    // The supervisor is free to try another call.
    await expect(center.sut.monitoring.stop(supervisor, 'c-race')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a supervisor phone that cannot be dialled: UNAVAILABLE, and the snoop and bridge made for it are removed', async () => {
    await connectedCall(true);
    center.mocks.ari.failOriginateTo = 'PJSIP/2001';
    const mark = center.mocks.ari.requests.length;
    await expect(center.sut.monitoring.start(supervisor, 'c-race', 'whisper')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('could not ring phone 2001'),
    });
    // (the fake names bridges by type, as `destroyBridge holding` for anything not `-mix`)
    const made = center.mocks.ari.requests.slice(mark);
    expect(made.map((r) => r.replace(/mon-[0-9a-f-]+?(?=-snoop|-mon|$)/g, 'S'))).toEqual([
      'snoop agent-leg-x S-snoop1 spy=both whisper=out',
      'createBridge mixing',
      'hangup S-snoop1',
      'destroyBridge holding',
    ]);
    expect(center.sut.monitoring.current()).toEqual([]);
    // Nothing is left in Redis for a later restart to "end" either.
    expect(await storedSessions()).toEqual({});
  });

  it('after a restart, the monitoring channels and bridge of a session nobody knows are removed', async () => {
    const { ari } = center.mocks;
    for (const id of ['mon-old-sup', 'mon-old-snoop2', 'caller-y', 'mon-notours'])
      ari.channels.set(id, { id, name: 'x', state: 'Up' });
    const mark = ari.requests.length;
    await center.sut.monitoring.sweep();
    expect(ari.requests.slice(mark)).toEqual(['hangup mon-old-sup', 'hangup mon-old-snoop2', 'destroyBridge holding']);
    expect([...ari.channels.keys()].sort()).toEqual(['caller-y', 'mon-notours']);
  });

  it('a connected call that is not recorded refuses a recording pause', async () => {
    const { state } = center.mocks;
    await connectedCall(true);
    await state.saveCall({ ...(await state.getCall('c-race'))!, recordingName: null });
    await expect(center.sut.controls.recordingPause('1001', 'c-race', true)).rejects.toMatchObject({
      code: 'INVALID_STATE',
      message: 'call c-race is not being recorded',
    });
  });
});
