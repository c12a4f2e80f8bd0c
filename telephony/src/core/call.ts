import { seoulDate, type CallEndedV1, type CallEventType, type QueueId } from '@cc1357/contracts';
import type { AgentEvent } from './agent-state';
import { queueScore } from './acd';

/**
 * The call machine, pure: `(call, event, now, options) → { call, effects }`. It decides; the
 * interpreter in `app/call-service.ts` performs the effects (ARI, Redis, console, CRM) and
 * feeds what happened back as events. Redis keeps `LiveCall` so another process can resume.
 *
 *   ivr ─ivrFinished(queue)→ queued ─offer→ offering ─agentAnswered→ connected ─hangup→ ended
 *                              ↑────── agentLost / ringTimeout ──────┘
 *   ivr ─ivrFinished(callback|sms)→ selfService ─selfServiceDone→ announcing ─announced→ (hang up)
 *   ivr ─ivrFinished(transfer)→ transferring ─partnerAnswered→ transferred ─either hangs up→ ended
 *                                    └─partnerLost→ announcing ─announced→ queued (general)
 */
export type CallState = 'ivr' | 'selfService' | 'transferring' | 'transferred' | 'announcing' | 'queued' | 'offering' | 'connected' | 'ended';

/**
 * The apologies telephony plays on its own when a self-service outcome cannot be carried out.
 * They are platform prompts of ivr-flows (PLATFORM_PROMPT_IDS, with text and audio in ko.yaml);
 * the core may not import ivr-flows, so it names them and `app/outcome-effects.ts` checks them
 * against PlatformPromptId (a compile error if one is missing there) and turns them into media.
 */
export type ApologyPromptId = 'sms-opted-out' | 'sms-not-mobile' | 'sms-failed' | 'callback-failed' | 'transfer-failed';

/** What the IVR asked for beyond a queue, as the machine carries it out. */
export type IvrAction =
  /** `prompts`: the flow's confirmation (media), played once crm-api has the request. */
  | { kind: 'callback'; number: string | null; queue: QueueId; prompts: string[] }
  | { kind: 'sms'; number: string | null; topic: string; prompts: string[] }
  | { kind: 'transfer'; partner: string; endpoint: string; channelId: string };

export type SelfServiceResult = 'ok' | 'duplicate' | 'optedOut' | 'notMobile' | 'failed';

export interface LiveCall {
  callId: string;
  /** The telephony node (ARI app on one Asterisk) that controls the channels. */
  node: string;
  callerChannelId: string;
  callerNumber: string | null;
  state: CallState;
  arrivedAt: string;
  queue: QueueId | null;
  priority: number;
  enqueuedAt: string | null;
  ivrPath: string[];
  agentId: string | null;
  agentChannelId: string | null;
  holdingBridgeId: string | null;
  mixingBridgeId: string | null;
  recordingName: string | null;
  offeredAt: string | null;
  connectedAt: string | null;
  endedAt: string | null;
  /** Agents that let this call ring out (passed over while another ready agent has the skill). */
  missedBy: string[];
  /** IVR self-service or partner transfer in progress (absent on calls stored by older versions). */
  action?: IvrAction | null;
  /** The partner leg of a transfer. */
  partnerChannelId?: string | null;
  /** What follows the announcement being played. */
  afterAnnounce?: 'hangup' | 'queueGeneral' | null;
}

export type EndReason = CallEndedV1['reason'];

export type CallEvent =
  | { type: 'ivrFinished'; queue: QueueId | null; priority: number; path: string[]; outcome: Record<string, unknown>; action?: IvrAction }
  | { type: 'selfServiceDone'; result: SelfServiceResult; data: Record<string, unknown> }
  | { type: 'announced' }
  | { type: 'partnerAnswered'; channelId: string }
  | { type: 'partnerLost'; channelId: string; reason: 'noAnswer' | 'rejected' | 'failed' }
  | { type: 'partnerHangup'; channelId: string }
  | { type: 'offer'; agentId: string; agentChannelId: string }
  | { type: 'agentAnswered'; agentChannelId: string }
  | { type: 'agentLost'; agentChannelId: string; reason: 'noAnswer' | 'rejected' | 'failed' }
  | { type: 'ringTimeout'; agentChannelId: string }
  | { type: 'callerHangup' }
  | { type: 'agentHangup'; agentChannelId: string };

