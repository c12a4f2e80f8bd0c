import type { CallbackDto } from '@cc1357/contracts';
import type { CallEffect, CallOptions, CallStep, LiveCall } from './call-types';
import { recordingNameOf, secondsBetween } from './call-types';

/**
 * A counselor's call to a customer from the desk (issue 12 §4), pure.
 *
 *   dialingAgent ─agentAnswered→ dialingCustomer ─customerAnswered→ connected (as an inbound call)
 *        └─agentLost / hang-up → ended      └─customer lost / either hangs up → ended (noAnswer)
 *
 * The counselor's phone rings first (they hear the customer ring, not a stranger answering into
 * silence); only when they answer is the customer dialled, with caller id 1357. From `connected`
 * on it is an ordinary call: the caller leg is the customer, so hang-up, hold, mute and the
 * recording are the inbound call's own. Every outbound call leaves `call.outbound.started`, then
 * `call.outbound.answered` + `call.connected` or `call.outbound.noAnswer`, then `call.ended`.
 */

export type OutboundEvent =
  /** Start dialling: ring the counselor's phone (once; a repeat changes nothing). */
  | { type: 'outboundDial' }
  /** The customer's leg answered (StasisStart `customer,<callId>`). */
  | { type: 'customerAnswered'; channelId: string };

export interface OutboundInit {
  callId: string;
  node: string;
  agentId: string;
  agentChannelId: string;
  customerChannelId: string;
  /** Digits, national form (contracts' `dialableNumber`). */
  number: string;
  /** The dial string of the customer's number (the partner template with the number in it). */
  endpoint: string;
  callbackId: string | null;
}

export interface OutboundInfo {
  number: string;
  endpoint: string;
  callbackId: string | null;
  dialedAt: string | null;
}

/** The call record before dialling: the counselor already reserved, nothing rung yet. */
export function newOutboundCall(init: OutboundInit, now: Date): LiveCall {
  return {
    callId: init.callId,
    node: init.node,
    // The customer's leg, dialled later under this id (so its hang-up is the caller's).
    callerChannelId: init.customerChannelId,
    callerNumber: init.number,
    state: 'dialingAgent',
    arrivedAt: now.toISOString(),
    queue: null,
    priority: 0,
    enqueuedAt: null,
    ivrPath: [],
    agentId: init.agentId,
    agentChannelId: init.agentChannelId,
    holdingBridgeId: null,
    mixingBridgeId: null,
    recordingName: null,
    offeredAt: now.toISOString(),
    connectedAt: null,
    endedAt: null,
    missedBy: [],
    outbound: { number: init.number, endpoint: init.endpoint, callbackId: init.callbackId, dialedAt: null },
  };
}

export const isOutboundDialing = (call: LiveCall) => call.state === 'dialingAgent' || call.state === 'dialingCustomer';

export function applyOutbound(call: LiveCall, event: OutboundEvent, now: Date): CallStep {
  const info = call.outbound;
  if (!info || !call.agentId) return { call, effects: [] };
  if (event.type === 'outboundDial') {
    if (call.state !== 'dialingAgent' || info.dialedAt || !call.agentChannelId) return { call, effects: [] };
    return {
      call: { ...call, outbound: { ...info, dialedAt: now.toISOString() } },
      effects: [
        {
          type: 'callEvent',
          eventType: 'call.outbound.started',
          data: { direction: 'outbound', number: info.number, callbackId: info.callbackId },
        },
        { type: 'agent', agentId: call.agentId, event: { type: 'ring', callId: call.callId } },
        { type: 'originate', agentId: call.agentId, channelId: call.agentChannelId },
        { type: 'notifyOffered', agentId: call.agentId },
      ],
    };
  }
  if (call.state !== 'dialingCustomer' || event.channelId !== call.callerChannelId)
    return { call, effects: call.state === 'ended' ? [{ type: 'hangup', channelId: event.channelId }] : [] };
  const next: LiveCall = {
    ...call,
    state: 'connected',
    connectedAt: now.toISOString(),
    recordingName: recordingNameOf(call.callId, now),
    mixingBridgeId: `${call.callId}-mix`,
  };
  return {
    call: next,
    effects: [
      { type: 'callEvent', eventType: 'call.outbound.answered', data: { number: info.number } },
      { type: 'callEvent', eventType: 'call.connected', data: { waitedSeconds: 0, direction: 'outbound' } },
      { type: 'connect' },
      { type: 'notifyConnected', agentId: call.agentId },
    ],
  };
}

