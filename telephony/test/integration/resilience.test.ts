import { afterEach, describe, expect, it } from 'vitest';
import { type Center, type PbxDriver, eventTypes, reachQueue, simPbx, startCenter, until } from '../support/center';

type State = { state: string };

describe('resilience over pbx-sim', () => {
  let center: Center | undefined;
  afterEach(async () => center?.close());

  it('ARI outage: a bridged call keeps talking, a queued caller keeps their place, a caller who left during the gap ends cleanly', async () => {
    let sim: Awaited<ReturnType<typeof simPbx>> | undefined;
    center = await startCenter({
      pbx: async () => {
        sim = await simPbx({ viaProxy: true });
        return sim;
      },
    });
    await center.startTelephony();
    await center.pbx.setPhone('1001', 'autoAnswer');
    const agent = await center.agentConsole('1001');
    await agent.command('agent.ready.v1', {});

    const a = await center.pbx.placeCall(center.callers.known[0]!);
    const callA = await reachQueue(center, a);
    await agent.next('call.connected.v1', (p: { callId: string }) => p.callId === callA);
    const b = await center.pbx.placeCall(center.callers.known[1] ?? '0212345678');
    const callB = await reachQueue(center, b);
    const c = await center.pbx.placeCall(center.callers.unknown[0]!);
    const callC = await reachQueue(center, c);

    const health = async () => (await fetch(`${center!.telephony[0]!.url}/health`)).status;
    expect(await health()).toBe(200);
    sim!.proxy!.cut();
    await center.pbx.hangup(c); // StasisEnd for C is lost: nobody is listening
    expect(await health()).toBe(503);
    await new Promise((r) => setTimeout(r, 300));
    sim!.proxy!.restore();

    await until(async () => (await center!.state.getCall(callC)) === null, 'C ended by the resync', 20_000);
    expect(await health()).toBe(200);
    await until(async () => (await eventTypes(center!, callC)).includes('call.abandoned'), 'C abandoned in crm');
    expect((await center.state.getCall(callA))?.state).toBe('connected');
    expect((await center.state.getCall(callB))?.state).toBe('queued');
    expect(await center.state.queueHead('fund', 10)).toEqual([callB]);
    expect(await center.pbx.channelIds()).toEqual(expect.arrayContaining([a, b]));

    // Events flow again: A ends normally, then the agent takes B, who kept their place.
    await center.pbx.hangup(a);
    await agent.next('call.ended.v1', (p: { callId: string }) => p.callId === callA);
    await agent.next('call.connected.v1', (p: { callId: string }) => p.callId === callB);
  });

  it('survives frames ari-client would crash on (non-JSON, unknown type, malformed known type)', async () => {
    let sim: Awaited<ReturnType<typeof simPbx>> | undefined;
    center = await startCenter({
      pbx: async () => {
        sim = await simPbx({ viaProxy: true });
        return sim;
      },
    });
    await center.startTelephony();
    const stamp = {
      application: 'callcenter',
      timestamp: '2026-11-26T02:14:32.599+0000',
      asterisk_id: '02:fc:00:00:00:01',
    };
    expect(sim!.proxy!.inject('this is not json')).toBe(1);
    sim!.proxy!.inject(JSON.stringify({ type: 'NoSuchEvent', ...stamp }));
    sim!.proxy!.inject(JSON.stringify({ type: 'StasisStart', args: ['inbound'], ...stamp })); // no channel
    sim!.proxy!.inject(
      JSON.stringify({ type: 'StasisEnd', channel: { id: 'nobody', name: 'PJSIP/x', state: 'Up' }, ...stamp }),
    );
    // Still taking calls on the same socket.
    const caller = await center.pbx.placeCall(center.callers.unknown[0]!);
    const callId = await reachQueue(center, caller);
    expect((await center.state.getCall(callId))?.state).toBe('queued');
  });

  it('two telephony nodes racing for one agent: exactly one call is offered to it', async () => {
    // A long ring (120 s of sim time) so the offer is still ringing when we look.
    center = await startCenter({ ringTimeoutSeconds: 120 });
    const nodeA = await center.startTelephony();
    const second: PbxDriver = await simPbx();
    const nodeB = await center.startTelephony(second);
    expect(nodeA.node).not.toBe(nodeB.node);
    await center.pbx.setPhone('1001', 'manual');
    await second.setPhone('1001', 'manual');

    // Both callers wait in the fund queue before anyone is ready.
    const [ca, cb] = await Promise.all([
      center.pbx.placeCall(center.callers.known[0]!),
      second.placeCall(center.callers.unknown[0]!),
    ]);
    const callIdOn = async (pbx: PbxDriver, node: string, ch: string) => {
      const callId = await until(() => center!.state.callIdOfChannel(node, ch), 'call record');
      await until(async () => {
        const call = await center!.state.getCall(callId);
        if (call?.state === 'queued') return true;
        await pbx.dtmf(ch, '1').catch(() => undefined);
        await new Promise((r) => setTimeout(r, 60));
        return false;
      }, 'queued');
      return callId;
    };
    const [callA, callB] = await Promise.all([callIdOn(center.pbx, nodeA.node, ca), callIdOn(second, nodeB.node, cb)]);

    const agent = await center.agentConsole('1001');
    await agent.command('agent.ready.v1', {}); // both nodes are nudged at once and race
    const offered = await agent.next<{ callId: string }>('call.offered.v1');
    // Give the loser every chance to (wrongly) offer a second call.
    await new Promise((r) => setTimeout(r, 1_000));
    const offers = agent.received.filter((r) => r.event === 'call.offered.v1');
    expect(offers).toHaveLength(1);
    expect((await center.pbx.originates('PJSIP/1001')) + (await second.originates('PJSIP/1001'))).toBe(1);
    const other = offered.callId === callA ? callB : callA;
    expect((await center.state.getCall(other))?.state).toBe('queued');
    expect((await center.state.getAgent('1001'))?.value).toMatchObject({ state: 'ringing', callId: offered.callId });
    await agent.next<State>('agent.state.v1', (s) => s.state === 'ringing');
  });
});

