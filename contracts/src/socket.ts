import { z } from 'zod';
import { AgentSnapshot, AgentState, NotReadyReason } from './agent';
import { CallerPop, DayStats } from './api';
import { QueueId } from './center';
import { ErrorCode } from './errors';
import type { IvrFlowSetV1 } from './ivr';

/**
 * socket.io events between telephony's gateway and the console. Names carry a version so a
 * changed payload gets a new name instead of silently breaking old consoles.
 *
 * Auth: the client connects with `auth: { token }` (the crm-api login token). Counselors
 * join their agent room; supervisors and admins also join the `supervisors` room.
 */

/* ---------- server → client ---------- */

export const AgentStateV1 = AgentSnapshot;
export type AgentStateV1 = AgentSnapshot;

export const CallOfferedV1 = z.object({
  callId: z.string(),
  queue: QueueId,
  callerNumber: z.string().nullable(),
  offeredAt: z.string(),
  /** Seconds the caller waited in queue before this offer. */
  waitedSeconds: z.number(),
  /** The IVR nodes the caller went through, in order (e.g. ["notice", "main", "fund"]). */
  ivrPath: z.array(z.string()),
  pop: CallerPop,
});
export type CallOfferedV1 = z.infer<typeof CallOfferedV1>;

export const CallConnectedV1 = z.object({
  callId: z.string(),
  connectedAt: z.string(),
  recordingName: z.string().nullable(),
});
export type CallConnectedV1 = z.infer<typeof CallConnectedV1>;

export const CallEndedV1 = z.object({
  callId: z.string(),
  endedAt: z.string(),
  /** Who ended it, or why it never connected. */
  reason: z.enum(['callerHangup', 'agentHangup', 'noAnswer', 'rejected', 'failed']),
  /** After-call work the agent now has, 0 when the call never connected. */
  wrapUpSeconds: z.number().int().nonnegative(),
});
export type CallEndedV1 = z.infer<typeof CallEndedV1>;

export const QueueLiveV1 = z.object({
  queue: QueueId,
  waiting: z.number().int().nonnegative(),
  longestWaitSeconds: z.number().nonnegative(),
});
export type QueueLiveV1 = z.infer<typeof QueueLiveV1>;

/** Pushed to supervisors whenever a count moves (and on join). */
export const FloorSnapshotV1 = z.object({
  at: z.string(),
  today: DayStats,
  queues: z.array(QueueLiveV1),
  agents: z.array(AgentSnapshot),
});
export type FloorSnapshotV1 = z.infer<typeof FloorSnapshotV1>;

export const CommandErrorV1 = z.object({
  command: z.string(),
  code: ErrorCode,
  message: z.string(),
});
export type CommandErrorV1 = z.infer<typeof CommandErrorV1>;

/* ---------- client → server (each answers through the socket.io ack) ---------- */

export const AgentReadyCommandV1 = z.object({}).strict();
export const AgentNotReadyCommandV1 = z.object({ reason: NotReadyReason }).strict();
export const CallAnswerCommandV1 = z.object({ callId: z.string().min(1).max(100) }).strict();
export const CallHangupCommandV1 = z.object({ callId: z.string().min(1).max(100) }).strict();

/** Every ack has this shape: ok, or the same error a `command.error.v1` event carries. */
export type CommandAck = { ok: true } | { ok: false; error: CommandErrorV1 };

export const SOCKET_EVENTS = {
  agentState: 'agent.state.v1',
  callOffered: 'call.offered.v1',
  callConnected: 'call.connected.v1',
  callEnded: 'call.ended.v1',
  floorSnapshot: 'floor.snapshot.v1',
  commandError: 'command.error.v1',
  /** The IVR flow set in force, with the problems of a rejected edit (supervisors, admins). */
  ivrFlowSet: 'ivr.flowSet.v1',
  agentReady: 'agent.ready.v1',
  agentNotReady: 'agent.notReady.v1',
  callAnswer: 'call.answer.v1',
  callHangup: 'call.hangup.v1',
} as const;

export interface ServerToClientEvents {
  'agent.state.v1': (payload: AgentStateV1) => void;
  'call.offered.v1': (payload: CallOfferedV1) => void;
  'call.connected.v1': (payload: CallConnectedV1) => void;
  'call.ended.v1': (payload: CallEndedV1) => void;
  'floor.snapshot.v1': (payload: FloorSnapshotV1) => void;
  'command.error.v1': (payload: CommandErrorV1) => void;
  'ivr.flowSet.v1': (payload: IvrFlowSetV1) => void;
}

export interface ClientToServerEvents {
  'agent.ready.v1': (payload: z.input<typeof AgentReadyCommandV1>, ack: (ack: CommandAck) => void) => void;
  'agent.notReady.v1': (payload: z.input<typeof AgentNotReadyCommandV1>, ack: (ack: CommandAck) => void) => void;
  'call.answer.v1': (payload: z.input<typeof CallAnswerCommandV1>, ack: (ack: CommandAck) => void) => void;
  'call.hangup.v1': (payload: z.input<typeof CallHangupCommandV1>, ack: (ack: CommandAck) => void) => void;
}

export { AgentState };
