import { callRecordingName, seoulDate, type CallEndedV1, type CallEventType, type QueueId } from '@cc1357/contracts';
import type { AgentEvent } from './agent-state';
import type { AgentConsultEffect, AgentConsultEvent, ConsultLeg } from './agent-consult';
import type { AgentTransferEffect, AgentTransferEvent, AgentTransferRecord } from './agent-transfer';
import type { DeskControlEffect, DeskControlEvent } from './desk-controls';
import type { PartnerRelayEvent } from './partner-relay';
import type { OutboundEvent, OutboundInfo } from './outbound-call';
import type { QueuePromptId } from './queue-announce';

/**
 * The call machine's vocabulary: its states, the events it takes and the effects it asks for
 * (`applyCallEvent` in `call.ts` decides; `app/calls/call-stepper.ts` performs the effects —
 * ARI, Redis, console, CRM — and feeds what happened back as events). Redis keeps `LiveCall`
 * so another process can resume.
 *
 *   ivr ─ivrFinished(queue)→ queued ─offer→ offering ─agentAnswered→ connected ─hangup→ ended
 *                              ↑────── agentLost / ringTimeout ──────┘
 *   ivr ─selfServiceRequested→ selfService ─selfServiceDone→ selfService ─ivrFinished→ (hang up)
 *       (the IVR runner asks for a callback / SMS, then itself confirms or apologises, then finishes)
 *   ivr ─ivrFinished(transfer)→ transferring ─partnerAnswered→ transferred ─either hangs up→ ended
 *                                    └─partnerLost→ announcing ─announced→ queued (general)
 */
export type CallState =
  | 'ivr'
  | 'selfService'
  | 'transferring'
  | 'transferred'
  | 'announcing'
  | 'queued'
  | 'offering'
  | 'connected'
  | 'ended'
  /** A counselor's call to a customer (`outbound-call.ts`): their phone rings, then the customer's. */
  | 'dialingAgent'
  | 'dialingCustomer';

/**
 * The apologies telephony plays on its own (the IVR plays those of callback and SMS itself).
 * They are platform prompts of ivr-flows (PLATFORM_PROMPT_IDS, with text and audio in ko.yaml);
 * the core may not import ivr-flows, so it names them and `app/calls/announcer.ts` checks them
 * against PlatformPromptId (a compile error if one is missing there) and turns them into media.
 */
export type ApologyPromptId =
  | 'transfer-failed'
  /** "All counselors are busy, please call again later": also the busy message of a queue that admits no more callers. */
  | 'fallback-goodbye';

/** A callback or SMS the IVR asked crm-api for (the IVR confirms or apologises itself). */
export type SelfServiceAction =
  { kind: 'callback'; number: string | null; queue: QueueId } | { kind: 'sms'; number: string | null; topic: string };

/** What the IVR asked for beyond a queue, as the machine carries it out. */
export type IvrAction =
  | SelfServiceAction
  | {
      kind: 'transfer';
      partner: string;
      endpoint: string;
      channelId: string;
      /** A counselor's relay (`partner-relay.ts`): its relay record, stored before dialling, and who relayed. */
      relayId?: string;
      fromAgentId?: string;
    };

export type SelfServiceResult = 'ok' | 'duplicate' | 'optedOut' | 'notMobile' | 'failed';

export interface LiveCall {
  callId: string;
  /** The telephony node (ARI app on one Asterisk) that controls the channels. */
  node: string;
  callerChannelId: string;
  callerNumber: string | null;
  state: CallState;
  arrivedAt: string;
  queue: QueueId | null;
  priority: number;
  enqueuedAt: string | null;
  ivrPath: string[];
  agentId: string | null;
  agentChannelId: string | null;
  holdingBridgeId: string | null;
  mixingBridgeId: string | null;
  recordingName: string | null;
  offeredAt: string | null;
  connectedAt: string | null;
  endedAt: string | null;
  /** Agents that let this call ring out (passed over while another ready agent has the skill). */
  missedBy: string[];
  /** IVR self-service or partner transfer in progress (absent on calls stored by older versions). */
  action?: IvrAction | null;
  /** The partner leg of a transfer. */
  partnerChannelId?: string | null;
  /** What follows the announcement being played. */
  afterAnnounce?: 'hangup' | 'queueGeneral' | null;
  /** Desk controls of a connected call (`core/desk-controls.ts`): when the running hold began, */
  heldAt?: string | null;
  /** the seconds of holds already over, */
  heldSeconds?: number;
  /** and whether the counselor is muted. */
  muted?: boolean;
  /** When the running recording pause began (null / absent: recording), */
  recordingPausedAt?: string | null;
  /** and the seconds of pauses already over. */
  recordingPausedSeconds?: number;
  /** The last counselor's transfer of this call (`core/agent-transfer.ts`), shown on the next offer. */
  agentTransfer?: AgentTransferRecord | null;
  /** Conversations before the current one (each transfer starts another, recorded under its own name). */
  segments?: number;
  /** An attended transfer's consult leg while it is up (`core/agent-consult.ts`). */
  consult?: ConsultLeg | null;
  /** A counselor's call to a customer (`core/outbound-call.ts`); absent on inbound calls. */
  outbound?: OutboundInfo | null;
  /** Queue announcements (`core/queue-announce.ts`): when the last one began, */
  queueAnnouncedAt?: string | null;
  /** its playback (stopped when the call is offered; null once stopped), */
  queuePlaybackId?: string | null;
  /** and when the queue's maximum wait was acted on (overflow or call-back offer; once per call). */
  maxWaitAt?: string | null;
}

export type EndReason = CallEndedV1['reason'];

