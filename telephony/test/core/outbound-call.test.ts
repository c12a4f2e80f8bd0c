import { dialableNumber } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { applyAgentEvent, newAgent } from '../../src/core/agent-state';
import { type CallEffect, type LiveCall, applyCallEvent } from '../../src/core/call';
import { callbackCheck, newOutboundCall } from '../../src/core/outbound-call';
import { reconcile } from '../../src/core/reconcile';

const T0 = new Date('2026-12-02T01:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const opts = { wrapUpSeconds: 10 };

const fresh = newOutboundCall(
  {
    callId: 'o1',
    node: 'n1',
    agentId: '1001',
    agentChannelId: 'ch-agent',
    customerChannelId: 'ch-customer',
    number: '01012345678',
    endpoint: 'PJSIP/01012345678',
    callbackId: '7',
  },
  T0,
);
const types = (effects: CallEffect[]) => effects.map((e) => (e.type === 'callEvent' ? e.eventType : e.type));
const dialed = applyCallEvent(fresh, { type: 'outboundDial' }, T0, opts).call;
const customerRinging = applyCallEvent(dialed, { type: 'agentAnswered', agentChannelId: 'ch-agent' }, at(3), opts).call;

describe('outbound call machine', () => {
  it('rings the counselor first, once, and records the start with the callback', () => {
    const step = applyCallEvent(fresh, { type: 'outboundDial' }, T0, opts);
    expect(step.call.state).toBe('dialingAgent');
    expect(types(step.effects)).toEqual(['call.outbound.started', 'agent', 'originate', 'notifyOffered']);
    expect(step.effects[0]).toMatchObject({ data: { number: '01012345678', callbackId: '7', direction: 'outbound' } });
    expect(step.effects).toContainEqual({ type: 'originate', agentId: '1001', channelId: 'ch-agent' });
    // A second dial (a double click that reached the machine) rings nothing again.
    expect(applyCallEvent(step.call, { type: 'outboundDial' }, at(1), opts).effects).toEqual([]);
  });

  it('dials the customer only when the counselor answers', () => {
    const step = applyCallEvent(dialed, { type: 'agentAnswered', agentChannelId: 'ch-agent' }, at(3), opts);
    expect(step.call.state).toBe('dialingCustomer');
    expect(step.effects).toEqual([
      { type: 'agent', agentId: '1001', event: { type: 'answer', callId: 'o1' } },
      { type: 'originateCustomer', endpoint: 'PJSIP/01012345678', channelId: 'ch-customer' },
    ]);
    // A stray agent leg is hung up, the call unchanged.
    const stray = applyCallEvent(dialed, { type: 'agentAnswered', agentChannelId: 'other' }, at(3), opts);
    expect(stray.call).toBe(dialed);
    expect(stray.effects).toEqual([{ type: 'hangup', channelId: 'other' }]);
  });

  it('connects and records like an inbound call when the customer answers', () => {
    const step = applyCallEvent(customerRinging, { type: 'customerAnswered', channelId: 'ch-customer' }, at(9), opts);
    expect(step.call).toMatchObject({
      state: 'connected',
      connectedAt: at(9).toISOString(),
      mixingBridgeId: 'o1-mix',
      recordingName: 'cc/2026-12-02/o1',
    });
    expect(types(step.effects)).toEqual(['call.outbound.answered', 'call.connected', 'connect', 'notifyConnected']);
    // From there hang-up is the ordinary one: the customer hanging up ends it with after-call work.
    const end = applyCallEvent(step.call, { type: 'callerHangup' }, at(60), opts);
    expect(end.call.state).toBe('ended');
    expect(end.effects).toContainEqual({ type: 'hangup', channelId: 'ch-agent' });
    expect(types(end.effects)).toContain('call.ended');
  });

  it('the counselor not answering their phone ends the call as not answered and sends them Not ready', () => {
    const step = applyCallEvent(
      dialed,
      { type: 'agentLost', agentChannelId: 'ch-agent', reason: 'noAnswer' },
      at(20),
      opts,
    );
    expect(step.call.state).toBe('ended');
    expect(types(step.effects)).toEqual([
      'hangup',
      'agent',
      'notifyEnded',
      'call.outbound.noAnswer',
      'call.ended',
      'forget',
    ]);
    expect(step.effects).toContainEqual({ type: 'agent', agentId: '1001', event: { type: 'missed', callId: 'o1' } });
    expect(step.effects).toContainEqual(
      expect.objectContaining({ data: { leg: 'agent', reason: 'noAnswer', callbackId: '7' } }),
    );
  });

  it('the customer not answering hangs up the counselor and gives them after-call work', () => {
    const step = applyCallEvent(customerRinging, { type: 'callerHangup' }, at(40), opts);
    expect(step.call.state).toBe('ended');
    expect(step.effects).toContainEqual({ type: 'hangup', channelId: 'ch-agent' });
    expect(step.effects).toContainEqual({
      type: 'agent',
      agentId: '1001',
      event: { type: 'callEnded', callId: 'o1', wrapUpSeconds: 10 },
    });
    expect(step.effects).toContainEqual(expect.objectContaining({ eventType: 'call.outbound.noAnswer' }));
    // The counselor giving up while it rings hangs up the customer's leg.
    const gaveUp = applyCallEvent(customerRinging, { type: 'agentHangup', agentChannelId: 'ch-agent' }, at(40), opts);
    expect(gaveUp.effects).toContainEqual({ type: 'hangup', channelId: 'ch-customer' });
    expect(gaveUp.effects).toContainEqual(
      expect.objectContaining({ data: expect.objectContaining({ reason: 'agentHangup' }) }),
    );
  });

  it('a customer leg answering after the call ended is hung up', () => {
    const ended: LiveCall = { ...customerRinging, state: 'ended' };
    expect(applyCallEvent(ended, { type: 'customerAnswered', channelId: 'late' }, at(50), opts).effects).toEqual([
      { type: 'hangup', channelId: 'late' },
    ]);
  });

  it('reconciles after a gap: the counselor phone up dials on, a customer up connects', () => {
    expect(reconcile(dialed, new Map([['ch-agent', { state: 'Up' }]]), here)).toEqual([
      { type: 'event', event: { type: 'agentAnswered', agentChannelId: 'ch-agent' } },
    ]);
    expect(reconcile(dialed, new Map(), here)).toEqual([
      { type: 'event', event: { type: 'agentLost', agentChannelId: 'ch-agent', reason: 'failed' } },
    ]);
    const both = new Map([
      ['ch-agent', { state: 'Up' }],
      ['ch-customer', { state: 'Up' }],
    ]);
    expect(reconcile(customerRinging, both, here)).toEqual([
      { type: 'event', event: { type: 'customerAnswered', channelId: 'ch-customer' } },
    ]);
  });
});

const here = { ringTimerArmed: false, ivrSession: false, busy: false, queued: false };

describe('outbound reservation', () => {
  it('a Not ready counselor may reserve for their own call, never for an offer', () => {
    const agent = { ...newAgent('1001', 'Kim', ['fund'], T0), state: 'notReady' as const, reason: 'other' as const };
    expect(applyAgentEvent(agent, { type: 'reserve', callId: 'o1', outbound: true }, T0).ok).toBe(true);
    expect(applyAgentEvent(agent, { type: 'reserve', callId: 'c1' }, T0).ok).toBe(false);
    const onCall = { ...agent, state: 'onCall' as const, callId: 'c0' };
    expect(applyAgentEvent(onCall, { type: 'reserve', callId: 'o1', outbound: true }, T0).ok).toBe(false);
  });
});

describe('dialableNumber', () => {
  it.each([
    ['010-1234-5678', '01012345678'],
    ['+82 10 1234 5678', '01012345678'],
    ['(02) 123-4567', '021234567'],
    ['070 1234 5678', '07012345678'],
    ['1588-1234', '15881234'],
  ])('%s → %s', (raw, digits) => expect(dialableNumber(raw)).toBe(digits));
  it.each(['', '1357', '112', '010-12', 'abc', '00112345678', '010123456789012', '+1 555 1234'])(
    '%s is refused',
    (raw) => expect(dialableNumber(raw)).toBeNull(),
  );
});

describe('callbackCheck', () => {
  it('a callback of this number still to do passes; others are refused with the field named', () => {
    const cb = (id: string, number: string, status: 'open' | 'dialing' | 'done') => ({ id, number, status });
    expect(callbackCheck('7', '01012345678', cb('7', '01012345678', 'dialing'))).toEqual({ ok: true });
    expect(callbackCheck('9', '01012345678', cb('9', '0299998888', 'open'))).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(callbackCheck('5', '01012345678', 'unknown')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(callbackCheck('8', '01012345678', cb('8', '01012345678', 'done'))).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
    expect(callbackCheck('7', '01012345678', null)).toMatchObject({
      ok: false,
      code: 'UNAVAILABLE',
      message: expect.stringContaining('callbackId'),
    });
  });
});
