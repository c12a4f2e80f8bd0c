import type { PartnerCenterDto, PartnerId } from '@cc1357/contracts';
import { segmentBridgeId } from './agent-transfer';
import type { CallEffect, CallOptions, CallStep, LiveCall } from './call-types';
import { secondsBetween } from './call-types';
import { closeHold } from './desk-controls';

/**
 * A counselor's relay of the connected call to a partner center, pure (issue 12 §3).
 *
 *   connected ─relayToPartner→ transferring ─partnerAnswered→ transferred   (the IVR's partner
 *                                   └─partnerLost→ announcing → queued (general)     stage from here)
 *
 * It joins the IVR's partner-transfer stage (`call-transfer.ts`): the caller waits with music in
 * the holding bridge while the partner rings, and a partner that does not answer gives the
 * caller an apology and the general queue, never silence. What differs from the IVR's transfer
 * is the counselor leaving as in a blind transfer (`agent-transfer.ts`: music first, then their
 * leg hung up, the conversation's bridge ended, after-call work) and the relay record, which
 * the command stored before dialling (so the package reaches the partner before it picks up).
 *
 * The attended relay is not here: it is the consult of an attended transfer with the partner's
 * line as its leg (`agent-consult.ts`, `consultStart` with `partner`), decided by the same checks.
 */

export type PartnerRelayEvent = {
  type: 'relayToPartner';
  fromAgentId: string;
  partner: PartnerId;
  /** The dial string of the partner's configured number (`relayEndpoint`). */
  endpoint: string;
  channelId: string;
  /** crm-api's relay record (its package is already on its way to the partner). */
  relayId: string;
};

/** Whether a relay may dial the partner now, and where: decided from crm-api's partner list. */
export type RelayDecision =
  { ok: true; endpoint: string } | { ok: false; code: 'NOT_FOUND' | 'INVALID_STATE' | 'BAD_REQUEST'; message: string };

/**
 * The dial string of a partner's configured `dial`: a full dial string (it names a technology,
 * `PJSIP/fta-trunk/1380`, `Local/1380@partners`) is used as it is; a number goes into the
 * node's template as digits (`PJSIP/{number}` on pbx-sim). Null when it has neither.
 */
export function relayEndpoint(template: string, dial: string): string | null {
  const trimmed = dial.trim();
  if (/^[A-Za-z]+\/\S+$/.test(trimmed)) return trimmed;
  const digits = trimmed.replace(/\D/g, '');
  return digits ? template.replaceAll('{number}', digits) : null;
}

/**
 * Open → dial the configured number; closed (its hours or a holiday) → refused with the reason,
 * so the counselor offers the caller a callback from the partner instead of dialling into an
 * empty office; unknown partner or no usable number → refused. The caller stays with the counselor.
 */
export function relayDecision(
  partnerId: PartnerId,
  partners: readonly PartnerCenterDto[],
  template: string,
): RelayDecision {
  const partner = partners.find((p) => p.id === partnerId);
  if (!partner) return { ok: false, code: 'NOT_FOUND', message: `partnerId: no partner center ${partnerId}` };
  if (!partner.openNow)
    return {
      ok: false,
      code: 'INVALID_STATE',
      message: `partnerId: ${partner.nameKo} is closed now (${partner.closedReason ?? 'closed'}): offer a callback from the partner instead`,
    };
  const endpoint = relayEndpoint(template, partner.dial);
  if (!endpoint)
    return { ok: false, code: 'BAD_REQUEST', message: `partnerId: ${partner.nameKo} has no number to dial` };
  return { ok: true, endpoint };
}

/**
 * Whether `call` is already being relayed by this counselor to this partner (a repeated command):
 * blind or completed (the call's partner stage), or attended and still in its consult.
 */
export function alreadyRelayed(call: LiveCall, agentId: string, partner: PartnerId): boolean {
  const action = call.action;
  if (action?.kind === 'transfer' && action.fromAgentId === agentId && action.partner === partner) return true;
  return call.agentId === agentId && call.consult?.partner?.partner === partner;
}

export function relayToPartner(call: LiveCall, event: PartnerRelayEvent, now: Date, options: CallOptions): CallStep {
  if (call.state !== 'connected' || call.agentId !== event.fromAgentId || !call.agentChannelId || call.consult)
    return { call, effects: [] };
  const at = now.toISOString();
  const from = event.fromAgentId;
  const segments = (call.segments ?? 0) + 1;
  const next: LiveCall = {
    ...call,
    state: 'transferring',
    action: {
      kind: 'transfer',
      partner: event.partner,
      endpoint: event.endpoint,
      channelId: event.channelId,
      relayId: event.relayId,
      fromAgentId: from,
    },
    partnerChannelId: event.channelId,
    agentId: null,
    agentChannelId: null,
    offeredAt: at,
    connectedAt: null,
    mixingBridgeId: null,
    recordingName: null,
    holdingBridgeId: call.holdingBridgeId ?? `${call.callId}-hold`,
    heldAt: null,
    heldSeconds: 0,
    muted: false,
    segments,
  };
  const effects: CallEffect[] = [
    // Music first: the caller is in the holding bridge before the counselor's leg goes.
    { type: 'holdCaller' },
    { type: 'hangup', channelId: call.agentChannelId },
    { type: 'dropConversation', bridgeId: call.mixingBridgeId ?? segmentBridgeId(call) },
    ...closeHold(call, now),
    {
      type: 'callEvent',
      eventType: 'call.transferred',
      data: {
        from,
        target: { kind: 'partner', partner: event.partner },
        mode: 'blind',
        relayId: event.relayId,
        talkSeconds: secondsBetween(call.connectedAt, now),
      },
    },
    {
      type: 'agent',
      agentId: from,
      event: { type: 'callEnded', callId: call.callId, wrapUpSeconds: options.wrapUpSeconds },
    },
    { type: 'notifyEnded', agentId: from, reason: 'transferred', wrapUpSeconds: options.wrapUpSeconds },
    {
      type: 'callEvent',
      eventType: 'transfer.started',
      data: { partner: event.partner, endpoint: event.endpoint, relayId: event.relayId, from },
    },
    { type: 'originatePartner', endpoint: event.endpoint, channelId: event.channelId, partner: event.partner },
    { type: 'startPartnerTimer', channelId: event.channelId },
  ];
  return { call: next, effects };
}
