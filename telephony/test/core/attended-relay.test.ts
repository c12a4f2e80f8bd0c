import { describe, expect, it } from 'vitest';
import { type AgentConsultEvent, offeredTransferOf, partnerConsultTarget } from '../../src/core/agent-consult';
import { type CallEffect, type CallEvent, type LiveCall, applyCallEvent, newCall } from '../../src/core/call';
import { alreadyRelayed } from '../../src/core/partner-relay';

/** The attended relay (issue 12 §2–§3): the consult machine with a partner center's line as its leg. */

const T0 = new Date('2026-11-26T01:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const opts = { wrapUpSeconds: 10 };
const connected: LiveCall = {
  ...newCall({ callId: 'c1', node: 'n1', callerChannelId: 'ch-caller', callerNumber: '01012345678' }, T0),
  state: 'connected',
  queue: 'fund',
  enqueuedAt: T0.toISOString(),
  holdingBridgeId: 'c1-hold',
  agentId: '1001',
  agentChannelId: 'ch-agent',
  connectedAt: at(10).toISOString(),
  mixingBridgeId: 'c1-mix',
  recordingName: 'c1-rec',
};
const partner = { partner: 'fta1380' as const, endpoint: 'PJSIP/1380', relayId: '77' };
const start: AgentConsultEvent = {
  type: 'consultStart',
  fromAgentId: '1001',
  fromName: '김상담',
  agentId: partnerConsultTarget('fta1380'),
  channelId: 'ch-partner',
  context: { notes: '원산지 증명 문의', category: null, draft: null },
  partner,
};
const answered: CallEvent = { type: 'consultAnswered', channelId: 'ch-partner' };
const types = (effects: CallEffect[]) =>
  effects.map((e) =>
    e.type === 'callEvent' ? `event:${e.eventType}` : e.type === 'consultMedia' ? `media:${e.step}` : e.type,
  );
function run(call: LiveCall, events: CallEvent[]) {
  const all: CallEffect[][] = [];
  for (const [i, event] of events.entries()) {
    const step = applyCallEvent(call, event, at(20 + i), opts);
    call = step.call;
    all.push(step.effects);
  }
  return { call, effects: all };
}
const eventData = (effects: CallEffect[], eventType: string) =>
  effects.find((e) => e.type === 'callEvent' && e.eventType === eventType) as
    Extract<CallEffect, { type: 'callEvent' }> | undefined;
/** No counselor state or console is touched on the partner's side of the consult. */
const touchesTargetAgent = (effects: CallEffect[]) =>
  effects.some(
    (e) =>
      (e.type === 'agent' || e.type === 'notifyOffered' || e.type === 'notifyConnected' || e.type === 'notifyEnded') &&
      e.agentId !== '1001',
  );

describe('attended relay to a partner center', () => {
  it('start holds the caller with music and dials the partner line as the consult leg (no counselor rung)', () => {
    const { call, effects } = run(connected, [start]);
    expect(types(effects[0]!)).toEqual([
      'holdMedia',
      'event:consult.started',
      'event:transfer.started',
      'originateConsult',
      'startConsultTimer',
      'notifyConsult',
    ]);
    expect(effects[0]).toContainEqual({
      type: 'originateConsult',
      agentId: 'partner:fta1380',
      channelId: 'ch-partner',
      endpoint: 'PJSIP/1380',
    });
    expect(effects[0]).toContainEqual({ type: 'startConsultTimer', channelId: 'ch-partner', partner: true });
    expect(eventData(effects[0]!, 'transfer.started')?.data).toMatchObject({ relayId: '77', mode: 'attended' });
    expect(call).toMatchObject({ state: 'connected', agentId: '1001', consult: { phase: 'ringing', partner } });
    expect(alreadyRelayed(call, '1001', 'fta1380')).toBe(true);
    expect(alreadyRelayed(call, '1001', 'nts')).toBe(false);
    expect(offeredTransferOf(call)).toBeNull();
  });

  it('answered: the counselor talks to the partner, and the answer is recorded for the relay rate', () => {
    const { call, effects } = run(connected, [start, answered]);
    expect(types(effects[1]!)).toEqual([
      'cancelConsultTimer',
      'media:talkToTarget',
      'event:transfer.answered',
      'notifyConsult',
    ]);
    expect(eventData(effects[1]!, 'transfer.answered')?.data).toMatchObject({
      partner: 'fta1380',
      relayId: '77',
      mode: 'attended',
      waitedSeconds: 1,
    });
    expect(call.consult).toMatchObject({ phase: 'talking', with: 'target' });
    expect(touchesTargetAgent(effects.flat())).toBe(false);
  });

  it('complete: the caller goes to the partner in a conversation of its own, the counselor to after-call work', () => {
    const talking = run(connected, [start, answered]).call;
    const done = run(talking, [{ type: 'consultComplete', fromAgentId: '1001' }]);
    expect(types(done.effects[0]!)).toEqual([
      'media:complete',
      'hangup',
      'dropConversation',
      'event:call.transferred',
      'agent',
      'notifyEnded',
      'notifyConsult',
    ]);
    expect(done.effects[0]).toContainEqual({ type: 'hangup', channelId: 'ch-agent' });
    expect(done.effects[0]).toContainEqual({ type: 'dropConversation', bridgeId: 'c1-mix' });
    expect(done.effects[0]).toContainEqual({
      type: 'agent',
      agentId: '1001',
      event: { type: 'callEnded', callId: 'c1', wrapUpSeconds: 10 },
    });
    expect(eventData(done.effects[0]!, 'call.transferred')?.data).toMatchObject({
      from: '1001',
      target: { kind: 'partner', partner: 'fta1380' },
      mode: 'attended',
      relayId: '77',
    });
    expect(done.call).toMatchObject({
      state: 'transferred',
      agentId: null,
      agentChannelId: null,
      consult: null,
      partnerChannelId: 'ch-partner',
      mixingBridgeId: 'c1-mix-2',
      recordingName: null,
      segments: 1,
      action: { kind: 'transfer', partner: 'fta1380', relayId: '77', fromAgentId: '1001', channelId: 'ch-partner' },
    });
    expect(alreadyRelayed(done.call, '1001', 'fta1380')).toBe(true);
    // From here it is the partner stage: the partner hanging up ends the call for the caller too.
    const ended = run(done.call, [{ type: 'partnerHangup', channelId: 'ch-partner' }]);
    expect(ended.call.state).toBe('ended');
    expect(types(ended.effects[0]!)).toContain('event:transfer.ended');
    expect(ended.effects[0]).toContainEqual({ type: 'hangup', channelId: 'ch-caller' });
  });

  it.each(['noAnswer', 'rejected', 'failed'] as const)(
    'a partner that does not pick up (%s): the caller is back with the counselor, told why',
    (reason) => {
      const { call, effects } = run(connected, [start, { type: 'consultLost', channelId: 'ch-partner', reason }]);
      expect(types(effects[1]!)).toEqual([
        'cancelConsultTimer',
        'hangup',
        'media:backToCaller',
        'holdMedia',
        'event:consult.ended',
        'notifyConsult',
      ]);
      expect(effects[1]).toContainEqual({ type: 'holdMedia', held: false });
      expect(effects[1]).toContainEqual({
        type: 'notifyConsult',
        agentId: '1001',
        ended: { reason, partner: 'fta1380' },
      });
      expect(eventData(effects[1]!, 'consult.ended')?.data).toMatchObject({ outcome: 'failed', partner: 'fta1380' });
      expect(call).toMatchObject({ state: 'connected', agentId: '1001', agentChannelId: 'ch-agent', consult: null });
      expect(touchesTargetAgent(effects.flat())).toBe(false);
    },
  );

  it('swap goes between the caller and the partner; conference is not offered with a partner', () => {
    const talking = run(connected, [start, answered]).call;
    const swapped = run(talking, [{ type: 'consultSwap', fromAgentId: '1001' }]);
    expect(swapped.call.consult?.with).toBe('caller');
    expect(types(swapped.effects[0]!)).toEqual(['media:talkToCaller', 'notifyConsult']);
    const conf = run(talking, [{ type: 'consultConference', fromAgentId: '1001' }]);
    expect(conf.call).toEqual(talking);
    expect(conf.effects[0]).toEqual([]);
  });

  it('cancel while talking: the partner leg goes, the caller is back; a second cancel changes nothing', () => {
    const talking = run(connected, [start, answered]).call;
    const back = run(talking, [
      { type: 'consultCancel', fromAgentId: '1001' },
      { type: 'consultCancel', fromAgentId: '1001' },
    ]);
    expect(back.effects[0]).toContainEqual({ type: 'hangup', channelId: 'ch-partner' });
    expect(back.effects[0]).toContainEqual({
      type: 'notifyConsult',
      agentId: '1001',
      ended: { reason: 'cancelled', partner: 'fta1380' },
    });
    expect(back.effects[1]).toEqual([]);
    expect(back.call).toMatchObject({ state: 'connected', agentId: '1001', consult: null });
  });

  it('the caller hanging up during the consult ends the partner leg too, with no counselor released for it', () => {
    const ringing = run(connected, [start]).call;
    const ended = run(ringing, [{ type: 'callerHangup' }]);
    expect(ended.call.state).toBe('ended');
    expect(ended.effects[0]).toContainEqual({ type: 'hangup', channelId: 'ch-partner' });
    expect(touchesTargetAgent(ended.effects[0]!)).toBe(false);
  });

  it('a start on a call no longer connected (a race with a hang-up) does nothing and frees no one', () => {
    const step = applyCallEvent({ ...connected, state: 'ended' }, start, at(20), opts);
    expect(step.effects).toEqual([]);
    const again = applyCallEvent(run(connected, [start]).call, start, at(21), opts);
    expect(again.effects).toEqual([]);
  });
});