export type CallEvent =
  | {
      type: 'ivrFinished';
      queue: QueueId | null;
      priority: number;
      path: string[];
      outcome: Record<string, unknown>;
      action?: IvrAction;
      /** Admission control refused `queue` (too deep, or the wait too long): busy message, then hang up. */
      refused?: 'depth' | 'wait';
    }
  /** `path`: the IVR path so far (the request carries it, e.g. in the callback's note). */
  | { type: 'selfServiceRequested'; action: SelfServiceAction; path: string[] }
  | { type: 'selfServiceDone'; result: SelfServiceResult; data: Record<string, unknown> }
  | { type: 'announced' }
  | { type: 'partnerAnswered'; channelId: string }
  | { type: 'partnerLost'; channelId: string; reason: 'noAnswer' | 'rejected' | 'failed' }
  | { type: 'partnerHangup'; channelId: string }
  /** `reservation`: the reservation's order in Redis (LiveState ReserveResult), carried to `agent.offered`. */
  | { type: 'offer'; agentId: string; agentChannelId: string; reservation?: number }
  | { type: 'agentAnswered'; agentChannelId: string }
  | { type: 'agentLost'; agentChannelId: string; reason: 'noAnswer' | 'rejected' | 'failed' }
  | { type: 'ringTimeout'; agentChannelId: string }
  | { type: 'callerHangup' }
  /** A queued caller's turn for an announcement: their place (1 = next) and estimated wait, played as `playbackId`. */
  | { type: 'queueAnnounce'; position: number; estimatedWaitSeconds: number; playbackId: string }
  /** The queued caller reached the queue's maximum wait: overflow to `overflowTo`, else offer a call back. */
  | { type: 'maxWait'; overflowTo: QueueId | null; playbackId: string }
  /** The queued caller pressed for virtual hold; their place is kept by this ticket (`core/virtual-hold.ts`). */
  | { type: 'virtualHold'; ticketId: string }
  | { type: 'agentHangup'; agentChannelId: string }
  | DeskControlEvent
  | AgentTransferEvent
  | AgentConsultEvent
  | PartnerRelayEvent
  | OutboundEvent;

export type CallEffect =
  | { type: 'hangup'; channelId: string }
  | { type: 'holdCaller' }
  /** Back to a place the call already had (its score kept: a missed ring, an overflow, a repair). */
  | { type: 'enqueue'; queue: QueueId; score: number }
  /**
   * A new place at the back of the queue. The store may move `score` later, behind every place
   * already taken at this priority, and then corrects the call's `enqueuedAt` (see `LiveState.takePlace`).
   */
  | { type: 'takePlace'; queue: QueueId; score: number; priority: number }
  | { type: 'dequeue'; queue: QueueId }
  | { type: 'originate'; agentId: string; channelId: string }
  | { type: 'startRingTimer'; agentChannelId: string }
  | { type: 'cancelRingTimer' }
  | { type: 'connect' }
  | { type: 'destroyBridges' }
  | { type: 'agent'; agentId: string; event: AgentEvent }
  | { type: 'notifyOffered'; agentId: string }
  | { type: 'notifyConnected'; agentId: string }
  | { type: 'notifyEnded'; agentId: string; reason: EndReason; wrapUpSeconds: number }
  | { type: 'callEvent'; eventType: CallEventType; data: Record<string, unknown> }
  | { type: 'dispatch' }
  | { type: 'forget' }
  /** Play a queue announcement to the caller in the holding bridge (its prompts in order, one playback). */
  | { type: 'playQueueAnnouncement'; playbackId: string; prompts: QueuePromptId[] }
  /** Stop the caller's queue announcement (gone already is fine). */
  | { type: 'stopQueueAnnouncement'; playbackId: string }
  /** One of telephony's apologies. */
  | { type: 'announce'; apology: ApologyPromptId }
  | { type: 'originatePartner'; endpoint: string; channelId: string; partner: string }
  | { type: 'startPartnerTimer'; channelId: string }
  | { type: 'bridgePartner' }
  | { type: 'createRelay'; partner: string }
  /** Dial the customer of an outbound call (caller id 1357), as `customer,<callId>`. */
  | { type: 'originateCustomer'; endpoint: string; channelId: string }
  | DeskControlEffect
  | AgentTransferEffect
  | AgentConsultEffect;

export interface CallOptions {
  wrapUpSeconds: number;
}

export interface CallStep {
  call: LiveCall;
  effects: CallEffect[];
}

export function newCall(
  init: { callId: string; node: string; callerChannelId: string; callerNumber: string | null },
  now: Date,
): LiveCall {
  return {
    ...init,
    state: 'ivr',
    arrivedAt: now.toISOString(),
    queue: null,
    priority: 0,
    enqueuedAt: null,
    ivrPath: [],
    agentId: null,
    agentChannelId: null,
    holdingBridgeId: null,
    mixingBridgeId: null,
    recordingName: null,
    offeredAt: null,
    connectedAt: null,
    endedAt: null,
    missedBy: [],
  };
}

/**
 * `cc/<YYYY-MM-DD in Seoul>/<callId>` (one folder per center day), `…~<n>` for the n-th
 * conversation of a transferred call (contracts' `callRecordingName`, read back by crm-api).
 */
export function recordingNameOf(callId: string, now: Date, conversation = 1): string {
  return callRecordingName({ day: seoulDate(now), callId, conversation });
}

/** One kind of event, narrowed by its `type` (what each stage's handler takes). */
export type CallEventOf<T extends CallEvent['type']> = Extract<CallEvent, { type: T }>;

/** Seconds from an ISO instant to now (0 when there is none, never negative). */
export const secondsBetween = (from: string | null, now: Date) =>
  from ? Math.max(0, (now.getTime() - Date.parse(from)) / 1000) : 0;