/** The counselor answered their phone: now the customer is dialled. */
export function outboundAgentAnswered(call: LiveCall, agentChannelId: string): CallStep {
  if (call.state !== 'dialingAgent' || call.agentChannelId !== agentChannelId || !call.agentId || !call.outbound)
    return { call, effects: [{ type: 'hangup', channelId: agentChannelId }] };
  return {
    call: { ...call, state: 'dialingCustomer' },
    effects: [
      { type: 'agent', agentId: call.agentId, event: { type: 'answer', callId: call.callId } },
      { type: 'originateCustomer', endpoint: call.outbound.endpoint, channelId: call.callerChannelId },
    ],
  };
}

/**
 * Nobody talked: the counselor's phone was not answered (`leg: agent`; they go Not ready as
 * after a missed offer) or the customer's was not, or a side hung up while it rang (`customer`:
 * the counselor goes to after-call work to set the callback's outcome).
 */
export function outboundNotAnswered(
  call: LiveCall,
  leg: 'agent' | 'customer',
  reason: 'noAnswer' | 'rejected' | 'failed' | 'agentHangup',
  now: Date,
  options: CallOptions,
): CallStep {
  if (!isOutboundDialing(call) || !call.agentId) return { call, effects: [] };
  const agentRang = call.state === 'dialingAgent';
  const effects: CallEffect[] = [];
  if (call.agentChannelId) effects.push({ type: 'hangup', channelId: call.agentChannelId });
  if (!agentRang) effects.push({ type: 'hangup', channelId: call.callerChannelId });
  effects.push(
    agentRang
      ? { type: 'agent', agentId: call.agentId, event: { type: 'missed', callId: call.callId } }
      : {
          type: 'agent',
          agentId: call.agentId,
          event: { type: 'callEnded', callId: call.callId, wrapUpSeconds: options.wrapUpSeconds },
        },
    {
      type: 'notifyEnded',
      agentId: call.agentId,
      reason: agentRang ? (reason === 'rejected' ? 'rejected' : 'noAnswer') : 'noAnswer',
      wrapUpSeconds: agentRang ? 0 : options.wrapUpSeconds,
    },
    {
      type: 'callEvent',
      eventType: 'call.outbound.noAnswer',
      data: { leg, reason, callbackId: call.outbound?.callbackId ?? null },
    },
    {
      type: 'callEvent',
      eventType: 'call.ended',
      data: { reason: 'noAnswer', stage: call.state, talkSeconds: 0, ringSeconds: secondsBetween(call.offeredAt, now) },
    },
    { type: 'forget' },
  );
  return { call: { ...call, state: 'ended', endedAt: now.toISOString() }, effects };
}

/**
 * Whether `callbackId` names a callback of the dialled number that is still to do (crm-api's
 * answer: the callback, `unknown`, or null when crm-api could not answer). A wrong id would tie
 * the call's record to another customer's callback, so it is refused before anything rings.
 */
export function callbackCheck(
  callbackId: string,
  number: string,
  cb: Pick<CallbackDto, 'id' | 'number' | 'status'> | 'unknown' | null,
): { ok: true } | { ok: false; code: 'NOT_FOUND' | 'INVALID_STATE' | 'UNAVAILABLE'; message: string } {
  if (!cb)
    return {
      ok: false,
      code: 'UNAVAILABLE',
      message: `callbackId: callback ${callbackId} could not be checked (crm-api)`,
    };
  if (cb === 'unknown' || cb.number !== number)
    return { ok: false, code: 'NOT_FOUND', message: `callbackId: no callback ${callbackId} for ${number}` };
  if (cb.status !== 'open' && cb.status !== 'dialing')
    return { ok: false, code: 'INVALID_STATE', message: `callbackId: callback ${callbackId} is ${cb.status}` };
  return { ok: true };
}
