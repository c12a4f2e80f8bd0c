import type { PartnerId, TransferContext } from '@cc1357/contracts';
import type { AgentTransferRecord } from './agent-transfer';
import { segmentBridgeId } from './agent-transfer';
import type { CallEffect, CallOptions, CallStep, LiveCall } from './call-types';
import { secondsBetween } from './call-types';
import { closeHold } from './desk-controls';

/**
 * Attended transfer, pure: while the call stays `connected`, a consult leg rings the target
 * counselor; the caller waits with music.
 *
 *   consultStart → ringing ─consultAnswered→ talking ─consultComplete→ (target has the caller)
 *                     │                         ├─consultSwap→ the counselor talks to the caller / target
 *                     │                         └─consultCancel / target hangs up → back to the caller
 *                     └─consultLost (no answer, busy, failed) / consultCancel → back to the caller
 *
 * Every way out that is not a completion gives the caller back to the first counselor: the caller
 * is never left in silence, never dropped by a failed step.
 *
 * The target may be a partner center instead of a counselor (an attended relay, issue 12 §3): the
 * same machine, with the partner's line as the consult leg and no counselor state on that side.
 * Completing it leaves the call as the blind relay leaves it once the partner answered
 * (`transferred`, the partner bridged with the caller in a conversation of its own, not recorded
 * as the counselor's), so the rest of the call — either side hanging up — is the partner stage.
 */

/** The partner center of an attended relay: its line and crm-api's relay record (the package went first). */
export interface ConsultPartner {
  partner: PartnerId;
  endpoint: string;
  relayId: string;
}

/** The `agentId` a partner's consult leg carries: never a counselor's id (counselor checks never match it). */
export const partnerConsultTarget = (partner: PartnerId) => `partner:${partner}`;

export type ConsultEndReason = 'noAnswer' | 'rejected' | 'failed' | 'hangup' | 'cancelled';

export interface ConsultLeg {
  agentId: string;
  channelId: string;
  phase: 'ringing' | 'talking';
  /** Whom the first counselor is talking to while the consult is up (`all`: a three-way conference). */
  with: 'target' | 'caller' | 'all';
  fromName: string;
  context: TransferContext;
  startedAt: string;
  /** An attended relay: the partner center dialled (absent: a counselor). */
  partner?: ConsultPartner | null;
}

export type AgentConsultEvent =
  | {
      type: 'consultStart';
      fromAgentId: string;
      fromName: string;
      agentId: string;
      channelId: string;
      context: TransferContext;
      /** An attended relay: `agentId` is then `partnerConsultTarget(partner.partner)`. */
      partner?: ConsultPartner;
    }
  | { type: 'consultAnswered'; channelId: string }
  | { type: 'consultLost'; channelId: string; reason: 'noAnswer' | 'rejected' | 'failed' | 'hangup' }
  | { type: 'consultCancel'; fromAgentId: string }
  | { type: 'consultSwap'; fromAgentId: string }
  | { type: 'consultComplete'; fromAgentId: string }
  | { type: 'consultConference'; fromAgentId: string };

export type AgentConsultEffect =
  /** `endpoint`: a partner's line (absent: the counselor's phone); it rings as long as a partner's may. */
  | { type: 'originateConsult'; agentId: string; channelId: string; endpoint?: string }
  | { type: 'startConsultTimer'; channelId: string; partner?: boolean }
  | { type: 'cancelConsultTimer' }
  /** Media of the consult: the counselor's leg with the target, with the caller, all back, or the target to the caller. */
  | { type: 'consultMedia'; step: 'talkToTarget' | 'talkToCaller' | 'backToCaller' | 'complete' | 'conference' }
  /** The first counselor's console: the consult as it stands (none when over). */
  | { type: 'notifyConsult'; agentId: string; ended?: { reason: ConsultEndReason; partner?: PartnerId } };

export const consultBridgeOf = (callId: string) => `${callId}-consult`;

const nothing = (call: LiveCall): CallStep => ({ call, effects: [] });