export type CallEffect =
  | { type: 'hangup'; channelId: string }
  | { type: 'holdCaller' }
  | { type: 'enqueue'; queue: QueueId; score: number }
  | { type: 'dequeue'; queue: QueueId }
  | { type: 'originate'; agentId: string; channelId: string }
  | { type: 'startRingTimer'; agentChannelId: string }
  | { type: 'cancelRingTimer' }
  | { type: 'connect' }
  | { type: 'destroyBridges' }
  | { type: 'agent'; agentId: string; event: AgentEvent }
  | { type: 'notifyOffered'; agentId: string }
  | { type: 'notifyConnected'; agentId: string }
  | { type: 'notifyEnded'; agentId: string; reason: EndReason; wrapUpSeconds: number }
  | { type: 'callEvent'; eventType: CallEventType; data: Record<string, unknown> }
  | { type: 'dispatch' }
  | { type: 'forget' }
  | { type: 'requestCallback'; number: string; queue: QueueId }
  | { type: 'requestSms'; number: string; topic: string }
  /** The flow's own prompts (already media), or one of telephony's apologies. */
  | { type: 'announce'; media: string[] }
  | { type: 'announce'; apology: ApologyPromptId }
  | { type: 'originatePartner'; endpoint: string; channelId: string; partner: string }
  | { type: 'startPartnerTimer'; channelId: string }
  | { type: 'bridgePartner' }
  | { type: 'createRelay'; partner: string };

export interface CallOptions {
  wrapUpSeconds: number;
}

export interface CallStep {
  call: LiveCall;
  effects: CallEffect[];
}

export function newCall(init: { callId: string; node: string; callerChannelId: string; callerNumber: string | null }, now: Date): LiveCall {
  return {
    ...init,
    state: 'ivr',
    arrivedAt: now.toISOString(),
    queue: null,
    priority: 0,
    enqueuedAt: null,
    ivrPath: [],
    agentId: null,
    agentChannelId: null,
    holdingBridgeId: null,
    mixingBridgeId: null,
    recordingName: null,
    offeredAt: null,
    connectedAt: null,
    endedAt: null,
    missedBy: [],
  };
}

/** `cc/<YYYY-MM-DD in Seoul>/<callId>`: one folder per center day. */
export function recordingNameOf(callId: string, now: Date): string {
  return `cc/${seoulDate(now)}/${callId}`;
}

const secondsBetween = (from: string | null, now: Date) => (from ? Math.max(0, (now.getTime() - Date.parse(from)) / 1000) : 0);

