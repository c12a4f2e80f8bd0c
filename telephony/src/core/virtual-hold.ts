import { type QueueId, dialableNumber } from '@cc1357/contracts';
import { queueScore } from './acd';
import type { CallEffect, CallEventOf, CallStep, LiveCall } from './call-types';
import { secondsBetween } from './call-types';

/**
 * Virtual hold (issue 16, Routing), pure: a caller waiting in a queue presses VIRTUAL_HOLD_DIGIT,
 * hangs up and keeps their place. Their place is a ticket scored like the queue entry it replaces
 * (`queueScore` of the same arrival and priority), so when the ticket is the oldest waiter of its
 * queue an agent is reserved and the caller is dialled back (the outbound-call machine).
 */
export const VIRTUAL_HOLD_DIGIT = '*';

export interface VirtualHoldTicket {
  ticketId: string;
  /** The inbound call the caller left (its records end there; the callback is a new call). */
  callId: string;
  queue: QueueId;
  /** The number to dial back, as dialled (digits only). */
  number: string;
  /** The queue place kept: the score the call had in its queue. */
  score: number;
  /** When the caller chose to be called back (ISO). */
  heldAt: string;
}

export type TicketResult = { ok: true; ticket: VirtualHoldTicket } | { ok: false; why: string };

/**
 * Why this caller could not have virtual hold whatever their state, or null when they could (the
 * queue announcements invite only those callers to press `*`).
 */
export function virtualHoldRefusal(call: LiveCall): string | null {
  // An agent transfer's caller has talked to someone already; keep them on the line.
  if (call.agentTransfer) return 'call was transferred by a counselor';
  if (!call.callerNumber || !dialableNumber(call.callerNumber)) return 'caller number withheld or not dialable';
  return null;
}

/** The ticket for a caller asking for virtual hold, or why they cannot have one. */
export function ticketFor(call: LiveCall, ticketId: string, now: Date): TicketResult {
  if (call.state !== 'queued' || !call.queue || !call.enqueuedAt)
    return { ok: false, why: `call is ${call.state}, not waiting in a queue` };
  const why = virtualHoldRefusal(call);
  const number = call.callerNumber ? dialableNumber(call.callerNumber) : null;
  if (why !== null || !number) return { ok: false, why: why ?? 'caller number withheld or not dialable' };
  return {
    ok: true,
    ticket: {
      ticketId,
      callId: call.callId,
      queue: call.queue,
      number,
      score: queueScore(call.enqueuedAt, call.priority ?? 0),
      heldAt: now.toISOString(),
    },
  };
}

/**
 * The call machine's step for `virtualHold`: the caller leaves the queue (their place now held by
 * the ticket, stored before this step) and is hung up. Not an abandon: `queue.virtualHold` then
 * `call.ended` with `virtualHold: true`, and no `call.abandoned`.
 */
export function leaveForVirtualHold(call: LiveCall, event: CallEventOf<'virtualHold'>, now: Date): CallStep {
  if (call.state !== 'queued' || !call.queue) return { call, effects: [] };
  const effects: CallEffect[] = [
    { type: 'dequeue', queue: call.queue },
    { type: 'hangup', channelId: call.callerChannelId },
    { type: 'destroyBridges' },
    {
      type: 'callEvent',
      eventType: 'queue.virtualHold',
      data: { ticketId: event.ticketId, waitedSeconds: secondsBetween(call.enqueuedAt, now) },
    },
    {
      type: 'callEvent',
      eventType: 'call.ended',
      data: { reason: 'callerHangup', stage: call.state, talkSeconds: 0, virtualHold: true },
    },
    { type: 'forget' },
    { type: 'dispatch' },
  ];
  return { call: { ...call, state: 'ended', endedAt: now.toISOString() }, effects };
}

/**
 * Whether the oldest ticket of a queue is next: no live caller of that queue waits with an earlier
 * (or equal) place. Equal places go to the live caller, who is on the line now.
 */
export function ticketsTurn(ticketScore: number, liveHeadScore: number | null): boolean {
  return liveHeadScore === null || ticketScore < liveHeadScore;
}