export function applyConsult(call: LiveCall, event: AgentConsultEvent, now: Date, options: CallOptions): CallStep {
  switch (event.type) {
    case 'consultStart':
      return start(call, event, now);
    case 'consultAnswered':
      return answered(call, event.channelId, now);
    case 'consultLost':
      return call.consult?.channelId === event.channelId ? giveBack(call, event.reason) : nothing(call);
    case 'consultCancel':
      return byCounselor(call, event.fromAgentId) ? giveBack(call, 'cancelled') : nothing(call);
    case 'consultSwap':
      return byCounselor(call, event.fromAgentId) ? swap(call) : nothing(call);
    case 'consultComplete':
      return byCounselor(call, event.fromAgentId) ? complete(call, now, options) : nothing(call);
    case 'consultConference':
      return byCounselor(call, event.fromAgentId) ? conference(call) : nothing(call);
  }
}

const byCounselor = (call: LiveCall, agentId: string) =>
  call.state === 'connected' && call.agentId === agentId && !!call.consult;

function start(call: LiveCall, event: Extract<AgentConsultEvent, { type: 'consultStart' }>, now: Date): CallStep {
  if (call.state !== 'connected' || call.agentId !== event.fromAgentId || call.consult) {
    // The target was reserved for nothing (a race with a hang-up, a double click): free them.
    // A partner was not reserved: there is nothing to free.
    if (event.partner) return nothing(call);
    return {
      call,
      effects: [{ type: 'agent', agentId: event.agentId, event: { type: 'release', callId: call.callId } }],
    };
  }
  const consult: ConsultLeg = {
    agentId: event.agentId,
    channelId: event.channelId,
    phase: 'ringing',
    with: 'target',
    fromName: event.fromName,
    context: event.context,
    startedAt: now.toISOString(),
    ...(event.partner ? { partner: event.partner } : {}),
  };
  const from = event.fromAgentId;
  const partner = event.partner;
  if (partner)
    return {
      call: { ...call, consult },
      effects: [
        { type: 'holdMedia', held: true },
        {
          type: 'callEvent',
          eventType: 'consult.started',
          data: { from, to: event.agentId, partner: partner.partner, relayId: partner.relayId },
        },
        {
          type: 'callEvent',
          eventType: 'transfer.started',
          data: {
            partner: partner.partner,
            endpoint: partner.endpoint,
            relayId: partner.relayId,
            from,
            mode: 'attended',
          },
        },
        { type: 'originateConsult', agentId: event.agentId, channelId: event.channelId, endpoint: partner.endpoint },
        { type: 'startConsultTimer', channelId: event.channelId, partner: true },
        { type: 'notifyConsult', agentId: from },
      ],
    };
  return {
    call: { ...call, consult },
    effects: [
      { type: 'holdMedia', held: true },
      { type: 'callEvent', eventType: 'consult.started', data: { from, to: event.agentId } },
      { type: 'originateConsult', agentId: event.agentId, channelId: event.channelId },
      { type: 'agent', agentId: event.agentId, event: { type: 'ring', callId: call.callId } },
      { type: 'startConsultTimer', channelId: event.channelId },
      { type: 'notifyOffered', agentId: event.agentId },
      { type: 'notifyConsult', agentId: from },
    ],
  };
}

function answered(call: LiveCall, channelId: string, now: Date): CallStep {
  const consult = call.consult;
  if (call.state !== 'connected' || !call.agentId || consult?.channelId !== channelId || consult.phase !== 'ringing')
    return { call, effects: [{ type: 'hangup', channelId }] };
  const partner = consult.partner;
  if (partner)
    return {
      call: { ...call, consult: { ...consult, phase: 'talking', with: 'target' } },
      effects: [
        { type: 'cancelConsultTimer' },
        { type: 'consultMedia', step: 'talkToTarget' },
        // The partner's answer is what the relay rate measures the package's delivery against.
        {
          type: 'callEvent',
          eventType: 'transfer.answered',
          data: {
            partner: partner.partner,
            endpoint: partner.endpoint,
            relayId: partner.relayId,
            mode: 'attended',
            waitedSeconds: secondsBetween(consult.startedAt, now),
          },
        },
        { type: 'notifyConsult', agentId: call.agentId },
      ],
    };
  return {
    call: { ...call, consult: { ...consult, phase: 'talking', with: 'target' } },
    effects: [
      { type: 'cancelConsultTimer' },
      { type: 'agent', agentId: consult.agentId, event: { type: 'answer', callId: call.callId } },
      { type: 'consultMedia', step: 'talkToTarget' },
      { type: 'notifyConnected', agentId: consult.agentId },
      { type: 'notifyConsult', agentId: call.agentId },
    ],
  };
}

