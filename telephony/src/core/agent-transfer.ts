import type { QueueId, TransferContext, TransferInfo, TransferTarget } from '@cc1357/contracts';
import { queueScore } from './acd';
import type { CallEffect, CallOptions, CallStep, LiveCall } from './call-types';
import { secondsBetween } from './call-types';
import { closeHold } from './desk-controls';

/**
 * A counselor's blind transfer of a connected call, pure (the call machine delegates here).
 *
 *   connected ─transferBlind(queue)→ queued   (caller on music, back in the ACD at its old place)
 *   connected ─transferBlind(agent)→ offering (rings that counselor only; unanswered or refused,
 *                                              `agentMissed` puts the caller back in the call's queue)
 *
 * The first counselor's leg is hung up and they go to after-call work, told the call ended as
 * `transferred`. The caller is moved to the holding bridge with music *before* the counselor's leg
 * and the conversation's bridge go, so they never sit in silence. The transfer (from whom, the
 * notes, category and draft) stays on the call for the next counselor's offer.
 *
 * A target counselor arrives here already reserved (the console command reserves them atomically
 * in Redis first); if the call is no longer connected with the transferring counselor (the caller
 * hung up a moment before, or a double click already moved it), that reservation is released and
 * nothing else changes.
 */

export type AgentTransferEvent = {
  type: 'transferBlind';
  fromAgentId: string;
  fromName: string;
  /** For an agent target: the leg the command chose for their phone. */
  target: { kind: 'queue'; queue: QueueId } | { kind: 'agent'; agentId: string; agentChannelId: string };
  context: TransferContext;
};

export type AgentTransferEffect =
  /** The conversation's mixing bridge (and its recording) ends; the caller is already on music. */
  { type: 'dropConversation'; bridgeId: string };

/** The transfer as the call keeps it (shown on the next counselor's offer). */
export type AgentTransferRecord = TransferInfo;

function targetOf(event: AgentTransferEvent): TransferTarget {
  return event.target.kind === 'queue'
    ? { kind: 'queue', queue: event.target.queue }
    : { kind: 'agent', agentId: event.target.agentId };
}

/**
 * The mixing bridge of each conversation: a transfer's next conversation gets a new one. Asterisk
 * answers 409 "already exists" to a bridge created with the id of one deleted a moment before (its
 * destruction, recording and all, finishes after the 204); pbx-sim forgets it at once.
 */
export function segmentBridgeId(call: LiveCall): string {
  const segment = call.segments ?? 0;
  return segment > 0 ? `${call.callId}-mix-${segment + 1}` : `${call.callId}-mix`;
}

export function transferBlind(call: LiveCall, event: AgentTransferEvent, now: Date, options: CallOptions): CallStep {
  if (call.state !== 'connected' || call.agentId !== event.fromAgentId || !call.agentChannelId) {
    const release: CallEffect[] =
      event.target.kind === 'agent'
        ? [{ type: 'agent', agentId: event.target.agentId, event: { type: 'release', callId: call.callId } }]
        : [];
    return { call, effects: release };
  }
  const at = now.toISOString();
  const from = call.agentId;
  const target = targetOf(event);
  const transfer: AgentTransferRecord = {
    fromAgentId: from,
    fromName: event.fromName,
    at,
    mode: 'blind',
    target,
    notes: event.context.notes,
    category: event.context.category,
    draft: event.context.draft,
  };
  const queue = event.target.kind === 'queue' ? event.target.queue : (call.queue ?? 'general');
  // Keep the caller's place rules: the score is made from when they first queued and their priority.
  const enqueuedAt = call.enqueuedAt ?? at;
  const left: LiveCall = {
    ...call,
    queue,
    enqueuedAt,
    agentId: null,
    agentChannelId: null,
    offeredAt: null,
    connectedAt: null,
    mixingBridgeId: null,
    recordingName: null,
    holdingBridgeId: call.holdingBridgeId ?? `${call.callId}-hold`,
    heldAt: null,
    heldSeconds: 0,
    muted: false,
    missedBy: [],
    agentTransfer: transfer,
    segments: (call.segments ?? 0) + 1,
  };
  const leaving: CallEffect[] = [
    // Music first: the caller is in the holding bridge before the counselor's leg goes.
    { type: 'holdCaller' },
    { type: 'hangup', channelId: call.agentChannelId },
    { type: 'dropConversation', bridgeId: call.mixingBridgeId ?? `${call.callId}-mix` },
    ...closeHold(call, now),
    {
      type: 'callEvent',
      eventType: 'call.transferred',
      data: { from, target, mode: 'blind', talkSeconds: secondsBetween(call.connectedAt, now) },
    },
    {
      type: 'agent',
      agentId: from,
      event: { type: 'callEnded', callId: call.callId, wrapUpSeconds: options.wrapUpSeconds },
    },
    { type: 'notifyEnded', agentId: from, reason: 'transferred', wrapUpSeconds: options.wrapUpSeconds },
  ];
  if (event.target.kind === 'queue') {
    return {
      call: { ...left, state: 'queued' },
      effects: [
        ...leaving,
        // A caller who never queued (a direct line) takes a new place; one who did keeps theirs.
        call.enqueuedAt
          ? { type: 'enqueue', queue, score: queueScore(enqueuedAt, call.priority) }
          : { type: 'takePlace', queue, score: queueScore(enqueuedAt, call.priority), priority: call.priority },
        { type: 'dispatch' },
      ],
    };
  }
  const { agentId, agentChannelId } = event.target;
  return {
    call: { ...left, state: 'offering', agentId, agentChannelId, offeredAt: at },
    effects: [
      ...leaving,
      { type: 'originate', agentId, channelId: agentChannelId },
      { type: 'agent', agentId, event: { type: 'ring', callId: call.callId } },
      { type: 'startRingTimer', agentChannelId },
      {
        type: 'callEvent',
        eventType: 'agent.offered',
        data: { waitedSeconds: 0, transferredFrom: from },
      },
      { type: 'notifyOffered', agentId },
    ],
  };
}
