import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Center, startCenter, until } from '../support/center';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { callIdOf, choose, eventsOf, queuedIn, waitForEvent } from './support/steps';
import { startTier, type Tier, tierMissing } from './support/tier';

// Without a build the files skip; the global setup says why, once.
const missing = tierMissing();

/** 5 → 2 relays the caller to the FTA center (partner 1380) over the partner trunk. */
describe.skipIf(missing)('real time: relay to a partner center', () => {
  let tier: Tier;
  let pbx: SippPbx;
  let center: Center;

  beforeAll(async () => {
    tier = await startTier();
    pbx = sippPbx(tier);
    center = await startCenter({ pbx: async () => pbx, timeScale: 1 });
    // As in docker-compose.yml: relays leave through the dialplan's [partners] context.
    await center.startTelephony(undefined, { env: { PARTNER_DIAL_TEMPLATE: 'Local/{number}@partners' } });
  });
  afterEach(async () => pbx?.endAll());
  afterAll(async () => {
    await center?.close();
    await tier?.close();
  });

  const toPartner = async (from: string) => {
    const channel = await pbx.placeCall(from);
    const callId = await callIdOf(center, channel, tier.through());
    await choose(center, (d) => pbx.dtmf(channel, d), callId, 'main-menu', '5', tier.through('notice'));
    await choose(center, (d) => pbx.dtmf(channel, d), callId, 'export-menu', '2', tier.through());
    return { channel, callId };
  };

  it('answered by the partner: caller and partner are bridged until the caller hangs up', async () => {
    const partner = await tier.partner();
    const { channel, callId } = await toPartner('01099990051');
    await waitForEvent(center, callId, 'transfer.answered', tier.through('fta-transfer'));
    expect(partner.answeredCalls()).toBe(1);
    await pbx.hangup(channel);
    await waitForEvent(center, callId, 'transfer.ended', tier.through());
    await waitForEvent(center, callId, 'call.ended', tier.through());
    await until(
      () => partner.sipp.logLines().some((l) => /ended/.test(l)),
      'the partner leg hung up too',
      tier.through(),
    );
  });

  it('refused by the partner (486): the caller hears the apology and waits in the general queue', async () => {
    const partner = await tier.partner(true);
    const { channel, callId } = await toPartner('01099990052');
    await waitForEvent(center, callId, 'transfer.failed', tier.through('fta-transfer'));
    expect(partner.refusedCalls()).toBe(1);
    await queuedIn(center, callId, 'general', tier.through('transfer-failed'));
    await pbx.hangup(channel);
    await waitForEvent(center, callId, 'call.abandoned', tier.through());
    // Counted once the call is over: the outbox sends a call's events in order, so with its last
    // event in crm-api every earlier one is there too (right after the queue entry it may not be).
    const types = (await eventsOf(center, callId)).map((e) => e.type);
    expect(types.filter((t) => t === 'queue.entered')).toHaveLength(1);
  });
});