/** The consult is over without a transfer: the target's leg goes, the caller is back with the counselor. */
function giveBack(call: LiveCall, reason: ConsultEndReason): CallStep {
  const consult = call.consult;
  if (!consult || call.state !== 'connected' || !call.agentId) return nothing(call);
  const ringing = consult.phase === 'ringing';
  // A ring the target let run out is a missed ring (Not ready, as from the ACD); a cancelled one is no fault.
  const targetEvent = ringing
    ? reason === 'cancelled'
      ? ({ type: 'release', callId: call.callId } as const)
      : ({ type: 'missed', callId: call.callId } as const)
    : ({ type: 'callEnded', callId: call.callId, wrapUpSeconds: 0 } as const);
  const endReason =
    reason === 'noAnswer' ? 'noAnswer' : reason === 'failed' ? 'failed' : ringing ? 'rejected' : 'agentHangup';
  const partner = consult.partner?.partner;
  // A partner's leg has no counselor behind it: no state to free, no console to tell.
  const targetEffects: CallEffect[] = partner
    ? []
    : [
        { type: 'agent', agentId: consult.agentId, event: targetEvent },
        { type: 'notifyEnded', agentId: consult.agentId, reason: endReason, wrapUpSeconds: 0 },
      ];
  return {
    call: { ...call, consult: null },
    effects: [
      { type: 'cancelConsultTimer' },
      { type: 'hangup', channelId: consult.channelId },
      { type: 'consultMedia', step: 'backToCaller' },
      // Out of a conference the caller is already with the counselor (no music to stop).
      ...(consult.with === 'all' ? [] : [{ type: 'holdMedia', held: false } as const]),
      ...targetEffects,
      {
        type: 'callEvent',
        eventType: 'consult.ended',
        data: {
          from: call.agentId,
          to: consult.agentId,
          outcome: reason === 'cancelled' ? 'cancelled' : 'failed',
          reason,
          ...(consult.partner ? { partner, relayId: consult.partner.relayId } : {}),
        },
      },
      { type: 'notifyConsult', agentId: call.agentId, ended: { reason, ...(partner ? { partner } : {}) } },
    ],
  };
}

function swap(call: LiveCall): CallStep {
  const consult = call.consult!;
  // In a conference everyone already hears everyone: nothing to swap.
  if (consult.phase !== 'talking' || !call.agentId || consult.with === 'all') return nothing(call);
  const toCaller = consult.with === 'target';
  return {
    call: { ...call, consult: { ...consult, with: toCaller ? 'caller' : 'target' } },
    effects: [
      { type: 'consultMedia', step: toCaller ? 'talkToCaller' : 'talkToTarget' },
      { type: 'notifyConsult', agentId: call.agentId },
    ],
  };
}

function complete(call: LiveCall, now: Date, options: CallOptions): CallStep {
  const consult = call.consult!;
  const from = call.agentId!;
  if (consult.phase !== 'talking' || !call.agentChannelId) return nothing(call);
  if (consult.partner) return completeToPartner(call, consult, consult.partner, now, options);
  const at = now.toISOString();
  const transfer: AgentTransferRecord = {
    fromAgentId: from,
    fromName: consult.fromName,
    at,
    mode: 'attended',
    target: { kind: 'agent', agentId: consult.agentId },
    ...consult.context,
  };
  return {
    call: {
      ...call,
      agentId: consult.agentId,
      agentChannelId: consult.channelId,
      consult: null,
      agentTransfer: transfer,
      connectedAt: at,
      heldAt: null,
      heldSeconds: 0,
      muted: false,
    },
    effects: [
      // The target joins the caller first; only then does the first counselor's leg go.
      { type: 'consultMedia', step: 'complete' },
      { type: 'hangup', channelId: call.agentChannelId },
      {
        type: 'callEvent',
        eventType: 'call.transferred',
        data: {
          from,
          target: transfer.target,
          mode: 'attended',
          talkSeconds: secondsBetween(call.connectedAt, now),
        },
      },
      {
        type: 'agent',
        agentId: from,
        event: { type: 'callEnded', callId: call.callId, wrapUpSeconds: options.wrapUpSeconds },
      },
      { type: 'notifyEnded', agentId: from, reason: 'transferred', wrapUpSeconds: options.wrapUpSeconds },
      { type: 'notifyControls', agentId: consult.agentId },
    ],
  };
}

