import { z } from 'zod';
import { QueueId } from '../vocabulary/center';
import { IsoInstant } from '../vocabulary/time';

/** Call records and events (telephony → crm-api, POST /api/internal/call-events). */

export const CALL_EVENT_TYPES = [
  'call.arrived', // StasisStart of an inbound call
  'call.answered', // the IVR answered the caller
  'ivr.step', // a node of the IVR ran
  'ivr.finished', // the IVR ended with an outcome
  'queue.entered', // data.priority, data.enqueuedAt (the caller's place in the queue as the queue holds it)
  'agent.offered', // an agent phone rings for this call (data.waitedSeconds; data.reservation: the ACD's reservation order, first in first out is judged by it)
  'agent.noAnswer',
  'call.connected', // caller and agent bridged
  'recording.started',
  'recording.finished',
  'call.abandoned', // caller hung up while queued
  'call.ended',
  'wrapUp.ended',
  // IVR self-service and partner transfer outcomes (added with the IVR outcomes in telephony)
  'callback.requested', // crm-api holds the callback (data.callbackId, or data.duplicate when one was already open)
  'callback.failed', // crm-api refused or was unreachable; the caller heard an apology
  'sms.requested', // crm-api queued the SMS (data.smsId, data.topic)
  'sms.failed', // data.reason: optedOut | notMobile | failed
  'transfer.started', // partner leg originated (data.partner, data.endpoint)
  'transfer.answered', // partner answered and was bridged with the caller
  'transfer.failed', // partner did not answer (data.reason); the caller goes to the general queue
  'transfer.ended', // the bridged partner call ended (data.by: caller | partner)
  'call.held', // the counselor put the caller on hold (music); 'call.resumed' ends it (data.heldSeconds)
  'call.resumed',
  'recording.paused', // the counselor paused the recording (sensitive details); 'recording.resumed' ends it (data.pausedSeconds)
  'recording.resumed',
  'monitor.started', // a supervisor listens / whispers / barges (data.supervisorId, supervisorPhone, mode)
  'monitor.mode', // the supervisor switched mode (data.supervisorId, mode, from)
  'monitor.ended', // the session ended (data.supervisorId, reason, seconds)
  'call.transferred', // a counselor transferred the connected call (data.from, data.target, data.mode)
  'consult.started', // attended transfer: a consult leg rings the target (data.from, data.to)
  'consult.ended', // the consult ended without a transfer (data.outcome: cancelled | failed, data.reason)
  'conference.started', // the consult became a three-way conference: caller, counselor and target (data.from, data.to)
  'call.outbound.started', // a counselor dials a customer from the desk (data.number, data.callbackId); their phone rings first
  'call.outbound.answered', // the customer answered and is bridged with the counselor
  'call.outbound.noAnswer', // nobody talked (data.leg: agent | customer, data.reason)
  'queue.virtualHold', // the queued caller chose to hang up and be called back in their turn (data.ticketId, waitedSeconds)
  'queue.maxWait', // the queued caller reached the queue's maximum wait (data.action: overflow (data.from, data.to) | callbackOffered | none; waitedSeconds)
] as const;
export const CallEventType = z.enum(CALL_EVENT_TYPES);
export type CallEventType = z.infer<typeof CallEventType>;

export const CallEventV1 = z.object({
  /** Unique per event (uuid): a re-sent event is stored once. */
  id: z.string().min(1).max(100),
  callId: z.string().min(1).max(100),
  type: CallEventType,
  /** A time we cannot read would poison every KPI: refused here. */
  at: IsoInstant,
  queue: QueueId.nullable().optional(),
  agentId: z.string().nullable().optional(),
  callerNumber: z.string().nullable().optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type CallEventV1 = z.infer<typeof CallEventV1>;

export const CallEventBatch = z.object({ events: z.array(CallEventV1).min(1).max(500) });
export type CallEventBatch = z.infer<typeof CallEventBatch>;

/** The answer: how many events were new and how many re-sent. */
export const CallEventIngestResult = z.object({
  stored: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
});
export type CallEventIngestResult = z.infer<typeof CallEventIngestResult>;
