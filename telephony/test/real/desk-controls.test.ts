import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AriObserver, observeAri } from '../support/ari-observer';
import { type Center, startCenter } from '../support/center';
import { holdAndMuteAtTheDesk } from '../support/desk-scenario';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { callIdOf, choose, consoleEvent } from './support/steps';
import { startTier, type Tier, tierMissing } from './support/tier';

const missing = tierMissing();

/**
 * Hold and mute at the desk through a real Asterisk 22: a SIPp carrier call answered by a
 * registered SIPp phone, then the same steps as the pbx-sim test (test/support/desk-scenario.ts).
 */
describe.skipIf(missing)('real time: hold and mute through a real Asterisk', () => {
  let tier: Tier;
  let pbx: SippPbx;
  let center: Center;
  let observer: AriObserver;

  beforeAll(async () => {
    tier = await startTier();
    pbx = sippPbx(tier);
    center = await startCenter({ pbx: async () => pbx, timeScale: 1, wrapUpSeconds: 1 });
    await center.startTelephony();
    observer = await observeAri(pbx.ari);
  });
  afterEach(async () => pbx?.endAll());
  afterAll(async () => {
    await observer?.close();
    await center?.close();
    await tier?.close();
  });

  it('holds the caller with music, mutes and unmutes the counselor, resumes; a hang-up on hold closes the hold', async () => {
    const agent = await center.agentConsole('1001');
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });
    const channel = await pbx.placeCall(center.callers.known[1]!);
    const callId = await callIdOf(center, channel, tier.through());
    await choose(center, (d) => pbx.dtmf(channel, d), callId, 'main-menu', '1', tier.through('notice'));
    await consoleEvent(
      agent,
      'call.connected.v1',
      (p: { callId: string }) => p.callId === callId,
      tier.through('connecting'),
    );
    const agentLeg = (await center.state.getCall(callId))!.agentChannelId!;

    const steps = await holdAndMuteAtTheDesk(
      center,
      agent,
      { callId, caller: channel, agentLeg },
      observer,
      tier.through(),
    );
    // Recorded from Asterisk 22.10.1; pbx-sim's test expects the same (test/integration/desk-controls.test.ts).
    expect(steps).toEqual({
      hold: ['ChannelLeftBridge caller mix', 'ChannelEnteredBridge caller hold'],
      mute: [],
      unmute: [],
      resume: ['ChannelLeftBridge caller hold', 'ChannelEnteredBridge caller mix'],
    });
  });
});