export function applyCallEvent(call: LiveCall, event: CallEvent, now: Date, options: CallOptions): CallStep {
  const nothing: CallStep = { call, effects: [] };
  const at = now.toISOString();
  switch (event.type) {
    case 'ivrFinished': {
      if (call.state !== 'ivr') return nothing;
      const finished: CallEffect = { type: 'callEvent', eventType: 'ivr.finished', data: { outcome: event.outcome, path: event.path } };
      if (event.action) return startAction({ ...call, ivrPath: event.path }, event.action, finished, at);
      if (!event.queue) return { call: { ...call, ivrPath: event.path }, effects: [finished, { type: 'hangup', channelId: call.callerChannelId }] };
      const queued = enterQueue({ ...call, ivrPath: event.path }, event.queue, event.priority, now);
      return { call: queued.call, effects: [finished, ...queued.effects] };
    }
    case 'selfServiceDone': {
      const action = call.action;
      if (call.state !== 'selfService' || !action || (action.kind !== 'callback' && action.kind !== 'sms')) return nothing;
      const ok = event.result === 'ok' || event.result === 'duplicate';
      const eventType: CallEventType = action.kind === 'callback' ? (ok ? 'callback.requested' : 'callback.failed') : ok ? 'sms.requested' : 'sms.failed';
      const apology: ApologyPromptId =
        action.kind === 'callback' ? 'callback-failed' : event.result === 'optedOut' ? 'sms-opted-out' : event.result === 'notMobile' ? 'sms-not-mobile' : 'sms-failed';
      const announce: CallEffect | null = !ok ? { type: 'announce', apology } : action.prompts.length ? { type: 'announce', media: action.prompts } : null;
      return {
        call: { ...call, state: 'announcing', afterAnnounce: 'hangup' },
        effects: [
          { type: 'callEvent', eventType, data: { ...event.data, result: event.result, ...(action.kind === 'sms' ? { topic: action.topic } : { queue: action.queue }), number: action.number } },
          announce ?? { type: 'hangup', channelId: call.callerChannelId },
        ],
      };
    }
    case 'announced': {
      if (call.state !== 'announcing') return nothing;
      if (call.afterAnnounce === 'queueGeneral') {
        // Sent back after a failed transfer: they already waited once, so they go ahead of new callers.
        return enterQueue({ ...call, afterAnnounce: null }, 'general', 1, now);
      }
      return { call: { ...call, afterAnnounce: null }, effects: [{ type: 'hangup', channelId: call.callerChannelId }] };
    }
    case 'partnerAnswered': {
      const action = call.action;
      if (call.state !== 'transferring' || call.partnerChannelId !== event.channelId || action?.kind !== 'transfer') {
        return { call, effects: [{ type: 'hangup', channelId: event.channelId }] };
      }
      return {
        call: { ...call, state: 'transferred', connectedAt: at, mixingBridgeId: `${call.callId}-mix` },
        effects: [
          { type: 'cancelRingTimer' },
          { type: 'bridgePartner' },
          { type: 'callEvent', eventType: 'transfer.answered', data: { partner: action.partner, endpoint: action.endpoint, waitedSeconds: secondsBetween(call.offeredAt, now) } },
          { type: 'createRelay', partner: action.partner },
        ],
      };
    }
    case 'partnerLost': {
      const action = call.action;
      if (call.state !== 'transferring' || call.partnerChannelId !== event.channelId || action?.kind !== 'transfer') return nothing;
      return {
        call: { ...call, state: 'announcing', afterAnnounce: 'queueGeneral', partnerChannelId: null },
        effects: [
          { type: 'cancelRingTimer' },
          { type: 'hangup', channelId: event.channelId },
          { type: 'callEvent', eventType: 'transfer.failed', data: { partner: action.partner, endpoint: action.endpoint, reason: event.reason } },
          { type: 'announce', apology: 'transfer-failed' },
        ],
      };
    }
    case 'partnerHangup': {
      if (call.partnerChannelId !== event.channelId) return nothing;
      if (call.state === 'transferring') return applyCallEvent(call, { type: 'partnerLost', channelId: event.channelId, reason: 'rejected' }, now, options);
      if (call.state === 'transferred') return endCall(call, 'partnerHangup', now, options);
      return nothing;
    }
    case 'offer': {
      if (call.state !== 'queued') return nothing;
      const next: LiveCall = { ...call, state: 'offering', agentId: event.agentId, agentChannelId: event.agentChannelId, offeredAt: at };
      return {
        call: next,
        effects: [
          { type: 'originate', agentId: event.agentId, channelId: event.agentChannelId },
          { type: 'agent', agentId: event.agentId, event: { type: 'ring', callId: call.callId } },
          { type: 'startRingTimer', agentChannelId: event.agentChannelId },
          { type: 'callEvent', eventType: 'agent.offered', data: { waitedSeconds: secondsBetween(call.enqueuedAt, now) } },
          { type: 'notifyOffered', agentId: event.agentId },
        ],
      };
    }
    case 'agentAnswered': {
      if (call.state !== 'offering' || call.agentChannelId !== event.agentChannelId || !call.agentId) {
        // A leg we no longer want (the caller left, or the ring timed out): drop it.
        return { call, effects: [{ type: 'hangup', channelId: event.agentChannelId }] };
      }
      const next: LiveCall = { ...call, state: 'connected', connectedAt: at, recordingName: recordingNameOf(call.callId, now), mixingBridgeId: `${call.callId}-mix` };
      return {
        call: next,
        effects: [
          { type: 'cancelRingTimer' },
          { type: 'agent', agentId: call.agentId, event: { type: 'answer', callId: call.callId } },
          { type: 'callEvent', eventType: 'call.connected', data: { waitedSeconds: secondsBetween(call.enqueuedAt, now) } },
          { type: 'connect' },
          { type: 'notifyConnected', agentId: call.agentId },
        ],
      };
    }
    case 'ringTimeout':
    case 'agentLost': {
      if (call.state !== 'offering' || call.agentChannelId !== event.agentChannelId || !call.agentId || !call.queue || !call.enqueuedAt) return nothing;
      const reason = event.type === 'ringTimeout' ? 'noAnswer' : event.reason;
      const agentId = call.agentId;
      const next: LiveCall = { ...call, state: 'queued', agentId: null, agentChannelId: null, offeredAt: null, missedBy: [...call.missedBy, agentId] };
      return {
        call: next,
        effects: [
          { type: 'cancelRingTimer' },
          { type: 'hangup', channelId: event.agentChannelId },
          { type: 'agent', agentId, event: { type: 'missed', callId: call.callId } },
          { type: 'callEvent', eventType: 'agent.noAnswer', data: { agentId, reason } },
          { type: 'notifyEnded', agentId, reason: reason === 'noAnswer' ? 'noAnswer' : reason === 'rejected' ? 'rejected' : 'failed', wrapUpSeconds: 0 },
          { type: 'enqueue', queue: call.queue, score: queueScore(call.enqueuedAt, call.priority) },
          { type: 'dispatch' },
        ],
      };
    }
    case 'callerHangup':
      return endCall(call, 'callerHangup', now, options);
    case 'agentHangup': {
      if (call.agentChannelId !== event.agentChannelId) return nothing;
      if (call.state === 'offering') return applyCallEvent(call, { type: 'agentLost', agentChannelId: event.agentChannelId, reason: 'rejected' }, now, options);
      if (call.state === 'connected') return endCall(call, 'agentHangup', now, options);
      return nothing;
    }
  }
}