/**
 * The partner takes the caller: the call leaves the counselor as a blind relay does once the
 * partner answered — `transferred`, the partner's conversation bridged under a new id (the
 * counselor's recording ends with theirs), the counselor to after-call work.
 */
function completeToPartner(
  call: LiveCall,
  consult: ConsultLeg,
  partner: ConsultPartner,
  now: Date,
  options: CallOptions,
): CallStep {
  const from = call.agentId!;
  const segments = (call.segments ?? 0) + 1;
  const next: LiveCall = {
    ...call,
    state: 'transferred',
    action: {
      kind: 'transfer',
      partner: partner.partner,
      endpoint: partner.endpoint,
      channelId: consult.channelId,
      relayId: partner.relayId,
      fromAgentId: from,
    },
    partnerChannelId: consult.channelId,
    agentId: null,
    agentChannelId: null,
    consult: null,
    connectedAt: now.toISOString(),
    mixingBridgeId: null,
    recordingName: null,
    heldAt: null,
    heldSeconds: 0,
    muted: false,
    segments,
  };
  next.mixingBridgeId = segmentBridgeId(next);
  return {
    call: next,
    effects: [
      // The partner joins the caller first; only then do the counselor's leg and bridge go.
      { type: 'consultMedia', step: 'complete' },
      { type: 'hangup', channelId: call.agentChannelId! },
      { type: 'dropConversation', bridgeId: call.mixingBridgeId ?? segmentBridgeId(call) },
      ...closeHold(call, now),
      {
        type: 'callEvent',
        eventType: 'call.transferred',
        data: {
          from,
          target: { kind: 'partner', partner: partner.partner },
          mode: 'attended',
          relayId: partner.relayId,
          talkSeconds: secondsBetween(call.connectedAt, now),
        },
      },
      {
        type: 'agent',
        agentId: from,
        event: { type: 'callEnded', callId: call.callId, wrapUpSeconds: options.wrapUpSeconds },
      },
      { type: 'notifyEnded', agentId: from, reason: 'transferred', wrapUpSeconds: options.wrapUpSeconds },
      { type: 'notifyConsult', agentId: from },
    ],
  };
}

/**
 * Three-way conference: the caller, the counselor and the target in the call's mixing bridge.
 * Leaving it is the consult's own ways out: the counselor leaves (complete, or hangs up their
 * phone) → the caller and the target go on; the target leaves (cancel, or hangs up) → the caller
 * and the counselor go on; the caller hangs up → the call ends for everyone.
 */
function conference(call: LiveCall): CallStep {
  const consult = call.consult!;
  // A partner is relayed to, not conferenced with: the caller goes to them or stays here.
  if (consult.phase !== 'talking' || !call.agentId || consult.with === 'all' || consult.partner) return nothing(call);
  return {
    call: { ...call, consult: { ...consult, with: 'all' } },
    effects: [
      { type: 'consultMedia', step: 'conference' },
      { type: 'callEvent', eventType: 'conference.started', data: { from: call.agentId, to: consult.agentId } },
      { type: 'notifyConsult', agentId: call.agentId },
    ],
  };
}

/** What a call ending during a consult must also undo (the consult leg, the target's state). */
export function endConsult(call: LiveCall): CallEffect[] {
  const consult = call.consult;
  if (!consult) return [];
  const leg: CallEffect[] = [
    { type: 'cancelConsultTimer' },
    { type: 'hangup', channelId: consult.channelId },
    { type: 'dropConversation', bridgeId: consultBridgeOf(call.callId) },
  ];
  if (consult.partner) return leg;
  return [
    ...leg,
    {
      type: 'agent',
      agentId: consult.agentId,
      event:
        consult.phase === 'ringing'
          ? { type: 'release', callId: call.callId }
          : { type: 'callEnded', callId: call.callId, wrapUpSeconds: 0 },
    },
    { type: 'notifyEnded', agentId: consult.agentId, reason: 'callerHangup', wrapUpSeconds: 0 },
  ];
}

/** What a counselor's offer shows of a transfer: the consult ringing them, else the last transfer. */
export function offeredTransferOf(call: LiveCall): AgentTransferRecord | null {
  const consult = call.consult;
  if (consult && call.agentId && !consult.partner)
    return {
      fromAgentId: call.agentId,
      fromName: consult.fromName,
      at: consult.startedAt,
      mode: 'attended',
      target: { kind: 'agent', agentId: consult.agentId },
      ...consult.context,
    };
  return call.agentTransfer ?? null;
}
