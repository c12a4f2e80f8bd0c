import { describe, expect, it } from 'vitest';
import { type CallEvent, type IvrAction, type LiveCall, applyCallEvent, newCall } from '../../src/core/call';
import { partnerEndpoint } from '../../src/app/outcome-effects';

/** IVR outcomes beyond a queue: callback, SMS, partner transfer — as tables of events in, effects out. */
const T0 = new Date('2026-11-26T01:00:00.000Z');
const opts = { wrapUpSeconds: 10 };
const base = newCall({ callId: 'c1', node: 'n1', callerChannelId: 'ch-caller', callerNumber: '01012345678' }, T0);
const finished = (action: IvrAction): CallEvent => ({ type: 'ivrFinished', queue: null, priority: 0, path: ['notice', 'x'], outcome: { kind: action.kind }, action });

const callback: IvrAction = { kind: 'callback', number: '0212345678', queue: 'fund', prompts: ['sound:cc1357/ko/callback-booked'] };
const sms: IvrAction = { kind: 'sms', number: '01012345678', topic: 'fund-notices', prompts: ['sound:cc1357/ko/sms-sent'] };
const transfer: IvrAction = { kind: 'transfer', partner: 'fta1380', endpoint: 'PJSIP/1380', channelId: 'ch-partner' };

const inSelfService = (action: IvrAction): LiveCall => ({ ...base, state: 'selfService', action });
const transferring: LiveCall = { ...base, state: 'transferring', action: transfer, partnerChannelId: 'ch-partner', holdingBridgeId: 'c1-hold', offeredAt: T0.toISOString() };
const transferred: LiveCall = { ...transferring, state: 'transferred', connectedAt: T0.toISOString(), mixingBridgeId: 'c1-mix' };
const announcingThenHangup: LiveCall = { ...inSelfService(sms), state: 'announcing', afterAnnounce: 'hangup' };
const announcingThenQueue: LiveCall = { ...transferring, state: 'announcing', afterAnnounce: 'queueGeneral', partnerChannelId: null };

const types = (effects: { type: string; eventType?: string }[]) => effects.map((e) => (e.type === 'callEvent' ? `event:${e.eventType}` : e.type));

