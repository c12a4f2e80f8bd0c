import { describe, expect, it } from 'vitest';
import {
  type CallEvent,
  type IvrAction,
  type LiveCall,
  type SelfServiceAction,
  applyCallEvent,
  newCall,
} from '../../src/core/call';
import { partnerEndpoint } from '../../src/app/calls/call-media';

/** IVR outcomes beyond a queue: callback, SMS, partner transfer — as tables of events in, effects out. */
const T0 = new Date('2026-11-26T01:00:00.000Z');
const opts = { wrapUpSeconds: 10 };
const base = newCall({ callId: 'c1', node: 'n1', callerChannelId: 'ch-caller', callerNumber: '01012345678' }, T0);
const finished = (action: IvrAction): CallEvent => ({
  type: 'ivrFinished',
  queue: null,
  priority: 0,
  path: ['notice', 'x'],
  outcome: { kind: action.kind },
  action,
});
/** The IVR finished a callback / SMS node: it asked, then confirmed or apologised itself. */
const selfServiceFinished: CallEvent = {
  type: 'ivrFinished',
  queue: null,
  priority: 0,
  path: ['notice', 'x'],
  outcome: { kind: 'sms' },
};

const callback: SelfServiceAction = { kind: 'callback', number: '0212345678', queue: 'fund' };
const sms: SelfServiceAction = { kind: 'sms', number: '01012345678', topic: 'fund-notices' };
const transfer: IvrAction = { kind: 'transfer', partner: 'fta1380', endpoint: 'PJSIP/1380', channelId: 'ch-partner' };

const inSelfService = (action: SelfServiceAction): LiveCall => ({ ...base, state: 'selfService', action });
const transferring: LiveCall = {
  ...base,
  state: 'transferring',
  action: transfer,
  partnerChannelId: 'ch-partner',
  holdingBridgeId: 'c1-hold',
  offeredAt: T0.toISOString(),
};
const transferred: LiveCall = {
  ...transferring,
  state: 'transferred',
  connectedAt: T0.toISOString(),
  mixingBridgeId: 'c1-mix',
};
const announcingThenHangup: LiveCall = { ...base, state: 'announcing', afterAnnounce: 'hangup' };
const announcingThenQueue: LiveCall = {
  ...transferring,
  state: 'announcing',
  afterAnnounce: 'queueGeneral',
  partnerChannelId: null,
};

const types = (effects: { type: string; eventType?: string }[]) =>
  effects.map((e) => (e.type === 'callEvent' ? `event:${e.eventType}` : e.type));

