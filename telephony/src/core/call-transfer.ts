import { segmentBridgeId } from './agent-transfer';
import { endCall } from './call-end';
import type { CallEffect, CallEventOf, CallOptions, CallStep, IvrAction, LiveCall } from './call-types';
import { secondsBetween } from './call-types';

/**
 * The partner-transfer stage of the call machine: the IVR sends the caller to a partner line,
 * the caller waits with music while it rings; answered, the two talk until either hangs up;
 * lost, the caller hears an apology and is queued for the general line instead.
 *
 *   ivr ─ivrFinished(transfer)→ transferring ─partnerAnswered→ transferred ─either hangs up→ ended
 *                                    └─partnerLost→ announcing ─announced→ queued (general)
 */

type TransferAction = Extract<IvrAction, { kind: 'transfer' }>;

/** The IVR ended in a partner transfer: hold the caller and ring the partner. */
export function startTransfer(call: LiveCall, action: TransferAction, finished: CallEffect, at: string): CallStep {
  // The caller waits with music in a holding bridge while the partner rings.
  const next: LiveCall = {
    ...call,
    state: 'transferring',
    action,
    partnerChannelId: action.channelId,
    holdingBridgeId: `${call.callId}-hold`,
    offeredAt: at,
  };
  return {
    call: next,
    effects: [
      finished,
      { type: 'holdCaller' },
      {
        type: 'callEvent',
        eventType: 'transfer.started',
        data: { partner: action.partner, endpoint: action.endpoint },
      },
      { type: 'originatePartner', endpoint: action.endpoint, channelId: action.channelId, partner: action.partner },
      { type: 'startPartnerTimer', channelId: action.channelId },
    ],
  };
}

/** The partner picked up: bridge them with the caller (a stray or late partner leg is dropped). */
export function partnerAnswered(call: LiveCall, event: CallEventOf<'partnerAnswered'>, now: Date): CallStep {
  const at = now.toISOString();
  const action = call.action;
  if (call.state !== 'transferring' || call.partnerChannelId !== event.channelId || action?.kind !== 'transfer') {
    return { call, effects: [{ type: 'hangup', channelId: event.channelId }] };
  }
  return {
    // After a counselor's conversation (a desk relay) the partner's is bridged under a new id.
    call: { ...call, state: 'transferred', connectedAt: at, mixingBridgeId: segmentBridgeId(call) },
    effects: [
      { type: 'cancelRingTimer' },
      { type: 'bridgePartner' },
      {
        type: 'callEvent',
        eventType: 'transfer.answered',
        data: {
          partner: action.partner,
          endpoint: action.endpoint,
          waitedSeconds: secondsBetween(call.offeredAt, now),
        },
      },
      // A counselor's relay stored its record (with the consultation) before dialling.
      ...(action.relayId ? [] : [{ type: 'createRelay', partner: action.partner } as const]),
    ],
  };
}

/** The partner did not answer, rejected or failed: apologise, then queue the caller for the general line. */
export function partnerLost(call: LiveCall, event: CallEventOf<'partnerLost'>): CallStep {
  const action = call.action;
  if (call.state !== 'transferring' || call.partnerChannelId !== event.channelId || action?.kind !== 'transfer')
    return { call, effects: [] };
  return {
    call: { ...call, state: 'announcing', afterAnnounce: 'queueGeneral', partnerChannelId: null },
    effects: [
      { type: 'cancelRingTimer' },
      { type: 'hangup', channelId: event.channelId },
      {
        type: 'callEvent',
        eventType: 'transfer.failed',
        data: { partner: action.partner, endpoint: action.endpoint, reason: event.reason },
      },
      { type: 'announce', apology: 'transfer-failed' },
    ],
  };
}

/** The partner leg hung up: while ringing that is a rejection; once talking it ends the call. */
export function partnerHangup(
  call: LiveCall,
  event: CallEventOf<'partnerHangup'>,
  now: Date,
  options: CallOptions,
): CallStep {
  if (call.partnerChannelId !== event.channelId) return { call, effects: [] };
  if (call.state === 'transferring')
    return partnerLost(call, { type: 'partnerLost', channelId: event.channelId, reason: 'rejected' });
  if (call.state === 'transferred') return endCall(call, 'partnerHangup', now, options);
  return { call, effects: [] };
}
