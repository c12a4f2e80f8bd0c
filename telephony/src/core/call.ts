import { applyConsult } from './agent-consult';
import { transferBlind } from './agent-transfer';
import { endCall } from './call-end';
import { announced, ivrFinished, selfServiceDone, selfServiceRequested } from './call-ivr';
import { agentAnswered, agentHangup, agentMissed, offerCall } from './call-queue';
import { partnerAnswered, partnerHangup, partnerLost } from './call-transfer';
import type { CallEvent, CallOptions, CallStep, LiveCall } from './call-types';
import { applyDeskControl } from './desk-controls';
import { relayToPartner } from './partner-relay';
import { applyOutbound, isOutboundDialing, outboundAgentAnswered, outboundNotAnswered } from './outbound-call';
import { leaveForVirtualHold } from './virtual-hold';
import { announceInQueue, maxWaitReached } from './queue-announce';

/**
 * The call machine's entry: `applyCallEvent(call, event, now, options) → { call, effects }`, pure.
 * It hands each event to the stage that owns it — the IVR (`call-ivr.ts`), a partner transfer
 * (`call-transfer.ts`), the queue and the agent's ring (`call-queue.ts`), the ending
 * (`call-end.ts`), hold and mute (`desk-controls.ts`); the states and events are in
 * `call-types.ts`. Importers use this module only, so the stages can be reshaped freely.
 */

export type {
  ApologyPromptId,
  CallEffect,
  CallEvent,
  CallOptions,
  CallState,
  CallStep,
  EndReason,
  IvrAction,
  LiveCall,
  SelfServiceAction,
  SelfServiceResult,
} from './call-types';
export { newCall, recordingNameOf } from './call-types';

export function applyCallEvent(call: LiveCall, event: CallEvent, now: Date, options: CallOptions): CallStep {
  // An outbound call is its own stage until the customer answers; then it is an ordinary call.
  if (isOutboundDialing(call)) {
    switch (event.type) {
      case 'agentAnswered':
        return outboundAgentAnswered(call, event.agentChannelId);
      case 'ringTimeout':
      case 'agentLost':
        if (event.agentChannelId !== call.agentChannelId) return { call, effects: [] };
        return outboundNotAnswered(
          call,
          'agent',
          event.type === 'ringTimeout' ? 'noAnswer' : event.reason,
          now,
          options,
        );
      case 'agentHangup':
        if (event.agentChannelId !== call.agentChannelId) return { call, effects: [] };
        return call.state === 'dialingAgent'
          ? outboundNotAnswered(call, 'agent', 'rejected', now, options)
          : outboundNotAnswered(call, 'customer', 'agentHangup', now, options);
      case 'callerHangup':
        // The customer's leg gone before it answered: not answered, busy or failed.
        return outboundNotAnswered(call, 'customer', 'noAnswer', now, options);
      default:
        break;
    }
  }
  switch (event.type) {
    case 'outboundDial':
    case 'customerAnswered':
      return applyOutbound(call, event, now);
    case 'ivrFinished':
      return ivrFinished(call, event, now);
    case 'selfServiceRequested':
      return selfServiceRequested(call, event);
    case 'selfServiceDone':
      return selfServiceDone(call, event);
    case 'announced':
      return announced(call, now);
    case 'partnerAnswered':
      return partnerAnswered(call, event, now);
    case 'partnerLost':
      return partnerLost(call, event);
    case 'partnerHangup':
      return partnerHangup(call, event, now, options);
    case 'offer':
      return offerCall(call, event, now);
    case 'agentAnswered':
      return agentAnswered(call, event, now);
    case 'ringTimeout':
    case 'agentLost':
      return agentMissed(call, event);
    case 'callerHangup':
      return endCall(call, 'callerHangup', now, options);
    case 'virtualHold':
      return leaveForVirtualHold(call, event, now);
    case 'queueAnnounce':
      return announceInQueue(call, event, now);
    case 'maxWait':
      return maxWaitReached(call, event, now);
    case 'agentHangup':
      // In a conference the counselor hanging up is leaving it: the caller and the target go on.
      if (call.consult?.with === 'all' && call.agentId && call.agentChannelId === event.agentChannelId)
        return applyConsult(call, { type: 'consultComplete', fromAgentId: call.agentId }, now, options);
      return agentHangup(call, event, now, options);
    case 'hold':
    case 'mute':
    case 'recordingPause':
      return applyDeskControl(call, event, now);
    case 'transferBlind':
      return transferBlind(call, event, now, options);
    case 'relayToPartner':
      return relayToPartner(call, event, now, options);
    case 'consultStart':
    case 'consultAnswered':
    case 'consultLost':
    case 'consultCancel':
    case 'consultSwap':
    case 'consultComplete':
    case 'consultConference':
      return applyConsult(call, event, now, options);
  }
}
