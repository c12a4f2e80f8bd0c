import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Center, startCenter, until } from '../support/center';
import { capturedLog } from '../support/captured-log';
import { CONTEXT, blindToQueue, bridgeMembers } from '../support/transfer-scenario';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { callIdOf, choose, consoleEvent, eventsOf, waitForEvent } from './support/steps';
import { startTier, type Tier, tierMissing } from './support/tier';

const missing = tierMissing();

/**
 * A counselor's blind transfers through a real Asterisk 22: a SIPp carrier call answered by the
 * registered SIPp phone of 1001, then transferred — to the export queue (the same steps as the
 * pbx-sim test, test/support/transfer-scenario.ts) and to a named counselor. The SIPp phones
 * answer by themselves.
 */
describe.skipIf(missing)('real time: blind transfer through a real Asterisk', () => {
  let tier: Tier;
  let pbx: SippPbx;
  let center: Center;
  const log = capturedLog();

  beforeAll(async () => {
    tier = await startTier();
    pbx = sippPbx(tier);
    center = await startCenter({ pbx: async () => pbx, timeScale: 1, wrapUpSeconds: 1 });
    await center.startTelephony(center.pbx, { deps: { logger: log.logger } });
  });
  afterEach(async () => {
    await pbx?.endAll();
    // Whatever telephony logged as an error belongs in the failure's message.
    expect(log.errors()).toEqual([]);
  });
  afterAll(async () => {
    await center?.close();
    await tier?.close();
  });

  async function connected(callerIndex: number) {
    const channel = await pbx.placeCall(center.callers.known[callerIndex]!);
    const callId = await callIdOf(center, channel, tier.through());
    await choose(center, (d) => pbx.dtmf(channel, d), callId, 'main-menu', '1', tier.through('notice'));
    const agentLeg = await until(
      async () => {
        const call = await center.state.getCall(callId);
        return call?.state === 'connected' && (await bridgeMembers(center, `${callId}-mix`))?.includes(channel)
          ? call.agentChannelId
          : null;
      },
      'caller and 1001 bridged',
      tier.through('connecting'),
    );
    return { callId, caller: channel, agentLeg };
  }

  it('to a queue: the caller waits with music and the export counselor gets the call with its context', async () => {
    const first = await center.agentConsole('1001');
    const second = await center.agentConsole('1002', ['export']);
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    expect(await second.command('agent.ready.v1', {})).toEqual({ ok: true });
    const legs = await connected(2);
    await blindToQueue(center, first, second, legs, tier.through(), null);
    await pbx.hangup(legs.caller);
    await consoleEvent(second, 'call.ended.v1', (p: { callId: string }) => p.callId === legs.callId, tier.through());
    await waitForEvent(center, legs.callId, 'call.ended', tier.through());
    const types = (await eventsOf(center, legs.callId)).map((e) => e.type);
    expect(types.filter((t) => t === 'call.transferred')).toHaveLength(1);
    for (const a of [first, second]) a.socket.disconnect();
  });

  it('to a named Ready counselor: only their phone rings, they answer and talk to the caller', async () => {
    const first = await center.agentConsole('1001');
    const named = await center.agentConsole('1003', ['export']);
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    expect(await named.command('agent.ready.v1', {})).toEqual({ ok: true });
    const legs = await connected(3);
    const command = { callId: legs.callId, target: { kind: 'agent', agentId: '1003' }, context: CONTEXT };
    expect(await first.command('call.transfer.v1', command)).toEqual({ ok: true });
    const offer = await consoleEvent<{ callId: string; transfer?: { fromAgentId: string } }>(
      named,
      'call.offered.v1',
      (p) => p.callId === legs.callId,
      tier.through(),
    );
    expect(offer.transfer).toMatchObject({ fromAgentId: '1001', notes: CONTEXT.notes });
    const call = await until(
      async () => {
        const c = await center.state.getCall(legs.callId);
        return c?.state === 'connected' &&
          c.agentId === '1003' &&
          (await bridgeMembers(center, c.mixingBridgeId!))?.includes(legs.caller)
          ? c
          : null;
      },
      'caller bridged with 1003',
      tier.through('connecting'),
    );
    expect(await bridgeMembers(center, call.mixingBridgeId!)).toContain(call.agentChannelId);
    expect(await pbx.channelIds()).not.toContain(legs.agentLeg);
    await pbx.hangup(legs.caller);
    await consoleEvent(named, 'call.ended.v1', (p: { callId: string }) => p.callId === legs.callId, tier.through());
  });

  it('attended: the counselor consults 1002 while the caller hears music, then completes', async () => {
    const first = await center.agentConsole('1001');
    const target = await center.agentConsole('1002', ['export']);
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    expect(await target.command('agent.ready.v1', {})).toEqual({ ok: true });
    const legs = await connected(4);
    const command = {
      callId: legs.callId,
      target: { kind: 'agent', agentId: '1002' },
      mode: 'attended',
      context: CONTEXT,
    };
    expect(await first.command('call.transfer.v1', command)).toEqual({ ok: true });
    await consoleEvent<{ consult: { phase: string } | null }>(
      first,
      'call.consult.v1',
      (p) => p.consult?.phase === 'talking',
      tier.through('connecting'),
    );
    const consultLeg = (await center.state.getCall(legs.callId))!.consult!.channelId;
    await until(
      async () => (await bridgeMembers(center, `${legs.callId}-consult`))?.length === 2,
      'counselor and 1002 in the consult bridge',
      tier.through(),
    );
    expect(await bridgeMembers(center, `${legs.callId}-hold`)).toContain(legs.caller);
    expect(await first.command('call.consult.complete.v1', { callId: legs.callId })).toEqual({ ok: true });
    await until(
      async () => {
        const mix = await bridgeMembers(center, `${legs.callId}-mix`);
        return mix?.includes(legs.caller) && mix.includes(consultLeg);
      },
      'caller bridged with 1002',
      tier.through(),
    );
    await until(async () => !(await pbx.channelIds()).includes(legs.agentLeg), 'first leg gone', tier.through());
    expect((await center.state.getCall(legs.callId))?.agentId).toBe('1002');
    await pbx.hangup(legs.caller);
    await consoleEvent(target, 'call.ended.v1', (p: { callId: string }) => p.callId === legs.callId, tier.through());
  });
});