type Row = [string, LiveCall, CallEvent, LiveCall['state'], string[]];
const rows: Row[] = [
  [
    'the IVR asks crm-api for a callback',
    base,
    { type: 'selfServiceRequested', action: callback, path: ['notice', 'x'] },
    'selfService',
    [],
  ],
  [
    'the IVR asks crm-api for an SMS',
    base,
    { type: 'selfServiceRequested', action: sms, path: ['notice', 'x'] },
    'selfService',
    [],
  ],
  [
    'a request after the IVR is ignored',
    { ...base, state: 'queued' },
    { type: 'selfServiceRequested', action: sms, path: ['notice', 'x'] },
    'queued',
    [],
  ],
  [
    'callback without any number: recorded as failed',
    inSelfService({ ...callback, number: null }),
    { type: 'selfServiceDone', result: 'notMobile', data: { reason: 'no number' } },
    'selfService',
    ['event:callback.failed'],
  ],
  [
    'transfer holds the caller and dials the partner',
    base,
    finished(transfer),
    'transferring',
    ['event:ivr.finished', 'holdCaller', 'event:transfer.started', 'originatePartner', 'startPartnerTimer'],
  ],
  // The confirmation or apology is the IVR's (ivr-flows test/runner.test.ts); the machine records the result.
  [
    'callback booked → recorded',
    inSelfService(callback),
    { type: 'selfServiceDone', result: 'ok', data: { callbackId: '7' } },
    'selfService',
    ['event:callback.requested'],
  ],
  [
    'callback already open → recorded as requested',
    inSelfService(callback),
    { type: 'selfServiceDone', result: 'duplicate', data: {} },
    'selfService',
    ['event:callback.requested'],
  ],
  [
    'callback refused → recorded as failed',
    inSelfService(callback),
    { type: 'selfServiceDone', result: 'failed', data: {} },
    'selfService',
    ['event:callback.failed'],
  ],
  [
    'SMS queued → recorded',
    inSelfService(sms),
    { type: 'selfServiceDone', result: 'ok', data: {} },
    'selfService',
    ['event:sms.requested'],
  ],
  [
    'SMS opted out → recorded as failed',
    inSelfService(sms),
    { type: 'selfServiceDone', result: 'optedOut', data: {} },
    'selfService',
    ['event:sms.failed'],
  ],
  [
    'a late result after the caller left does nothing',
    { ...inSelfService(sms), state: 'ended' },
    { type: 'selfServiceDone', result: 'ok', data: {} },
    'ended',
    [],
  ],
  [
    'the IVR confirmed and finished → hang up',
    inSelfService(sms),
    selfServiceFinished,
    'selfService',
    ['event:ivr.finished', 'hangup'],
  ],
  ['announcement done → hang up', announcingThenHangup, { type: 'announced' }, 'announcing', ['hangup']],
  [
    'apology after a failed transfer → general queue',
    announcingThenQueue,
    { type: 'announced' },
    'queued',
    ['takePlace', 'event:queue.entered', 'holdCaller', 'dispatch'],
  ],
  [
    'caller hangs up during self-service',
    inSelfService(sms),
    { type: 'callerHangup' },
    'ended',
    ['event:call.ended', 'forget'],
  ],
  [
    'partner answers → bridged, relay recorded',
    transferring,
    { type: 'partnerAnswered', channelId: 'ch-partner' },
    'transferred',
    ['cancelRingTimer', 'bridgePartner', 'event:transfer.answered', 'createRelay'],
  ],
  [
    'a stray partner leg answering is hung up',
    transferred,
    { type: 'partnerAnswered', channelId: 'old' },
    'transferred',
    ['hangup'],
  ],
  [
    'partner does not answer → apology',
    transferring,
    { type: 'partnerLost', channelId: 'ch-partner', reason: 'noAnswer' },
    'announcing',
    ['cancelRingTimer', 'hangup', 'event:transfer.failed', 'announce'],
  ],
  [
    'partner busy (hangs up while ringing) → apology',
    transferring,
    { type: 'partnerHangup', channelId: 'ch-partner' },
    'announcing',
    ['cancelRingTimer', 'hangup', 'event:transfer.failed', 'announce'],
  ],
  [
    'caller hangs up while the partner rings',
    transferring,
    { type: 'callerHangup' },
    'ended',
    ['cancelRingTimer', 'hangup', 'destroyBridges', 'event:transfer.failed', 'event:call.ended', 'forget'],
  ],
  [
    'partner hangs up the bridged call',
    transferred,
    { type: 'partnerHangup', channelId: 'ch-partner' },
    'ended',
    ['cancelRingTimer', 'hangup', 'hangup', 'destroyBridges', 'event:transfer.ended', 'event:call.ended', 'forget'],
  ],
  [
    'caller hangs up the bridged call',
    transferred,
    { type: 'callerHangup' },
    'ended',
    ['cancelRingTimer', 'hangup', 'destroyBridges', 'event:transfer.ended', 'event:call.ended', 'forget'],
  ],
  [
    'partner hangup of another leg is ignored',
    transferred,
    { type: 'partnerHangup', channelId: 'x' },
    'transferred',
    [],
  ],
];

describe('call machine: IVR outcomes', () => {
  for (const [name, call, event, state, effects] of rows) {
    it(name, () => {
      const step = applyCallEvent(call, event, T0, opts);
      expect(step.call.state).toBe(state);
      expect(types(step.effects)).toEqual(effects);
    });
  }

  it('records the result with what was asked, and apologises itself only for a failed transfer', () => {
    const opted = applyCallEvent(
      inSelfService(sms),
      { type: 'selfServiceDone', result: 'optedOut', data: {} },
      T0,
      opts,
    );
    expect(opted.effects).toEqual([
      {
        type: 'callEvent',
        eventType: 'sms.failed',
        data: { result: 'optedOut', topic: 'fund-notices', number: '01012345678' },
      },
    ]);
    const lost = applyCallEvent(
      transferring,
      { type: 'partnerLost', channelId: 'ch-partner', reason: 'noAnswer' },
      T0,
      opts,
    );
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