/** Holding bridge with music, a place in the queue, and a nudge to the ACD. */
function enterQueue(call: LiveCall, queue: QueueId, priority: number, now: Date): CallStep {
  const at = now.toISOString();
  const next: LiveCall = { ...call, state: 'queued', queue, priority, enqueuedAt: at, holdingBridgeId: `${call.callId}-hold` };
  return {
    call: next,
    effects: [
      { type: 'holdCaller' },
      { type: 'enqueue', queue, score: queueScore(at, priority) },
      { type: 'callEvent', eventType: 'queue.entered', data: { priority } },
      { type: 'dispatch' },
    ],
  };
}

/** The IVR ended in self-service (callback, SMS) or a partner transfer. */
function startAction(call: LiveCall, action: IvrAction, finished: CallEffect, at: string): CallStep {
  if (action.kind === 'transfer') {
    // The caller waits with music in a holding bridge while the partner rings.
    const next: LiveCall = { ...call, state: 'transferring', action, partnerChannelId: action.channelId, holdingBridgeId: `${call.callId}-hold`, offeredAt: at };
    return {
      call: next,
      effects: [
        finished,
        { type: 'holdCaller' },
        { type: 'callEvent', eventType: 'transfer.started', data: { partner: action.partner, endpoint: action.endpoint } },
        { type: 'originatePartner', endpoint: action.endpoint, channelId: action.channelId, partner: action.partner },
        { type: 'startPartnerTimer', channelId: action.channelId },
      ],
    };
  }
  if (!action.number) {
    // Nothing to call back or text (the flow should have asked): apologise instead of pretending.
    const apology: ApologyPromptId = action.kind === 'callback' ? 'callback-failed' : 'sms-not-mobile';
    return {
      call: { ...call, state: 'announcing', action, afterAnnounce: 'hangup' },
      effects: [
        finished,
        { type: 'callEvent', eventType: action.kind === 'callback' ? 'callback.failed' : 'sms.failed', data: { result: 'notMobile', reason: 'no number' } },
        { type: 'announce', apology },
      ],
    };
  }
  const request: CallEffect = action.kind === 'callback' ? { type: 'requestCallback', number: action.number, queue: action.queue } : { type: 'requestSms', number: action.number, topic: action.topic };
  return { call: { ...call, state: 'selfService', action }, effects: [finished, request] };
}

