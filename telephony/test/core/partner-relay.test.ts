import type { PartnerCenterDto } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { type LiveCall, applyCallEvent, newCall } from '../../src/core/call';
import { type PartnerRelayEvent, alreadyRelayed, relayDecision, relayEndpoint } from '../../src/core/partner-relay';

const T0 = new Date('2026-11-26T01:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const opts = { wrapUpSeconds: 10 };

const base = newCall({ callId: 'c1', node: 'n1', callerChannelId: 'ch-caller', callerNumber: '01012345678' }, T0);
const connected: LiveCall = {
  ...base,
  state: 'connected',
  queue: 'fund',
  enqueuedAt: T0.toISOString(),
  holdingBridgeId: 'c1-hold',
  agentId: '1001',
  agentChannelId: 'ch-agent',
  offeredAt: at(5).toISOString(),
  connectedAt: at(10).toISOString(),
  mixingBridgeId: 'c1-mix',
  recordingName: 'cc/2026-11-26/c1',
};
const relay: PartnerRelayEvent = {
  type: 'relayToPartner',
  fromAgentId: '1001',
  partner: 'fta1380',
  endpoint: 'PJSIP/1380',
  channelId: 'ch-partner',
  relayId: '42',
};
const partner = (over: Partial<PartnerCenterDto> = {}): PartnerCenterDto => ({
  id: 'fta1380',
  nameKo: 'FTA 종합지원센터',
  nameEn: 'FTA center',
  ministry: '산업통상자원부',
  dial: '1380',
  openNow: true,
  closedReason: null,
  webhook: true,
  ...over,
});
const types = (effects: { type: string; eventType?: string }[]) =>
  effects.map((e) => (e.type === 'callEvent' ? `event:${e.eventType}` : e.type));

describe('the dial string of a partner', () => {
  it('puts a number as digits into the template and keeps a full dial string as it is', () => {
    expect(relayEndpoint('PJSIP/{number}', '02-1380-0001')).toBe('PJSIP/0213800001');
    expect(relayEndpoint('Local/{number}@partners', '1380')).toBe('Local/1380@partners');
    expect(relayEndpoint('PJSIP/{number}', 'PJSIP/fta-trunk/1380')).toBe('PJSIP/fta-trunk/1380');
    expect(relayEndpoint('PJSIP/{number}', ' Local/1380@partners ')).toBe('Local/1380@partners');
    expect(relayEndpoint('PJSIP/{number}', '없음')).toBeNull();
  });
});

describe('whether a relay may dial now', () => {
  it('open: dials the configured number', () => {
    expect(relayDecision('fta1380', [partner()], 'PJSIP/{number}')).toEqual({ ok: true, endpoint: 'PJSIP/1380' });
  });
  it('closed (hours or holiday): refused with the reason and the callback offer, never dialled', () => {
    for (const reason of ['outsideHours', 'holiday', 'closedDay']) {
      const d = relayDecision('fta1380', [partner({ openNow: false, closedReason: reason })], 'PJSIP/{number}');
      expect(d).toEqual({
        ok: false,
        code: 'INVALID_STATE',
        message: expect.stringMatching(new RegExp(`closed now \\(${reason}\\).*callback`)),
      });
    }
  });
  it('unknown to crm-api, or without a number: refused', () => {
    expect(relayDecision('kipo', [partner()], 'PJSIP/{number}')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(relayDecision('fta1380', [partner({ dial: '—' })], 'PJSIP/{number}')).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
    });
  });
});

describe('relaying a connected call', () => {
  it('music first, the counselor leaves for wrap-up, then the partner is dialled with its timer', () => {
    const { call, effects } = applyCallEvent(connected, relay, at(70), opts);
    expect(types(effects)).toEqual([
      'holdCaller',
      'hangup',
      'dropConversation',
      'event:call.transferred',
      'agent',
      'notifyEnded',
      'event:transfer.started',
      'originatePartner',
      'startPartnerTimer',
    ]);
    expect(effects[1]).toEqual({ type: 'hangup', channelId: 'ch-agent' });
    expect(effects[2]).toEqual({ type: 'dropConversation', bridgeId: 'c1-mix' });
    expect(effects[3]).toMatchObject({
      data: { from: '1001', target: { kind: 'partner', partner: 'fta1380' }, relayId: '42', talkSeconds: 60 },
    });
    expect(effects[5]).toMatchObject({ agentId: '1001', reason: 'transferred' });
    expect(effects[7]).toEqual({
      type: 'originatePartner',
      endpoint: 'PJSIP/1380',
      channelId: 'ch-partner',
      partner: 'fta1380',
    });
    expect(call).toMatchObject({
      state: 'transferring',
      agentId: null,
      agentChannelId: null,
      partnerChannelId: 'ch-partner',
      mixingBridgeId: null,
      recordingName: null,
      segments: 1,
    });
    expect(alreadyRelayed(call, '1001', 'fta1380')).toBe(true);
    expect(alreadyRelayed(call, '1002', 'fta1380')).toBe(false);
    expect(alreadyRelayed(call, '1001', 'kipo')).toBe(false);
  });

  it('a relay while on hold closes the hold span', () => {
    const held = { ...connected, heldAt: at(40).toISOString() };
    const { effects } = applyCallEvent(held, relay, at(70), opts);
    expect(types(effects)).toContain('event:call.resumed');
  });

  it('the partner answers: bridged under a new bridge id, and no second relay record (the command stored it)', () => {
    const relayed = applyCallEvent(connected, relay, at(70), opts).call;
    const { call, effects } = applyCallEvent(
      relayed,
      { type: 'partnerAnswered', channelId: 'ch-partner' },
      at(80),
      opts,
    );
    expect(call).toMatchObject({ state: 'transferred', mixingBridgeId: 'c1-mix-2' });
    expect(types(effects)).toEqual(['cancelRingTimer', 'bridgePartner', 'event:transfer.answered']);
  });

  it('the partner does not answer: apology, then the general queue (the caller is never dropped)', () => {
    const relayed = applyCallEvent(connected, relay, at(70), opts).call;
    const lost = applyCallEvent(
      relayed,
      { type: 'partnerLost', channelId: 'ch-partner', reason: 'noAnswer' },
      at(100),
      opts,
    );
    expect(lost.call).toMatchObject({ state: 'announcing', afterAnnounce: 'queueGeneral' });
    expect(types(lost.effects)).toContain('announce');
  });

  it('changes nothing when the call is no longer connected with that counselor, or has a consult', () => {
    for (const call of [
      { ...connected, state: 'queued' as const },
      { ...connected, agentId: '1002' },
      {
        ...connected,
        consult: {
          agentId: '1002',
          channelId: 'x',
          phase: 'ringing' as const,
          with: 'caller' as const,
          fromName: '김상담',
          context: { notes: '', category: null, draft: null },
          startedAt: at(60).toISOString(),
        },
      },
    ]) {
      const step = applyCallEvent(call as LiveCall, relay, at(70), opts);
      expect(step).toEqual({ call, effects: [] });
    }
  });
});