describe('first in, first out across telephony nodes', () => {
  let center: Center | undefined;
  afterEach(async () => center?.close());

  /** Two nodes, each on its own pbx-sim; the agent's console is on the first. */
  const twoNodes = async () => {
    center = await startCenter({ ringTimeoutSeconds: 120 });
    const nodeA = await center.startTelephony();
    const second: PbxDriver = await simPbx();
    const nodeB = await center.startTelephony(second);
    await center.pbx.setPhone('1001', 'manual');
    await second.setPhone('1001', 'manual');
    return { nodeA, nodeB, second };
  };
  const queuedOn = async (pbx: PbxDriver, node: string, from: string) => {
    const ch = await pbx.placeCall(from);
    const callId = await until(() => center!.state.callIdOfChannel(node, ch), 'call record');
    await until(async () => {
      if ((await center!.state.getCall(callId))?.state === 'queued') return true;
      await pbx.dtmf(ch, '1').catch(() => undefined);
      await new Promise((r) => setTimeout(r, 60));
      return false;
    }, 'queued');
    return callId;
  };

  it('the earlier caller gets the agent, though they wait on the other node than the agent’s console', async () => {
    const { nodeA, nodeB, second } = await twoNodes();
    // Node B's caller first, then node A's; the agent's console (and its Ready) is on node A,
    // whose ACD hears the nudge first and used to take the agent for its own, later caller.
    const earlier = await queuedOn(second, nodeB.node, center!.callers.known[0]!);
    const later = await queuedOn(center!.pbx, nodeA.node, center!.callers.unknown[0]!);
    const agent = await center!.agentConsole('1001');
    await agent.command('agent.ready.v1', {});
    const offered = await agent.next<{ callId: string }>('call.offered.v1');
    expect(offered.callId).toBe(earlier);
    expect((await center!.state.getCall(later))?.state).toBe('queued');
    expect(await second.originates('PJSIP/1001')).toBe(1);
    expect(await center!.pbx.originates('PJSIP/1001')).toBe(0);
  });

  it('a node that left holds no agent back: its waiting caller does not keep the agent from the living', async () => {
    const { nodeA, nodeB, second } = await twoNodes();
    const orphaned = await queuedOn(second, nodeB.node, center!.callers.known[0]!);
    const later = await queuedOn(center!.pbx, nodeA.node, center!.callers.unknown[0]!);
    await nodeB.close(); // its caller's record stays queued (a restarted node B would adopt it)
    expect((await center!.state.getCall(orphaned))?.state).toBe('queued');
    const agent = await center!.agentConsole('1001');
    await agent.command('agent.ready.v1', {});
    const offered = await agent.next<{ callId: string }>('call.offered.v1');
    expect(offered.callId).toBe(later);
  });
});

describe('process restart', () => {
  let center: Center | undefined;
  afterEach(async () => center?.close());

  it('a restarted telephony process picks up a queued caller where the last one left off', async () => {
    center = await startCenter();
    const first = await center.startTelephony();
    await center.pbx.setPhone('1001', 'autoAnswer');
    const caller = await center.pbx.placeCall(center.callers.known[0]!);
    const callId = await reachQueue(center, caller);
    await first.close(); // the channel stays in Stasis; Redis keeps the call and its place

    const second = await center.startTelephony();
    expect(second.node).toBe(first.node);
    center.telephony.splice(0, 1); // consoles connect to the new process
    const agent = await center.agentConsole('1001');
    await agent.command('agent.ready.v1', {});
    await agent.next('call.connected.v1', (p: { callId: string }) => p.callId === callId);
    await center.pbx.hangup(caller);
    await agent.next('call.ended.v1', (p: { callId: string }) => p.callId === callId);
  });
});
