import { z } from 'zod';
import { AgentSnapshot, AgentState, NotReadyReason } from '../vocabulary/agent';
import { QueueId } from '../vocabulary/center';
import { ErrorCode } from '../vocabulary/errors';
import { IsoInstant } from '../vocabulary/time';
import { WrapUpCode } from '../vocabulary/wrapUp';
import { CallerPop } from '../rest/callers';
import { DayStats } from '../rest/stats';
import {
  CallConsultCommandV1,
  CallConsultV1,
  CallTransferCommandV1,
  TransferInfo,
  TransferTargetsCommandV1,
  TransferTargetsV1,
} from './agent-transfer';
import { CallControlsV1, CallHoldCommandV1, CallMuteCommandV1, CallRecordingPauseCommandV1 } from './desk-controls';
import {
  CallMonitoredV1,
  MonitorModeCommandV1,
  MonitorStartCommandV1,
  MonitorStateV1,
  MonitorStopCommandV1,
} from './monitoring';
import { IvrFlowSetV1 } from './ivrFlowSet';
import {
  AgentSupervisedV1,
  FloorAgentDetailV1,
  SupervisorAgentLogoutCommandV1,
  SupervisorAgentNotReadyCommandV1,
  SupervisorAgentSkillsCommandV1,
} from './supervision';
import { CallRelayCommandV1 } from './agent-relay';
import { CallDialCommandV1 } from './agent-dial';

/**
 * socket.io events between telephony's gateway and the console. Names carry a version so a
 * changed payload gets a new name instead of silently breaking old consoles.
 *
 * Auth: the client connects with `auth: { token }` (the crm-api login token). Counselors
 * join their agent room; supervisors and admins also join the `supervisors` room.
 *
 * Every event is listed once, in SERVER_EVENTS or CLIENT_COMMANDS (name → payload schema);
 * the socket.io typings and the console's validation are derived from those two tables.
 */

/* ---------- server → client payloads ---------- */

export const AgentStateV1 = AgentSnapshot;
export type AgentStateV1 = AgentSnapshot;

export const CallOfferedV1 = z.object({
  callId: z.string(),
  queue: QueueId,
  callerNumber: z.string().nullable(),
  offeredAt: IsoInstant,
  /** Seconds the caller waited in queue before this offer. */
  waitedSeconds: z.number(),
  /** The IVR nodes the caller went through, in order (e.g. ["notice", "main", "fund"]). */
  ivrPath: z.array(z.string()),
  pop: CallerPop,
  /** Present when another counselor transferred the call here: from whom, and what they knew. */
  transfer: TransferInfo.optional(),
  /** Present when the counselor placed this call from the desk (`call.dial.v1`): no queue, no wait. */
  outbound: z.object({ callbackId: z.string().nullable() }).optional(),
});
export type CallOfferedV1 = z.infer<typeof CallOfferedV1>;

/** The pop of an offered call whose offer went out with pop status `pending` (crm-api was slow). */
export const CallPopV1 = z.object({
  callId: z.string(),
  pop: CallerPop,
});
export type CallPopV1 = z.infer<typeof CallPopV1>;

export const CallConnectedV1 = z.object({
  callId: z.string(),
  connectedAt: IsoInstant,
  recordingName: z.string().nullable(),
});
export type CallConnectedV1 = z.infer<typeof CallConnectedV1>;

export const CallEndedV1 = z.object({
  callId: z.string(),
  endedAt: IsoInstant,
  /** Who ended it, or why it never connected. */
  reason: z.enum(['callerHangup', 'agentHangup', 'noAnswer', 'rejected', 'failed', 'transferred']),
  /** After-call work the agent now has, 0 when the call never connected. */
  wrapUpSeconds: z.number().int().nonnegative(),
});
export type CallEndedV1 = z.infer<typeof CallEndedV1>;

/**
 * An agent's desk phone (PJSIP endpoint = the agent id) as Asterisk's registrar sees it, from the
 * AMI watcher: `unregistered` (no contact: calls cannot reach it), `unreachable` (registered but
 * not answering qualify), `registered`. Sent to the agent's console and to supervisors on change,
 * and to a console when it connects.
 */
export const PhoneRegistration = z.enum(['registered', 'unreachable', 'unregistered']);
export type PhoneRegistration = z.infer<typeof PhoneRegistration>;
export const PhoneStateV1 = z.object({ phone: z.string().min(1), registration: PhoneRegistration, at: IsoInstant });
export type PhoneStateV1 = z.infer<typeof PhoneStateV1>;

export const QueueLiveV1 = z.object({
  queue: QueueId,
  waiting: z.number().int().nonnegative(),
  longestWaitSeconds: z.number().nonnegative(),
  /** Callers admission control turned away from this queue today (Seoul day); absent from older telephony. */
  refusedToday: z.number().int().nonnegative().optional(),
  /** Callers on virtual hold: hung up, place kept, to be dialled back (absent from older telephony). */
  virtualHold: z.number().int().nonnegative().optional(),
});
export type QueueLiveV1 = z.infer<typeof QueueLiveV1>;

