import type { CallEffect, CallOptions, CallStep, LiveCall } from './call-types';
import { secondsBetween } from './call-types';
import { closeHold, closeRecordingPause, heldSecondsOf } from './desk-controls';
import { endConsult } from './agent-consult';

/**
 * How a call ends, from whichever stage it was in: the legs and bridges left to tear down, the
 * queue place to give up, the agent to release or send to wrap-up, and the `call.ended` record
 * (preceded by the stage's own ending: `call.abandoned`, `transfer.ended` / `transfer.failed`).
 * Ending twice changes nothing, so a hang-up that races another hang-up is harmless.
 */
export function endCall(
  call: LiveCall,
  reason: 'callerHangup' | 'agentHangup' | 'partnerHangup',
  now: Date,
  options: CallOptions,
): CallStep {
  if (call.state === 'ended') return { call, effects: [] };
  if (reason === 'partnerHangup' && call.state !== 'transferred') return { call, effects: [] };
  const ended: LiveCall = { ...call, state: 'ended', endedAt: now.toISOString() };
  const effects: CallEffect[] = [];
  const endEvent: CallEffect = {
    type: 'callEvent',
    eventType: 'call.ended',
    data: {
      reason,
      stage: call.state,
      talkSeconds: secondsBetween(call.connectedAt, now),
      ...(call.heldAt || call.heldSeconds ? { heldSeconds: heldSecondsOf(call, now) } : {}),
    },
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
      if (call.partnerChannelId)
        effects.push({ type: 'cancelRingTimer' }, { type: 'hangup', channelId: call.partnerChannelId });
      if (reason === 'partnerHangup') effects.push({ type: 'hangup', channelId: call.callerChannelId });
      effects.push(
        { type: 'destroyBridges' },
        call.state === 'transferred'
          ? {
              type: 'callEvent',
              eventType: 'transfer.ended',
              data: {
                partner: action?.partner ?? null,
                by: reason === 'partnerHangup' ? 'partner' : 'caller',
                talkSeconds: secondsBetween(call.connectedAt, now),
              },
            }
          : {
              type: 'callEvent',
              eventType: 'transfer.failed',
              data: { partner: action?.partner ?? null, reason: 'callerHangup' },
            },
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
        {
          type: 'callEvent',
          eventType: 'call.abandoned',
          data: {
            waitedSeconds: secondsBetween(call.enqueuedAt, now),
            ringing: call.state === 'offering',
            // Hung up while waiting after a counselor's transfer (talked to someone already).
            ...(call.agentTransfer ? { afterTransfer: true } : {}),
          },
        },
        endEvent,
        { type: 'forget' },
        { type: 'dispatch' },
      );
      break;
    case 'connected': {
      const other = reason === 'callerHangup' ? call.agentChannelId : call.callerChannelId;
      if (other) effects.push({ type: 'hangup', channelId: other });
      effects.push(...endConsult(call));
      effects.push({ type: 'destroyBridges' });
      // The console hears of the end and `call.ended` is recorded BEFORE the agent is freed: freeing
      // them wakes every node's ACD, and a next offer (from any node) must come after both — the
      // multi-node test saw offers stamped up to a second before the previous call's end, and
      // consoles shown a new call ringing while the last still looked connected.
      if (call.agentId)
        effects.push({
          type: 'notifyEnded',
          agentId: call.agentId,
          reason: reason === 'agentHangup' ? 'agentHangup' : 'callerHangup',
          wrapUpSeconds: options.wrapUpSeconds,
        });
      effects.push(...closeHold(call, now, true), ...closeRecordingPause(call, now, true), endEvent);
      if (call.agentId)
        effects.push({
          type: 'agent',
          agentId: call.agentId,
          event: { type: 'callEnded', callId: call.callId, wrapUpSeconds: options.wrapUpSeconds },
        });
      effects.push({ type: 'forget' });
      break;
    }
  }
  return { call: ended, effects };
}
