import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Center, startCenter } from '../support/center';
import { steerableScheduler } from '../support/ivr-spy';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { callIdOf, eventsOf, reached, waitForEvent } from './support/steps';
import { startTier, type Tier, tierMissing } from './support/tier';

// Without a build the files skip; the global setup says why, once.
const missing = tierMissing();

describe.skipIf(missing)('real time: a call after hours', () => {
  let tier: Tier;
  let pbx: SippPbx;
  let center: Center;
  // Sunday 2026-11-29 03:00 in Seoul: closed, and not a public holiday.
  const clock = steerableScheduler(1);

  beforeAll(async () => {
    tier = await startTier();
    pbx = sippPbx(tier);
    center = await startCenter({ pbx: async () => pbx, timeScale: 1 });
    clock.setNow(new Date('2026-11-28T18:00:00Z'));
    await center.startTelephony(undefined, { deps: { scheduler: clock, ivrAlwaysOpen: false } });
  });
  afterEach(async () => pbx?.endAll());
  afterAll(async () => {
    await center?.close();
    await tier?.close();
  });

  it('hears the notice, then the opening hours and the after-hours menu instead of the main menu, and is never queued', async () => {
    const channel = await pbx.placeCall('01099990042');
    const callId = await callIdOf(center, channel, tier.through());
    await reached(center, callId, 'ah-hours', tier.through('notice'));
    await reached(center, callId, 'ah-menu', tier.through('after-hours'));
    await pbx.hangup(channel);
    await waitForEvent(center, callId, 'call.ended', tier.through());
    const events = await eventsOf(center, callId);
    const nodes = events.filter((e) => e.type === 'ivr.step').map((e) => String(e.data.nodeId));
    expect(nodes.some((n) => /main-menu$/.test(n))).toBe(false);
    expect(events.map((e) => e.type)).not.toContain('queue.entered');
  });
});
