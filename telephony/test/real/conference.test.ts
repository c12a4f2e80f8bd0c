import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Center, startCenter, until } from '../support/center';
import { capturedLog } from '../support/captured-log';
import { CONTEXT, bridgeMembers } from '../support/transfer-scenario';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { callIdOf, choose, consoleEvent, eventsOf, waitForEvent } from './support/steps';
import { startTier, type Tier, tierMissing } from './support/tier';

const missing = tierMissing();

/**
 * Three-way conference through a real Asterisk 22: 1001 (a SIPp phone) has the caller, consults
 * 1002, makes it a conference (all three in the call's mixing bridge), then leaves: the caller
 * and 1002 go on talking.
 */
describe.skipIf(missing)('real time: three-way conference through a real Asterisk', () => {
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
    expect(log.errors()).toEqual([]);
  });
  afterAll(async () => {
    await center?.close();
    await tier?.close();
  });

  it('all three in one bridge; the counselor leaves and the caller and 1002 go on', async () => {
    const first = await center.agentConsole('1001');
    const target = await center.agentConsole('1002', ['export']);
    expect(await first.command('agent.ready.v1', {})).toEqual({ ok: true });
    expect(await target.command('agent.ready.v1', {})).toEqual({ ok: true });
    const caller = await pbx.placeCall(center.callers.known[4]!);
    const callId = await callIdOf(center, caller, tier.through());
    await choose(center, (d) => pbx.dtmf(caller, d), callId, 'main-menu', '1', tier.through('notice'));
    const agentLeg = await until(
      async () => {
        const call = await center.state.getCall(callId);
        return call?.state === 'connected' && call.agentId === '1001' ? call.agentChannelId : null;
      },
      'caller and 1001 bridged',
      tier.through('connecting'),
    );
    const command = { callId, target: { kind: 'agent', agentId: '1002' }, mode: 'attended', context: CONTEXT };
    expect(await first.command('call.transfer.v1', command)).toEqual({ ok: true });
    await consoleEvent<{ consult: { phase: string } | null }>(
      first,
      'call.consult.v1',
      (p) => p.consult?.phase === 'talking',
      tier.through('connecting'),
    );
    const targetLeg = (await center.state.getCall(callId))!.consult!.channelId;
    await until(
      async () => (await bridgeMembers(center, `${callId}-consult`))?.length === 2,
      'consult bridge up',
      tier.through(),
    );

    expect(await first.command('call.consult.conference.v1', { callId })).toEqual({ ok: true });
    await until(
      async () => (await bridgeMembers(center, `${callId}-mix`))?.length === 3,
      'all three in the call bridge',
      tier.through(),
    );
    expect((await bridgeMembers(center, `${callId}-mix`))!.sort()).toEqual([caller, agentLeg, targetLeg].sort());

    expect(await first.command('call.consult.complete.v1', { callId })).toEqual({ ok: true });
    await until(
      async () => {
        const mix = await bridgeMembers(center, `${callId}-mix`);
        return mix?.length === 2 && mix.includes(caller) && mix.includes(targetLeg);
      },
      'caller and 1002 go on',
      tier.through(),
    );
    await until(async () => !(await pbx.channelIds()).includes(agentLeg!), 'first leg gone', tier.through());
    await pbx.hangup(caller);
    await waitForEvent(center, callId, 'call.ended', tier.through());
    expect((await eventsOf(center, callId)).map((e) => e.type)).toContain('conference.started');
  });
});