/**
 * The center's doors: each telephony process refuses new callers while its event loop falls behind
 * (`ADMISSION_MAX_EVENT_LOOP_DELAY_MS`), hanging them up unanswered. Per process, not per queue, so
 * it is one figure for the center, over every node sharing Redis.
 */
export const FloorDoorV1 = z.object({
  /** Callers turned away at a closed door today (Seoul day), every node summed. */
  refusedToday: z.number().int().nonnegative(),
  /** Nodes whose door is closed now (0: every node takes new callers); a node that stopped beating no longer counts. */
  closedNodes: z.number().int().nonnegative(),
});
export type FloorDoorV1 = z.infer<typeof FloorDoorV1>;

/** Pushed to supervisors whenever a count moves (and on join). */
export const FloorSnapshotV1 = z.object({
  at: IsoInstant,
  today: DayStats,
  queues: z.array(QueueLiveV1),
  agents: z.array(AgentSnapshot),
  /** Per agent: the call held and today's handled calls (absent from older telephony). */
  details: z.array(FloorAgentDetailV1).optional(),
  /** Callers refused at the nodes' doors today and the doors closed now (absent from older telephony). */
  door: FloorDoorV1.optional(),
});
export type FloorSnapshotV1 = z.infer<typeof FloorSnapshotV1>;

export const CommandErrorV1 = z.object({
  command: z.string(),
  code: ErrorCode,
  message: z.string(),
});
export type CommandErrorV1 = z.infer<typeof CommandErrorV1>;

/** Sent on the socket just before the gateway disconnects a console whose session ended. */
export const SessionRevokedV1 = z.object({ reason: z.literal('revoked') });
export type SessionRevokedV1 = z.infer<typeof SessionRevokedV1>;

/**
 * Sent on a counselor's socket just before the gateway disconnects it because a newer console of
 * the same agent connected (another tab or PC): one agent, one console. Only what is safe to show
 * on the old screen: when, and a rough device label of the new console ("Chrome · Windows"), never
 * an address. The old console does not reconnect by itself; connecting again takes the session back.
 */
export const SessionReplacedV1 = z.object({
  reason: z.literal('replaced'),
  /** When the newer console connected. */
  at: IsoInstant,
  /** Browser and system of the newer console, from its User-Agent; null when unknown. */
  device: z.string().max(60).nullable(),
});
export type SessionReplacedV1 = z.infer<typeof SessionReplacedV1>;

/* ---------- client → server commands (each answers through the socket.io ack) ---------- */

export const AgentReadyCommandV1 = z.object({}).strict();
export const AgentNotReadyCommandV1 = z.object({ reason: NotReadyReason }).strict();
export const CallAnswerCommandV1 = z.object({ callId: z.string().min(1).max(100) }).strict();
export const CallHangupCommandV1 = z.object({ callId: z.string().min(1).max(100) }).strict();
/** The call's write-up is not saved: its wrap-up waits (no automatic Ready) until released. */
export const WrapUpHoldCommandV1 = z.object({ callId: z.string().min(1).max(100) }).strict();
/** The write-up was saved or discarded: wrap-up ends at its deadline (at once if that has passed). */
export const WrapUpReleaseCommandV1 = z.object({ callId: z.string().min(1).max(100) }).strict();
/** More after-call work: the deadline moves `seconds` past the later of itself and now. */
export const WrapUpExtendCommandV1 = z
  .object({ callId: z.string().min(1).max(100), seconds: z.number().int().min(5).max(600) })
  .strict();
/**
 * The counselor's wrap-up code (후처리 코드) for the call in wrap-up; picking again replaces it. It
 * is stored with the agent and lands in the `wrapUp.ended` call event's data (`code`) however the
 * wrap-up ends (Ready, Not ready, the countdown, a save after a hold). An unknown code is BAD_REQUEST.
 */
export const WrapUpCodeCommandV1 = z.object({ callId: z.string().min(1).max(100), code: WrapUpCode }).strict();

/** Every ack has this shape: ok, or the same error a `command.error.v1` event carries. */
export type CommandAck = { ok: true } | { ok: false; error: CommandErrorV1 };

/* ---------- the event tables: each event named once ---------- */