function endCall(call: LiveCall, reason: 'callerHangup' | 'agentHangup' | 'partnerHangup', now: Date, options: CallOptions): CallStep {
  if (call.state === 'ended') return { call, effects: [] };
  if (reason === 'partnerHangup' && call.state !== 'transferred') return { call, effects: [] };
  const ended: LiveCall = { ...call, state: 'ended', endedAt: now.toISOString() };
  const effects: CallEffect[] = [];
  const endEvent: CallEffect = {
    type: 'callEvent',
    eventType: 'call.ended',
    data: { reason, stage: call.state, talkSeconds: secondsBetween(call.connectedAt, now) },
  };
  switch (call.state) {
    case 'ivr':
    case 'selfService':
    case 'announcing':
      effects.push(endEvent, { type: 'forget' });
      break;
    case 'transferring':
    case 'transferred': {
      const action = call.action?.kind === 'transfer' ? call.action : null;
      if (call.partnerChannelId) effects.push({ type: 'cancelRingTimer' }, { type: 'hangup', channelId: call.partnerChannelId });
      if (reason === 'partnerHangup') effects.push({ type: 'hangup', channelId: call.callerChannelId });
      effects.push(
        { type: 'destroyBridges' },
        call.state === 'transferred'
          ? { type: 'callEvent', eventType: 'transfer.ended', data: { partner: action?.partner ?? null, by: reason === 'partnerHangup' ? 'partner' : 'caller', talkSeconds: secondsBetween(call.connectedAt, now) } }
          : { type: 'callEvent', eventType: 'transfer.failed', data: { partner: action?.partner ?? null, reason: 'callerHangup' } },
        endEvent,
        { type: 'forget' },
      );
      break;
    }
    case 'queued':
    case 'offering':
      if (call.queue) effects.push({ type: 'dequeue', queue: call.queue });
      if (call.state === 'offering' && call.agentId && call.agentChannelId) {
        effects.push(
          { type: 'cancelRingTimer' },
          { type: 'hangup', channelId: call.agentChannelId },
          { type: 'agent', agentId: call.agentId, event: { type: 'release', callId: call.callId } },
          { type: 'notifyEnded', agentId: call.agentId, reason: 'callerHangup', wrapUpSeconds: 0 },
        );
      }
      effects.push(
        { type: 'destroyBridges' },
        { type: 'callEvent', eventType: 'call.abandoned', data: { waitedSeconds: secondsBetween(call.enqueuedAt, now), ringing: call.state === 'offering' } },
        endEvent,
        { type: 'forget' },
        { type: 'dispatch' },
      );
      break;
    case 'connected': {
      const other = reason === 'callerHangup' ? call.agentChannelId : call.callerChannelId;
      if (other) effects.push({ type: 'hangup', channelId: other });
      effects.push({ type: 'destroyBridges' });
      if (call.agentId) {
        effects.push(
          { type: 'agent', agentId: call.agentId, event: { type: 'callEnded', callId: call.callId, wrapUpSeconds: options.wrapUpSeconds } },
          { type: 'notifyEnded', agentId: call.agentId, reason: reason === 'agentHangup' ? 'agentHangup' : 'callerHangup', wrapUpSeconds: options.wrapUpSeconds },
        );
      }
      effects.push(endEvent, { type: 'forget' });
      break;
    }
  }
  return { call: ended, effects };
}
