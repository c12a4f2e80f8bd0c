import type { QueueId } from '@cc1357/contracts';
import { queueScore } from './acd';
import type { CallEvent, LiveCall } from './call';

/**
 * After an ARI gap or a restart: what must happen to one call so it matches what Asterisk has
 * now. Pure — `(call, channels, here) → repairs` — so every case is a row of a table test; the
 * resync unit gathers the inputs and carries the repairs out (events go through the call machine).
 */

/** A channel as Asterisk lists it now. */
export interface ChannelNow {
  state: string;
}

/** What this process itself still knows of the call (nothing, after a restart). */
export interface HereNow {
  /** This process times the call's ringing agent leg. */
  ringTimerArmed: boolean;
  /** This process runs the call's IVR session. */
  ivrSession: boolean;
  /** This process still works for the call outside the IVR: a crm-api request in flight, an announcement playing. */
  busy: boolean;
  /** The call is in its queue's sorted set (only asked for queued calls). */
  queued: boolean;
}

export type Repair =
  /** Tell the call machine what happened during the gap. */
  | { type: 'event'; event: CallEvent }
  /** Put a queued call back in its queue (its entry was lost) with its original score. */
  | { type: 'requeue'; queue: QueueId; score: number }
  /** Nobody here can finish what the call was doing: end it politely. */
  | { type: 'hangupCaller' }
  /** The IVR session is here: report playbacks that finished while we were deaf. */
  | { type: 'resumeIvr' }
  /** The IVR session was lost with a restart: the caller hears the menu again. */
  | { type: 'restartIvr' };

export function reconcile(call: LiveCall, channels: ReadonlyMap<string, ChannelNow>, here: HereNow): Repair[] {
  if (call.state === 'ended') return [];
  const event = (e: CallEvent): Repair[] => [{ type: 'event', event: e }];
  // An outbound call's customer leg does not exist while the counselor's phone rings.
  if (call.state === 'dialingAgent') {
    const leg = call.agentChannelId ? channels.get(call.agentChannelId) : undefined;
    if (!call.agentChannelId) return [];
    if (!leg) return event({ type: 'agentLost', agentChannelId: call.agentChannelId, reason: 'failed' });
    return leg.state === 'Up' ? event({ type: 'agentAnswered', agentChannelId: call.agentChannelId }) : [];
  }
  if (!channels.has(call.callerChannelId)) return event({ type: 'callerHangup' });
  const agentLeg = call.agentChannelId ? channels.get(call.agentChannelId) : undefined;
  const partnerLeg = call.partnerChannelId ? channels.get(call.partnerChannelId) : undefined;
  switch (call.state) {
    case 'offering':
      if (!call.agentChannelId) return [];
      if (!agentLeg) return event({ type: 'agentLost', agentChannelId: call.agentChannelId, reason: 'failed' });
      if (agentLeg.state === 'Up') return event({ type: 'agentAnswered', agentChannelId: call.agentChannelId });
      // Still ringing, but nobody here times it out any more.
      return here.ringTimerArmed ? [] : event({ type: 'ringTimeout', agentChannelId: call.agentChannelId });
    case 'connected':
      return call.agentChannelId && !agentLeg
        ? event({ type: 'agentHangup', agentChannelId: call.agentChannelId })
        : [];
    case 'queued':
      return call.queue && call.enqueuedAt && !here.queued
        ? [{ type: 'requeue', queue: call.queue, score: queueScore(call.enqueuedAt, call.priority) }]
        : [];
    case 'transferring':
      if (!call.partnerChannelId) return [];
      if (!partnerLeg) return event({ type: 'partnerLost', channelId: call.partnerChannelId, reason: 'failed' });
      return partnerLeg.state === 'Up' ? event({ type: 'partnerAnswered', channelId: call.partnerChannelId }) : [];
    case 'transferred':
      return call.partnerChannelId && !partnerLeg
        ? event({ type: 'partnerHangup', channelId: call.partnerChannelId })
        : [];
    case 'selfService':
      // The IVR confirming a request it made is still here: let it finish.
      if (here.ivrSession && !here.busy) return [{ type: 'resumeIvr' }];
      return here.busy ? [] : [{ type: 'hangupCaller' }];
    case 'announcing':
      // A restarted process does not know whether crm-api got the request: end politely.
      return here.busy ? [] : [{ type: 'hangupCaller' }];
    case 'ivr':
      return [{ type: here.ivrSession ? 'resumeIvr' : 'restartIvr' }];
    case 'dialingCustomer':
      if (call.agentChannelId && !agentLeg) return event({ type: 'agentHangup', agentChannelId: call.agentChannelId });
      return channels.get(call.callerChannelId)?.state === 'Up'
        ? event({ type: 'customerAnswered', channelId: call.callerChannelId })
        : [];
  }
}
