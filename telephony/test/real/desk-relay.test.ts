import { partnerCenters } from '@cc1357/crm-api/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Center, startCenter, until } from '../support/center';
import { capturedLog } from '../support/captured-log';
import { bridgeMembers } from '../support/transfer-scenario';
import { type SippPbx, sippPbx } from './support/sipp-pbx';
import { callIdOf, choose, consoleEvent, eventsOf, waitForEvent } from './support/steps';
import { startTier, type Tier, tierMissing } from './support/tier';

const missing = tierMissing();
const ALWAYS = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ['00:00-24:00']]));

/**
 * A counselor relays a connected call to the FTA center through a real Asterisk 22: the SIPp
 * phone of 1001 answers the caller, the relay dials the partner's configured number through the
 * dialplan's [partners] context and the partner trunk (a SIPp partner that answers), and the
 * caller ends up bridged with the partner. FTA is configured open at every hour, so the test
 * does not depend on when it runs.
 */
describe.skipIf(missing)('real time: relay to a partner center from the desk', () => {
  let tier: Tier;
  let pbx: SippPbx;
  let center: Center;
  const log = capturedLog();

  beforeAll(async () => {
    tier = await startTier();
    pbx = sippPbx(tier);
    center = await startCenter({
      pbx: async () => pbx,
      timeScale: 1,
      wrapUpSeconds: 1,
      crm: {
        partners: partnerCenters({
          fta1380: { dial: '1380', hours: { hours: ALWAYS, holidays: { official: false } } },
        }),
      },
    });
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

  it('the partner answers: the counselor wraps up, the caller talks to the partner, one relay record', async () => {
    const partner = await tier.partner();
    const desk = await center.agentConsole('1001');
    expect(await desk.command('agent.ready.v1', {})).toEqual({ ok: true });
    const channel = await pbx.placeCall(center.callers.known[1]!);
    const callId = await callIdOf(center, channel, tier.through());
    await choose(center, (d) => pbx.dtmf(channel, d), callId, 'main-menu', '1', tier.through('notice'));
    await until(
      async () => (await center.state.getCall(callId))?.state === 'connected',
      'caller and 1001 bridged',
      tier.through('connecting'),
    );

    const command = {
      callId,
      partnerId: 'fta1380',
      question: 'FTA 원산지 증명 발급',
      context: '이미 원산지 기준 안내함',
    };
    expect(await desk.command('call.relay.v1', command)).toEqual({ ok: true });
    await consoleEvent(desk, 'call.ended.v1', (p: { reason: string }) => p.reason === 'transferred', tier.through());
    await waitForEvent(center, callId, 'transfer.answered', tier.through());
    expect(partner.answeredCalls()).toBe(1);
    const call = await until(
      async () => {
        const c = await center.state.getCall(callId);
        if (c?.state !== 'transferred' || !c.mixingBridgeId) return null;
        return (await bridgeMembers(center, c.mixingBridgeId))?.includes(channel) ? c : null;
      },
      'caller bridged with the partner',
      tier.through(),
    );
    expect(call.mixingBridgeId).toBe(`${callId}-mix-2`);
    const relays = await center.db.query('SELECT partner_id, question FROM relays WHERE call_id = $1', [callId]);
    expect(relays.rows).toEqual([{ partner_id: 'fta1380', question: command.question }]);

    await pbx.hangup(channel);
    await waitForEvent(center, callId, 'call.ended', tier.through());
    const types = (await eventsOf(center, callId)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['call.transferred', 'transfer.started', 'transfer.ended']));
  });
});
