import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Center, startCenter, until } from '../support/center';
import { capturedLog } from '../support/captured-log';
import { bridgeMembers } from '../support/transfer-scenario';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { consoleEvent, eventsOf, waitForEvent } from './support/steps';
import { startTier, type Tier, tierMissing } from './support/tier';

const missing = tierMissing();

/**
 * A counselor calls a customer from the desk through a real Asterisk 22 (issue 12 §4): the SIPp
 * phone of 1001 answers its own ring, the customer is dialled through the dialplan's outside
 * context and trunk (the SIPp partner stands in for the customer's phone and answers), and both
 * end up in one mixing bridge, recorded, with the call's events in crm-api.
 */
describe.skipIf(missing)('real time: an outbound call from the desk', () => {
  let tier: Tier;
  let pbx: SippPbx;
  let center: Center;
  const log = capturedLog();

  beforeAll(async () => {
    tier = await startTier();
    pbx = sippPbx(tier);
    center = await startCenter({ pbx: async () => pbx, timeScale: 1, wrapUpSeconds: 1 });
    await center.startTelephony(center.pbx, {
      env: { PARTNER_DIAL_TEMPLATE: 'Local/{number}@partners' },
      deps: { logger: log.logger },
    });
  });
  afterEach(async () => {
    await pbx?.endAll();
    expect(log.errors()).toEqual([]);
  });
  afterAll(async () => {
    await center?.close();
    await tier?.close();
  });

  it('the counselor’s phone, then the customer as 1357, bridged and recorded', async () => {
    const customer = await tier.partner();
    const desk = await center.agentConsole('1001');
    expect(await desk.command('call.dial.v1', { number: '02-1234-5678' })).toEqual({ ok: true });
    const offered = await consoleEvent<{ callId: string }>(desk, 'call.offered.v1', () => true, tier.through());
    await consoleEvent(
      desk,
      'call.connected.v1',
      (p: { callId: string }) => p.callId === offered.callId,
      tier.through(),
    );
    const call = await until(
      async () => {
        const c = await center.state.getCall(offered.callId);
        if (c?.state !== 'connected' || !c.mixingBridgeId) return null;
        return (await bridgeMembers(center, c.mixingBridgeId))?.length === 2 ? c : null;
      },
      'counselor bridged with the customer',
      tier.through(),
    );
    expect(customer.answeredCalls()).toBe(1);
    await waitForEvent(center, offered.callId, 'recording.started', tier.through());

    expect(await desk.command('call.hangup.v1', { callId: call.callId })).toEqual({ ok: true });
    await waitForEvent(center, offered.callId, 'call.ended', tier.through());
    const types = (await eventsOf(center, offered.callId)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['call.outbound.started', 'call.outbound.answered', 'call.connected', 'call.ended']),
    );
  });
});
