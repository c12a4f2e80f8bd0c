import type { CallEndedV1, CallEventType, QueueId } from '@cc1357/contracts';
import type { AgentEvent } from './agent-state';
import { queueScore } from './acd';

/**
 * The call machine, pure: `(call, event, now, options) → { call, effects }`. It decides; the
 * interpreter in `app/call-service.ts` performs the effects (ARI, Redis, console, CRM) and
 * feeds what happened back as events. Redis keeps `LiveCall` so another process can resume.
 *
 *   ivr ─ivrFinished(queue)→ queued ─offer→ offering ─agentAnswered→ connected ─hangup→ ended
 *                              ↑────── agentLost / ringTimeout ──────┘
 */
export type CallState = 'ivr' | 'queued' | 'offering' | 'connected' | 'ended';

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
  /** Agents that let this call ring out (never offered it again). */
  missedBy: string[];
}

export type EndReason = CallEndedV1['reason'];

export type CallEvent =
  | { type: 'ivrFinished'; queue: QueueId | null; priority: number; path: string[]; outcome: Record<string, unknown> }
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
  | { type: 'forget' };

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
  const seoulDay = new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
  return `cc/${seoulDay}/${callId}`;
}

const secondsBetween = (from: string | null, now: Date) => (from ? Math.max(0, (now.getTime() - Date.parse(from)) / 1000) : 0);

export function applyCallEvent(call: LiveCall, event: CallEvent, now: Date, options: CallOptions): CallStep {
  const nothing: CallStep = { call, effects: [] };
  const at = now.toISOString();
  switch (event.type) {
    case 'ivrFinished': {
      if (call.state !== 'ivr') return nothing;
      const finished: CallEffect = { type: 'callEvent', eventType: 'ivr.finished', data: { outcome: event.outcome, path: event.path } };
      if (!event.queue) return { call: { ...call, ivrPath: event.path }, effects: [finished, { type: 'hangup', channelId: call.callerChannelId }] };
      const next: LiveCall = { ...call, state: 'queued', queue: event.queue, priority: event.priority, enqueuedAt: at, ivrPath: event.path, holdingBridgeId: `${call.callId}-hold` };
      return {
        call: next,
        effects: [
          finished,
          { type: 'holdCaller' },
          { type: 'enqueue', queue: event.queue, score: queueScore(at, event.priority) },
          { type: 'callEvent', eventType: 'queue.entered', data: { priority: event.priority } },
          { type: 'dispatch' },
        ],
      };
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

function endCall(call: LiveCall, reason: 'callerHangup' | 'agentHangup', now: Date, options: CallOptions): CallStep {
  if (call.state === 'ended') return { call, effects: [] };
  const ended: LiveCall = { ...call, state: 'ended', endedAt: now.toISOString() };
  const effects: CallEffect[] = [];
  const endEvent: CallEffect = {
    type: 'callEvent',
    eventType: 'call.ended',
    data: { reason, stage: call.state, talkSeconds: secondsBetween(call.connectedAt, now) },
  };
  switch (call.state) {
    case 'ivr':
      effects.push(endEvent, { type: 'forget' });
      break;
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
          { type: 'notifyEnded', agentId: call.agentId, reason, wrapUpSeconds: options.wrapUpSeconds },
        );
      }
      effects.push(endEvent, { type: 'forget' });
      break;
    }
  }
  return { call: ended, effects };
}
