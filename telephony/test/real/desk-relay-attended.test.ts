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

interface Consult {
  consult: { phase: string; with: string; partner?: string } | null;
  ended?: { reason: string; partner?: string };
}

/**
 * The attended relay through a real Asterisk 22 (issue 12 §2–§3): the SIPp phone of 1001 answers
 * the caller, the relay dials the FTA center's number through the dialplan's [partners] context
 * and the partner trunk as the consult leg, the counselor talks to the SIPp partner while the
 * caller hears music, then completes (the caller bridged with the partner); a partner that
 * refuses gives the caller back to the counselor with the reason. FTA is open at every hour.
 */
describe.skipIf(missing)('real time: attended relay to a partner center from the desk', () => {
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

  /** A caller of the known list, through the IVR to the desk's counselor (their SIPp phone answers). */
  async function connected(caller: string): Promise<{ callId: string; channel: string }> {
    const channel = await pbx.placeCall(caller);
    const callId = await callIdOf(center, channel, tier.through());
    await choose(center, (d) => pbx.dtmf(channel, d), callId, 'main-menu', '1', tier.through('notice'));
    await until(
      async () => (await center.state.getCall(callId))?.state === 'connected',
      'caller and the counselor bridged',
      tier.through('connecting'),
    );
    return { callId, channel };
  }
  const relay = (callId: string) => ({
    callId,
    partnerId: 'fta1380',
    mode: 'attended',
    question: 'FTA 원산지 증명 발급',
    context: '이미 원산지 기준 안내함',
  });

  it('the counselor talks to the partner while the caller hears music, then completes', async () => {
    const partner = await tier.partner();
    const desk = await center.agentConsole('1001');
    expect(await desk.command('agent.ready.v1', {})).toEqual({ ok: true });
    const { callId, channel } = await connected(center.callers.known[1]!);
    const agentLeg = (await center.state.getCall(callId))!.agentChannelId!;

    expect(await desk.command('call.relay.v1', relay(callId))).toEqual({ ok: true });
    await consoleEvent<Consult>(desk, 'call.consult.v1', (p) => p.consult?.phase === 'talking', tier.through());
    expect(partner.answeredCalls()).toBe(1);
    const partnerLeg = (await center.state.getCall(callId))!.consult!.channelId;
    await until(
      async () => (await bridgeMembers(center, `${callId}-consult`))?.length === 2,
      'counselor and partner in the consult bridge',
      tier.through(),
    );
    expect((await bridgeMembers(center, `${callId}-consult`))?.sort()).toEqual([agentLeg, partnerLeg].sort());
    expect(await bridgeMembers(center, `${callId}-hold`)).toContain(channel);

    expect(await desk.command('call.consult.complete.v1', { callId })).toEqual({ ok: true });
    await consoleEvent(desk, 'call.ended.v1', (p: { reason: string }) => p.reason === 'transferred', tier.through());
    const call = await until(
      async () => {
        const c = await center.state.getCall(callId);
        if (c?.state !== 'transferred' || !c.mixingBridgeId) return null;
        return (await bridgeMembers(center, c.mixingBridgeId))?.length === 2 ? c : null;
      },
      'caller bridged with the partner',
      tier.through(),
    );
    expect(call.mixingBridgeId).toBe(`${callId}-mix-2`);
    expect((await bridgeMembers(center, call.mixingBridgeId!))?.sort()).toEqual([channel, partnerLeg].sort());
    const relays = await center.db.query('SELECT partner_id, question FROM relays WHERE call_id = $1', [callId]);
    expect(relays.rows).toEqual([{ partner_id: 'fta1380', question: 'FTA 원산지 증명 발급' }]);

    await pbx.hangup(channel);
    await waitForEvent(center, callId, 'call.ended', tier.through());
    const types = (await eventsOf(center, callId)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['consult.started', 'transfer.answered', 'call.transferred', 'transfer.ended']),
    );
    // Out of the way of the next test's call (which 1002 takes).
    expect(await desk.command('agent.notReady.v1', { reason: 'meal' })).toEqual({ ok: true });
  });

  it('a partner that refuses: the caller is back with the counselor, who is told why', async () => {
    const partner = await tier.partner(true);
    const desk = await center.agentConsole('1002');
    expect(await desk.command('agent.ready.v1', {})).toEqual({ ok: true });
    const { callId, channel } = await connected(center.callers.known[2] ?? center.callers.known[1]!);
    const agentLeg = (await center.state.getCall(callId))!.agentChannelId!;

    expect(await desk.command('call.relay.v1', relay(callId))).toEqual({ ok: true });
    const ended = await consoleEvent<Consult>(
      desk,
      'call.consult.v1',
      (p) => p.consult === null && !!p.ended,
      tier.through(),
    );
    expect(ended.ended).toMatchObject({ partner: 'fta1380' });
    expect(['rejected', 'noAnswer', 'failed']).toContain(ended.ended!.reason);
    expect(partner.refusedCalls()).toBe(1);
    await until(
      async () => (await bridgeMembers(center, `${callId}-mix`))?.length === 2,
      'caller back with the counselor',
      tier.through(),
    );
    expect((await bridgeMembers(center, `${callId}-mix`))?.sort()).toEqual([agentLeg, channel].sort());
    expect(await center.state.getCall(callId)).toMatchObject({ state: 'connected', agentId: '1002', consult: null });
    await pbx.hangup(channel);
    await waitForEvent(center, callId, 'call.ended', tier.through());
  });
});
