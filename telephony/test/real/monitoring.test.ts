import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AriObserver, observeAri } from '../support/ari-observer';
import { type Center, startCenter, until } from '../support/center';
import { bridgedIn, monitorState, nothingDangles, storedEvents } from '../support/monitor-scenario';
import { supervisorConsole } from '../support/supervisor-console';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { callIdOf, choose, consoleEvent } from './support/steps';
import { startTier, type Tier, tierMissing } from './support/tier';

const missing = tierMissing();

/**
 * Live listen / whisper / barge through a real Asterisk 22 (issue 13 §4): a SIPp carrier call
 * answered by counselor 1001's SIPp phone; the supervisor's phone is the registered SIPp phone
 * 1002 (it answers by itself). The same checks as test/integration/monitoring.test.ts, plus what
 * Asterisk itself says about the snoop channels.
 */
describe.skipIf(missing)('real time: supervisor monitoring through a real Asterisk', () => {
  let tier: Tier;
  let pbx: SippPbx;
  let center: Center;
  let observer: AriObserver;

  beforeAll(async () => {
    tier = await startTier();
    pbx = sippPbx(tier);
    center = await startCenter({ pbx: async () => pbx, timeScale: 1, wrapUpSeconds: 1 });
    await center.startTelephony(pbx, { env: { MONITOR_INDICATOR: 'true' } });
    observer = await observeAri(pbx.ari);
  });
  afterEach(async () => pbx?.endAll());
  afterAll(async () => {
    await observer?.close();
    await center?.close();
    await tier?.close();
  });

  it('listens, whispers and barges on one ring of the supervisor phone; stop and the caller hang-up leave nothing', async () => {
    const agent = await center.agentConsole('1001');
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });
    const channel = await pbx.placeCall(center.callers.known[2]!);
    const callId = await callIdOf(center, channel, tier.through());
    await choose(center, (d) => pbx.dtmf(channel, d), callId, 'main-menu', '1', tier.through('notice'));
    await consoleEvent(
      agent,
      'call.connected.v1',
      (p: { callId: string }) => p.callId === callId,
      tier.through('connecting'),
    );

    const sup = await supervisorConsole(center, { phone: '1002' });
    expect(await sup.command('monitor.start.v1', { callId, mode: 'listen' })).toEqual({ ok: true });
    await monitorState(sup, (p) => p.callId === callId && p.phase === 'active');
    const listen = await bridgedIn(center);
    await agent.next('call.monitored.v1', (p: { monitored: boolean }) => p.monitored);

    expect(await sup.command('monitor.mode.v1', { callId, mode: 'whisper' })).toEqual({ ok: true });
    const whisper = await until(async () => {
      const now = await bridgedIn(center);
      return now.snoop !== listen.snoop ? now : null;
    }, 'the whisper snoop');
    expect(await sup.command('monitor.mode.v1', { callId, mode: 'barge' })).toEqual({ ok: true });
    const barge = await until(async () => {
      const now = await bridgedIn(center);
      return now.snoop !== whisper.snoop ? now : null;
    }, 'the barge snoop');
    // The supervisor's phone kept its one call through every mode.
    expect(new Set([listen.supervisorLeg, whisper.supervisorLeg, barge.supervisorLeg]).size).toBe(1);

    // Events of one channel as a subscribeAll observer hears them (no StasisEnd: that is the app's).
    const about = (id: string) =>
      observer.events
        .filter((e) => e.channel === id && !e.variable)
        .map((e) => `${e.type}${e.bridge ? ` ${e.bridge.slice(-4)}` : ''}`);

    const seen = sup.received.length;
    expect(await sup.command('monitor.stop.v1', { callId })).toEqual({ ok: true });
    expect(await monitorState(sup, (p) => p.phase === 'ended', seen)).toMatchObject({ reason: 'stopped' });
    await nothingDangles(center);
    expect((await center.state.getCall(callId))?.state).toBe('connected');

    // Again, then the caller hangs up: the snoop follows the counselor's leg, the supervisor is hung up.
    const again = sup.received.length;
    expect(await sup.command('monitor.start.v1', { callId, mode: 'whisper' })).toEqual({ ok: true });
    const last = await bridgedIn(center);
    await pbx.hangup(channel);
    expect(await monitorState(sup, (p) => p.phase === 'ended', again)).toMatchObject({ reason: 'callEnded' });
    await nothingDangles(center);

    const audit = await until(
      async () => {
        const all = (await storedEvents(center, callId)).filter((e) => e.type.startsWith('monitor.'));
        return all.length === 6 ? all : null;
      },
      'monitoring audited',
      tier.through(),
    );
    expect(audit.map((e) => `${e.type} ${String(e.data.reason ?? e.data.mode)}`)).toEqual([
      'monitor.started listen',
      'monitor.mode whisper',
      'monitor.mode barge',
      'monitor.ended stopped',
      'monitor.started whisper',
      'monitor.ended callEnded',
    ]);
    // What Asterisk 22.10.1 reports (to a subscribeAll observer) about the snoops: the replaced one
    // is hung up by the app; the last one goes with its target, with no hang-up request of its own.
    const meaningful = (id: string) => about(id).filter((t) => /HangupRequest|Bridge|Destroyed/.test(t));
    await until(() => meaningful(last.snoop).includes('ChannelDestroyed'), 'the last snoop destroyed');
    expect(meaningful(listen.snoop)).toEqual([
      'ChannelEnteredBridge -mon',
      'ChannelHangupRequest',
      'ChannelLeftBridge -mon',
      'ChannelDestroyed',
    ]);
    expect(meaningful(last.snoop)).toEqual(['ChannelEnteredBridge -mon', 'ChannelLeftBridge -mon', 'ChannelDestroyed']);
  });
});
