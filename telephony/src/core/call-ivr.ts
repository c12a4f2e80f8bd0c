import type { CallEventType } from '@cc1357/contracts';
import { enterQueue } from './call-queue';
import { startTransfer } from './call-transfer';
import type { CallEffect, CallEventOf, CallStep, IvrAction, LiveCall } from './call-types';

/**
 * The IVR stage of the call machine: the IVR finishes with a queue, a partner transfer or
 * nothing more to do; on the way it may ask for a callback or an SMS (self-service), which it
 * confirms or apologises for itself before it finishes. Telephony's own apologies
 * (`announcing`) end here too.
 *
 *   ivr ─ivrFinished(queue)→ queued
 *   ivr ─ivrFinished(queue, refused)→ announcing ─announced→ (hang up)   (admission control)
 *   ivr ─selfServiceRequested→ selfService ─selfServiceDone→ selfService ─ivrFinished→ (hang up)
 */

export function ivrFinished(call: LiveCall, event: CallEventOf<'ivrFinished'>, now: Date): CallStep {
  // From selfService: the IVR confirmed (or apologised for) its request and is done.
  if (call.state !== 'ivr' && call.state !== 'selfService') return { call, effects: [] };
  const at = now.toISOString();
  const finished: CallEffect = {
    type: 'callEvent',
    eventType: 'ivr.finished',
    data: { outcome: event.outcome, path: event.path, ...(event.refused ? { refused: event.refused } : {}) },
  };
  if (event.action) return startAction({ ...call, ivrPath: event.path }, event.action, finished, at);
  if (event.queue && event.refused) {
    // The queue admits no more callers: rather than an endless wait, the busy message, then hang up.
    return {
      call: { ...call, state: 'announcing', afterAnnounce: 'hangup', queue: event.queue, ivrPath: event.path },
      effects: [finished, { type: 'announce', apology: 'fallback-goodbye' }],
    };
  }
  if (!event.queue)
    return {
      call: { ...call, ivrPath: event.path },
      effects: [finished, { type: 'hangup', channelId: call.callerChannelId }],
    };
  const queued = enterQueue({ ...call, ivrPath: event.path }, event.queue, event.priority, now);
  return { call: queued.call, effects: [finished, ...queued.effects] };
}

/** The IVR asked crm-api for a callback or an SMS; the call waits in selfService until it finishes. */
export function selfServiceRequested(call: LiveCall, event: CallEventOf<'selfServiceRequested'>): CallStep {
  if (call.state !== 'ivr') return { call, effects: [] };
  return { call: { ...call, state: 'selfService', action: event.action, ivrPath: event.path }, effects: [] };
}

/** crm-api answered the self-service request: record what was asked and how it went. */
export function selfServiceDone(call: LiveCall, event: CallEventOf<'selfServiceDone'>): CallStep {
  const action = call.action;
  if (call.state !== 'selfService' || !action || (action.kind !== 'callback' && action.kind !== 'sms'))
    return { call, effects: [] };
  const ok = event.result === 'ok' || event.result === 'duplicate';
  const eventType: CallEventType =
    action.kind === 'callback' ? (ok ? 'callback.requested' : 'callback.failed') : ok ? 'sms.requested' : 'sms.failed';
  return {
    call,
    effects: [
      {
        type: 'callEvent',
        eventType,
        data: {
          ...event.data,
          result: event.result,
          ...(action.kind === 'sms' ? { topic: action.topic } : { queue: action.queue }),
          number: action.number,
        },
      },
    ],
  };
}

/** Telephony's apology was played: hang up, or (after a failed transfer) queue for the general line. */
export function announced(call: LiveCall, now: Date): CallStep {
  if (call.state !== 'announcing') return { call, effects: [] };
  if (call.afterAnnounce === 'queueGeneral') {
    // Sent back after a failed transfer: they already waited once, so they go ahead of new callers.
    return enterQueue({ ...call, afterAnnounce: null }, 'general', 1, now);
  }
  return { call: { ...call, afterAnnounce: null }, effects: [{ type: 'hangup', channelId: call.callerChannelId }] };
}

/** The IVR ended in an action: self-service is already over (hang up); a transfer starts. */
function startAction(call: LiveCall, action: IvrAction, finished: CallEffect, at: string): CallStep {
  if (action.kind !== 'transfer') {
    // Self-service is over by the time the IVR finishes (it asked, then confirmed): hang up.
    return { call, effects: [finished, { type: 'hangup', channelId: call.callerChannelId }] };
  }
  return startTransfer(call, action, finished, at);
}