/** Server → client events and their payloads. Receivers validate with these schemas. */
export const SERVER_EVENTS = {
  'agent.state.v1': AgentStateV1,
  'call.offered.v1': CallOfferedV1,
  /** The pop of an offer sent with pop status `pending`, once crm-api answers. */
  'call.pop.v1': CallPopV1,
  'call.connected.v1': CallConnectedV1,
  'call.ended.v1': CallEndedV1,
  'floor.snapshot.v1': FloorSnapshotV1,
  'phone.state.v1': PhoneStateV1,
  'command.error.v1': CommandErrorV1,
  /** Hold and mute of the connected call: on every change and when a console (re)connects. */
  'call.controls.v1': CallControlsV1,
  /** Whom the counselor may transfer to (the answer to `call.transferTargets.v1`). */
  'call.transferTargets.v1': TransferTargetsV1,
  /** The consult of an attended transfer (null when over), to the first counselor. */
  'call.consult.v1': CallConsultV1,
  /** The IVR flow set in force, with the problems of a rejected edit (supervisors, admins). */
  'ivr.flowSet.v1': IvrFlowSetV1,
  /** The session ended (logout elsewhere, deactivation): the server disconnects right after. */
  'session.revoked.v1': SessionRevokedV1,
  /** A newer console of the same counselor took over: the server disconnects this one right after. */
  'session.replaced.v1': SessionReplacedV1,
  /** Live monitoring sessions (supervisors, admins). */
  'monitor.state.v1': MonitorStateV1,
  /** A supervisor is on the counselor's call (only when the monitoring indicator setting is on). */
  'call.monitored.v1': CallMonitoredV1,
  /** A supervisor forced Not ready, logged the counselor out or changed their skills. */
  'agent.supervised.v1': AgentSupervisedV1,
} as const;
export type ServerEventName = keyof typeof SERVER_EVENTS;
export type ServerEventPayload<E extends ServerEventName> = z.infer<(typeof SERVER_EVENTS)[E]>;

/** Client → server commands and their payloads; each is answered with a CommandAck. */
export const CLIENT_COMMANDS = {
  'agent.ready.v1': AgentReadyCommandV1,
  'agent.notReady.v1': AgentNotReadyCommandV1,
  'call.answer.v1': CallAnswerCommandV1,
  'call.hangup.v1': CallHangupCommandV1,
  'call.hold.v1': CallHoldCommandV1,
  'call.mute.v1': CallMuteCommandV1,
  'call.transfer.v1': CallTransferCommandV1,
  'call.transferTargets.v1': TransferTargetsCommandV1,
  'call.consult.complete.v1': CallConsultCommandV1,
  'call.consult.cancel.v1': CallConsultCommandV1,
  'call.consult.swap.v1': CallConsultCommandV1,
  'call.consult.conference.v1': CallConsultCommandV1,
  /** Relay the connected call to a partner center (events/agent-relay.ts). */
  'call.relay.v1': CallRelayCommandV1,
  /** Call a customer from the desk, caller id 1357 (events/agent-dial.ts). */
  'call.dial.v1': CallDialCommandV1,
  'agent.wrapUp.hold.v1': WrapUpHoldCommandV1,
  'agent.wrapUp.release.v1': WrapUpReleaseCommandV1,
  'agent.wrapUp.extend.v1': WrapUpExtendCommandV1,
  'agent.wrapUp.code.v1': WrapUpCodeCommandV1,
  'call.recordingPause.v1': CallRecordingPauseCommandV1,
  /** Supervisors and admins only. */
  'monitor.start.v1': MonitorStartCommandV1,
  'monitor.mode.v1': MonitorModeCommandV1,
  'monitor.stop.v1': MonitorStopCommandV1,
  /** Supervisors and admins only: actions on a counselor (events/supervision.ts). */
  'supervisor.agent.notReady.v1': SupervisorAgentNotReadyCommandV1,
  'supervisor.agent.logout.v1': SupervisorAgentLogoutCommandV1,
  'supervisor.agent.skills.v1': SupervisorAgentSkillsCommandV1,
} as const;
export type ClientCommandName = keyof typeof CLIENT_COMMANDS;

/** socket.io's typing of the server's events (derived from SERVER_EVENTS). */
export type ServerToClientEvents = { [E in ServerEventName]: (payload: ServerEventPayload<E>) => void };
/** socket.io's typing of the commands (derived from CLIENT_COMMANDS). */
export type ClientToServerEvents = {
  [C in ClientCommandName]: (payload: z.input<(typeof CLIENT_COMMANDS)[C]>, ack: (ack: CommandAck) => void) => void;
};

/**
 * Short names for the events, kept for code written against them.
 * @deprecated use the event name itself (typed by ServerEventName / ClientCommandName).
 */
export const SOCKET_EVENTS = {
  agentState: 'agent.state.v1',
  callOffered: 'call.offered.v1',
  callConnected: 'call.connected.v1',
  callEnded: 'call.ended.v1',
  floorSnapshot: 'floor.snapshot.v1',
  phoneState: 'phone.state.v1',
  commandError: 'command.error.v1',
  ivrFlowSet: 'ivr.flowSet.v1',
  agentReady: 'agent.ready.v1',
  agentNotReady: 'agent.notReady.v1',
  callAnswer: 'call.answer.v1',
  callHangup: 'call.hangup.v1',
} as const satisfies Record<string, ServerEventName | ClientCommandName>;

export { AgentState };