type Row = [string, LiveCall, CallEvent, LiveCall['state'], string[]];
const rows: Row[] = [
  ['callback outcome asks crm-api', base, finished(callback), 'selfService', ['event:ivr.finished', 'requestCallback']],
  ['SMS outcome asks crm-api', base, finished(sms), 'selfService', ['event:ivr.finished', 'requestSms']],
  ['callback without any number apologises', base, finished({ ...callback, number: null }), 'announcing', ['event:ivr.finished', 'event:callback.failed', 'announce']],
  ['transfer holds the caller and dials the partner', base, finished(transfer), 'transferring',
    ['event:ivr.finished', 'holdCaller', 'event:transfer.started', 'originatePartner', 'startPartnerTimer']],
  ['callback booked → confirmation', inSelfService(callback), { type: 'selfServiceDone', result: 'ok', data: { callbackId: '7' } }, 'announcing', ['event:callback.requested', 'announce']],
  ['callback already open → same confirmation', inSelfService(callback), { type: 'selfServiceDone', result: 'duplicate', data: {} }, 'announcing', ['event:callback.requested', 'announce']],
  ['callback refused → apology', inSelfService(callback), { type: 'selfServiceDone', result: 'failed', data: {} }, 'announcing', ['event:callback.failed', 'announce']],
  ['SMS queued → confirmation', inSelfService(sms), { type: 'selfServiceDone', result: 'ok', data: {} }, 'announcing', ['event:sms.requested', 'announce']],
  ['SMS opted out → polite notice', inSelfService(sms), { type: 'selfServiceDone', result: 'optedOut', data: {} }, 'announcing', ['event:sms.failed', 'announce']],
  ['a late result after the caller left does nothing', { ...inSelfService(sms), state: 'ended' }, { type: 'selfServiceDone', result: 'ok', data: {} }, 'ended', []],
  ['announcement done → hang up', announcingThenHangup, { type: 'announced' }, 'announcing', ['hangup']],
  ['apology after a failed transfer → general queue', announcingThenQueue, { type: 'announced' }, 'queued', ['holdCaller', 'enqueue', 'event:queue.entered', 'dispatch']],
  ['caller hangs up during self-service', inSelfService(sms), { type: 'callerHangup' }, 'ended', ['event:call.ended', 'forget']],
  ['partner answers → bridged, relay recorded', transferring, { type: 'partnerAnswered', channelId: 'ch-partner' }, 'transferred',
    ['cancelRingTimer', 'bridgePartner', 'event:transfer.answered', 'createRelay']],
  ['a stray partner leg answering is hung up', transferred, { type: 'partnerAnswered', channelId: 'old' }, 'transferred', ['hangup']],
  ['partner does not answer → apology', transferring, { type: 'partnerLost', channelId: 'ch-partner', reason: 'noAnswer' }, 'announcing',
    ['cancelRingTimer', 'hangup', 'event:transfer.failed', 'announce']],
  ['partner busy (hangs up while ringing) → apology', transferring, { type: 'partnerHangup', channelId: 'ch-partner' }, 'announcing',
    ['cancelRingTimer', 'hangup', 'event:transfer.failed', 'announce']],
  ['caller hangs up while the partner rings', transferring, { type: 'callerHangup' }, 'ended',
    ['cancelRingTimer', 'hangup', 'destroyBridges', 'event:transfer.failed', 'event:call.ended', 'forget']],
  ['partner hangs up the bridged call', transferred, { type: 'partnerHangup', channelId: 'ch-partner' }, 'ended',
    ['cancelRingTimer', 'hangup', 'hangup', 'destroyBridges', 'event:transfer.ended', 'event:call.ended', 'forget']],
  ['caller hangs up the bridged call', transferred, { type: 'callerHangup' }, 'ended',
    ['cancelRingTimer', 'hangup', 'destroyBridges', 'event:transfer.ended', 'event:call.ended', 'forget']],
  ['partner hangup of another leg is ignored', transferred, { type: 'partnerHangup', channelId: 'x' }, 'transferred', []],
];

describe('call machine: IVR outcomes', () => {
  for (const [name, call, event, state, effects] of rows) {
    it(name, () => {
      const step = applyCallEvent(call, event, T0, opts);
      expect(step.call.state).toBe(state);
      expect(types(step.effects)).toEqual(effects);
    });
  }

  it('announces the flow confirmation on success and telephony apologies otherwise', () => {
    const ok = applyCallEvent(inSelfService(sms), { type: 'selfServiceDone', result: 'ok', data: {} }, T0, opts);
    expect(ok.effects).toContainEqual({ type: 'announce', media: ['sound:cc1357/ko/sms-sent'] });
    const opted = applyCallEvent(inSelfService(sms), { type: 'selfServiceDone', result: 'optedOut', data: {} }, T0, opts);
    expect(opted.effects).toContainEqual({ type: 'announce', apology: 'sms-opted-out' });
    const notMobile = applyCallEvent(inSelfService(sms), { type: 'selfServiceDone', result: 'notMobile', data: {} }, T0, opts);
    expect(notMobile.effects).toContainEqual({ type: 'announce', apology: 'sms-not-mobile' });
    const lost = applyCallEvent(transferring, { type: 'partnerLost', channelId: 'ch-partner', reason: 'noAnswer' }, T0, opts);
    expect(lost.effects).toContainEqual({ type: 'announce', apology: 'transfer-failed' });
  });

  it('a caller sent back from a failed transfer waits with priority 1 in general', () => {
    const step = applyCallEvent(announcingThenQueue, { type: 'announced' }, T0, opts);
    expect(step.call).toMatchObject({ queue: 'general', priority: 1, holdingBridgeId: 'c1-hold' });
  });

  it('partner dial strings come from the template with the number as digits', () => {
    expect(partnerEndpoint('PJSIP/{number}', 'fta1380')).toBe('PJSIP/1380');
    expect(partnerEndpoint('PJSIP/{number}@partner-trunk', 'motie')).toBe('PJSIP/15770900@partner-trunk');
  });
});
