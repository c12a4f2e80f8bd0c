import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type AriObserver, observeAri } from '../support/ari-observer';
import { type Center, startCenter, until } from '../support/center';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { callIdOf, choose, consoleEvent, queuedIn, waitForEvent } from './support/steps';
import { startTier, type Tier, tierMissing } from './support/tier';

const missing = tierMissing();

/**
 * Queue announcements through a real Asterisk 22 (issue 16): a SIPp caller waiting in the fund
 * queue (holding bridge with music) hears their place and wait as a playback on their channel,
 * and an agent who becomes Ready while the next announcement plays still gets the caller — the
 * announcement is stopped before the caller leaves the holding bridge (a bridged channel's
 * playback would otherwise hold up the move until it ended).
 */
describe.skipIf(missing)('real time: queue announcements through a real Asterisk', () => {
  let tier: Tier;
  let pbx: SippPbx;
  let center: Center;
  let observer: AriObserver;

  beforeAll(async () => {
    tier = await startTier();
    pbx = sippPbx(tier);
    center = await startCenter({ pbx: async () => pbx, timeScale: 1, wrapUpSeconds: 1 });
    await center.startTelephony(undefined, { env: { QUEUE_ANNOUNCE_SECONDS: '3' } });
    observer = await observeAri(pbx.ari);
  });
  afterEach(async () => pbx?.endAll());
  afterAll(async () => {
    await observer?.close();
    await center?.close();
    await tier?.close();
  });

  const announcementEvents = (channel: string) =>
    observer.events.filter((e) => e.playback?.id.includes('-qa-') && e.playback.target_uri === `channel:${channel}`);

  it('a queued caller hears an announcement, and is connected to the agent who answers during the next', async () => {
    const channel = await pbx.placeCall(center.callers.known[0]!);
    const callId = await callIdOf(center, channel, tier.through());
    await choose(center, (d) => pbx.dtmf(channel, d), callId, 'main-menu', '1', tier.through('notice'));
    await queuedIn(center, callId, 'fund', tier.through('connecting'));

    // The first announcement plays to the end on the caller's channel in the holding bridge.
    const heard = tier.through(
      'queue-position',
      'num-1',
      'queue-position-end',
      'queue-wait-soon',
      'queue-virtual-hold-offer',
    );
    const first = await until(
      () => announcementEvents(channel).find((e) => e.type === 'PlaybackStarted')?.playback,
      'first announcement started',
      heard,
    );
    expect(first.media_uri).toBe('sound:cc1357/ko/queue-position');
    const finished = await until(
      () =>
        announcementEvents(channel).find((e) => e.type === 'PlaybackFinished' && e.playback?.id === first.id)?.playback,
      'first announcement finished',
      heard,
    );
    expect(finished.state).toBe('done');
    // Every prompt of it was played (PlaybackContinuing between them), none missing on this Asterisk.
    expect(
      announcementEvents(channel).filter((e) => e.type === 'PlaybackStarted' && e.playback?.id === first.id).length,
    ).toBe(5);

    // The next one starts; an agent goes Ready while it plays.
    const second = await until(
      () =>
        announcementEvents(channel).find((e) => e.type === 'PlaybackStarted' && e.playback?.id !== first.id)?.playback,
      'second announcement started',
      heard,
    );
    const agent = await center.agentConsole('1001');
    expect(await agent.command('agent.ready.v1', {})).toEqual({ ok: true });
    await consoleEvent(agent, 'call.connected.v1', (p: { callId: string }) => p.callId === callId, tier.through());
    await until(
      () => announcementEvents(channel).some((e) => e.type === 'PlaybackFinished' && e.playback?.id === second.id),
      'second announcement over',
      tier.through(),
    );
    // The caller is in the conversation's bridge with the agent, still on the line.
    const mix = `${callId}-mix`;
    await until(
      () => observer.events.some((e) => e.type === 'ChannelEnteredBridge' && e.channel === channel && e.bridge === mix),
      'caller in the mixing bridge',
      tier.through(),
    );
    // The announcement ended before the caller joined the conversation (stopped first, not heard over the agent).
    const order = (pred: (e: (typeof observer.events)[number]) => boolean) => observer.events.findIndex(pred);
    expect(order((e) => e.type === 'PlaybackFinished' && e.playback?.id === second.id)).toBeLessThan(
      order((e) => e.type === 'ChannelEnteredBridge' && e.channel === channel && e.bridge === mix),
    );
    expect(await pbx.channelIds()).toContain(channel);
    expect((await center.state.getCall(callId))?.state).toBe('connected');
    expect(tier.phones.get('1001')!.answeredCalls()).toBe(1);
    await pbx.hangup(channel);
    await waitForEvent(center, callId, 'call.ended', tier.through());
    expect(await agent.command('agent.notReady.v1', { reason: 'break' })).toEqual({ ok: true });
  });
});
