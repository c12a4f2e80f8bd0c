import type { QueueId } from '@cc1357/contracts';
import { queueScore } from './acd';
import { endCall } from './call-end';
import type { CallEventOf, CallOptions, CallStep, LiveCall } from './call-types';
import { recordingNameOf, secondsBetween } from './call-types';
import { segmentBridgeId } from './agent-transfer';
import { stopAnnouncementEffects } from './queue-announce';

/**
 * The queue stage of the call machine: a caller waits in the queue, the ACD offers the call to an
 * agent, the agent answers (connected) or the ring is lost and the call goes back to its place.
 *
 *   queued ─offer→ offering ─agentAnswered→ connected
 *     ↑──── agentLost / ringTimeout ────┘
 */

/**
 * A place in the queue, holding bridge with music, and a nudge to the ACD. The place comes first:
 * callers become visible to the ACD in the order their places were stamped. With the bridge move
 * first, a caller whose move took longer became visible after callers stamped later and was served
 * after them (22 pairs in 200 calls at 40 calls/s, thousands under load). An offer waits for the
 * bridge move all the same: the call's steps run one at a time.
 *
 * The stamp is this node's; the shared queue may move it a few ms later (`takePlace`) when another
 * node's later stamp reached the queue first, so the queue's order is the order places were taken.
 * `queue.entered` carries the place as taken (the recorder adds `enqueuedAt` from the saved call).
 */
export function enterQueue(call: LiveCall, queue: QueueId, priority: number, now: Date): CallStep {
  const at = now.toISOString();
  const next: LiveCall = {
    ...call,
    state: 'queued',
    queue,
    priority,
    enqueuedAt: at,
    holdingBridgeId: `${call.callId}-hold`,
  };
  return {
    call: next,
    effects: [
      { type: 'takePlace', queue, score: queueScore(at, priority), priority },
      { type: 'callEvent', eventType: 'queue.entered', data: { priority } },
      { type: 'holdCaller' },
      { type: 'dispatch' },
    ],
  };
}

/** The ACD picked an agent: ring their desk and start the ring timer. */
export function offerCall(call: LiveCall, event: CallEventOf<'offer'>, now: Date): CallStep {
  if (call.state !== 'queued') return { call, effects: [] };
  const at = now.toISOString();
  const next: LiveCall = {
    ...call,
    state: 'offering',
    agentId: event.agentId,
    agentChannelId: event.agentChannelId,
    offeredAt: at,
    ...(call.queuePlaybackId ? { queuePlaybackId: null } : {}),
  };
  return {
    call: next,
    effects: [
      // The pop first: the effects run one after another, and the console waited behind the
      // originate's ARI round trip and the agent's update (pop p99 128 ms in the bench, the floor
      // 52 ms). A failed originate withdraws the offer (agentLost), as a ring that is never answered does.
      { type: 'notifyOffered', agentId: event.agentId },
      { type: 'originate', agentId: event.agentId, channelId: event.agentChannelId },
      { type: 'agent', agentId: event.agentId, event: { type: 'ring', callId: call.callId } },
      { type: 'startRingTimer', agentChannelId: event.agentChannelId },
      {
        type: 'callEvent',
        eventType: 'agent.offered',
        data: {
          waitedSeconds: secondsBetween(call.enqueuedAt, now),
          // First in, first out is judged by the order of reservations, not by when each offer's
          // step ran: offers go out concurrently, and a call busy with an announcement steps later.
          ...(event.reservation === undefined ? {} : { reservation: event.reservation }),
        },
      },
      // After the ring is on its way: the caller's announcement stops (the bridge move waits for that, not the ring).
      ...stopAnnouncementEffects(call),
    ],
  };
}

/** The agent picked up: bridge them with the caller and start recording. */
export function agentAnswered(call: LiveCall, event: CallEventOf<'agentAnswered'>, now: Date): CallStep {
  if (call.state !== 'offering' || call.agentChannelId !== event.agentChannelId || !call.agentId) {
    // A leg we no longer want (the caller left, or the ring timed out): drop it.
    return { call, effects: [{ type: 'hangup', channelId: event.agentChannelId }] };
  }
  const next: LiveCall = {
    ...call,
    state: 'connected',
    connectedAt: now.toISOString(),
    // Each conversation of a transferred call is recorded under a name of its own.
    recordingName: recordingNameOf(call.callId, now, (call.segments ?? 0) + 1),
    mixingBridgeId: segmentBridgeId(call),
  };
  return {
    call: next,
    effects: [
      { type: 'cancelRingTimer' },
      { type: 'agent', agentId: call.agentId, event: { type: 'answer', callId: call.callId } },
      {
        type: 'callEvent',
        eventType: 'call.connected',
        data: { waitedSeconds: secondsBetween(call.enqueuedAt, now) },
      },
      { type: 'connect' },
      { type: 'notifyConnected', agentId: call.agentId },
    ],
  };
}

/** The ring went unanswered, was rejected or failed: the call goes back to its place in the queue. */
export function agentMissed(call: LiveCall, event: CallEventOf<'ringTimeout' | 'agentLost'>): CallStep {
  if (
    call.state !== 'offering' ||
    call.agentChannelId !== event.agentChannelId ||
    !call.agentId ||
    !call.queue ||
    !call.enqueuedAt
  )
    return { call, effects: [] };
  const reason = event.type === 'ringTimeout' ? 'noAnswer' : event.reason;
  const agentId = call.agentId;
  const next: LiveCall = {
    ...call,
    state: 'queued',
    agentId: null,
    agentChannelId: null,
    offeredAt: null,
    missedBy: [...call.missedBy, agentId],
  };
  return {
    call: next,
    effects: [
      { type: 'cancelRingTimer' },
      { type: 'hangup', channelId: event.agentChannelId },
      { type: 'agent', agentId, event: { type: 'missed', callId: call.callId } },
      { type: 'callEvent', eventType: 'agent.noAnswer', data: { agentId, reason } },
      {
        type: 'notifyEnded',
        agentId,
        reason: reason === 'noAnswer' ? 'noAnswer' : reason === 'rejected' ? 'rejected' : 'failed',
        wrapUpSeconds: 0,
      },
      { type: 'enqueue', queue: call.queue, score: queueScore(call.enqueuedAt, call.priority) },
      { type: 'dispatch' },
    ],
  };
}

/** The agent leg hung up: while ringing that is a rejection; once connected it ends the call. */
export function agentHangup(
  call: LiveCall,
  event: CallEventOf<'agentHangup'>,
  now: Date,
  options: CallOptions,
): CallStep {
  if (call.agentChannelId !== event.agentChannelId) return { call, effects: [] };
  if (call.state === 'offering')
    return agentMissed(call, { type: 'agentLost', agentChannelId: event.agentChannelId, reason: 'rejected' });
  if (call.state === 'connected') return endCall(call, 'agentHangup', now, options);
  return { call, effects: [] };
}
