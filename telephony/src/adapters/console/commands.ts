import {
  AgentNotReadyCommandV1,
  AgentReadyCommandV1,
  CallAnswerCommandV1,
  CallConsultCommandV1,
  CallDialCommandV1,
  CallHangupCommandV1,
  CallHoldCommandV1,
  CallMuteCommandV1,
  CallRecordingPauseCommandV1,
  CallRelayCommandV1,
  CallTransferCommandV1,
  type ClientToServerEvents,
  MonitorModeCommandV1,
  MonitorStartCommandV1,
  MonitorStopCommandV1,
  SupervisorAgentLogoutCommandV1,
  SupervisorAgentNotReadyCommandV1,
  SupervisorAgentSkillsCommandV1,
  type TokenClaims,
  TransferTargetsCommandV1,
  WrapUpCodeCommandV1,
  WrapUpExtendCommandV1,
  WrapUpHoldCommandV1,
  WrapUpReleaseCommandV1,
} from '@cc1357/contracts';
import type { z } from 'zod';
import { TelephonyError } from '../../core/errors';
import type { GatewayHandlers, SupervisorRef } from './gateway';

/**
 * Every command a console may send: its schema, who may send it, and what it does.
 *
 * One table for the whole process rather than a listener per command per socket: a console
 * socket used to carry 25 closures of its own (with their contexts), a few KB each socket, and a
 * floor of 10,000 counselors held that many times over (bench control-plane, heap snapshots).
 */
export const AGENT_ROLES: ReadonlySet<string> = new Set(['counselor']);
export const SUPERVISOR_ROLES: ReadonlySet<string> = new Set(['supervisor', 'admin']);

export interface ConsoleCommand {
  schema: z.ZodType;
  roles: ReadonlySet<string>;
  /** Runs a command whose payload `schema` accepted, for the console of `claims`. */
  run(handlers: GatewayHandlers, claims: TokenClaims, payload: unknown): Promise<void>;
}

/** A command run for `who` the sender is to it (derived from their token's claims). */
function command<S extends z.ZodType, Who>(
  schema: S,
  roles: ReadonlySet<string>,
  who: (claims: TokenClaims) => Who,
  run: (handlers: GatewayHandlers, who: Who, payload: z.infer<S>) => Promise<void>,
): ConsoleCommand {
  return { schema, roles, run: (handlers, claims, payload) => run(handlers, who(claims), payload as z.infer<S>) };
}

/** A counselor's command: acts for the agent id in their token. */
const forAgent = <S extends z.ZodType>(
  schema: S,
  run: (handlers: GatewayHandlers, agentId: string, payload: z.infer<S>) => Promise<void>,
) => command(schema, AGENT_ROLES, (claims) => claims.agentId ?? '', run);

/** A supervisor's command: acts for the user, with their own phone (their agent id) if any. */
const forSupervisor = <S extends z.ZodType>(
  schema: S,
  run: (handlers: GatewayHandlers, supervisor: SupervisorRef, payload: z.infer<S>) => Promise<void>,
) => command(schema, SUPERVISOR_ROLES, supervisorOf, run);

export function supervisorOf(claims: TokenClaims): SupervisorRef {
  return {
    userId: claims.sub,
    phone: claims.agentId ?? null,
    name: claims.displayName ?? claims.username,
    role: claims.role,
  };
}

const consult = (what: 'complete' | 'cancel' | 'swap' | 'conference') =>
  forAgent(CallConsultCommandV1, (h, agentId, p) => h.consult(agentId, p.callId, what));

const TABLE: Record<keyof ClientToServerEvents, ConsoleCommand> = {
  'agent.ready.v1': forAgent(AgentReadyCommandV1, (h, agentId) => h.ready(agentId)),
  'agent.notReady.v1': forAgent(AgentNotReadyCommandV1, (h, agentId, p) => h.notReady(agentId, p.reason)),
  'call.answer.v1': forAgent(CallAnswerCommandV1, (h, agentId, p) => h.answer(agentId, p.callId)),
  'call.hangup.v1': forAgent(CallHangupCommandV1, (h, agentId, p) => h.hangup(agentId, p.callId)),
  'agent.wrapUp.hold.v1': forAgent(WrapUpHoldCommandV1, (h, agentId, p) =>
    h.wrapUp(agentId, { type: 'wrapUpHold', callId: p.callId }),
  ),
  'agent.wrapUp.release.v1': forAgent(WrapUpReleaseCommandV1, (h, agentId, p) =>
    h.wrapUp(agentId, { type: 'wrapUpRelease', callId: p.callId }),
  ),
  'agent.wrapUp.extend.v1': forAgent(WrapUpExtendCommandV1, (h, agentId, p) =>
    h.wrapUp(agentId, { type: 'wrapUpExtend', callId: p.callId, seconds: p.seconds }),
  ),
  'agent.wrapUp.code.v1': forAgent(WrapUpCodeCommandV1, (h, agentId, p) =>
    h.wrapUp(agentId, { type: 'wrapUpCode', callId: p.callId, code: p.code }),
  ),
  'call.hold.v1': forAgent(CallHoldCommandV1, (h, agentId, p) => h.hold(agentId, p.callId, p.held)),
  'call.mute.v1': forAgent(CallMuteCommandV1, (h, agentId, p) => h.mute(agentId, p.callId, p.muted)),
  'call.recordingPause.v1': forAgent(CallRecordingPauseCommandV1, (h, agentId, p) =>
    h.recordingPause(agentId, p.callId, p.paused),
  ),
  'monitor.start.v1': forSupervisor(MonitorStartCommandV1, (h, s, p) => h.monitorStart(s, p.callId, p.mode)),
  'monitor.mode.v1': forSupervisor(MonitorModeCommandV1, (h, s, p) => h.monitorMode(s, p.callId, p.mode)),
  'monitor.stop.v1': forSupervisor(MonitorStopCommandV1, (h, s, p) => h.monitorStop(s, p.callId)),
  'supervisor.agent.notReady.v1': forSupervisor(SupervisorAgentNotReadyCommandV1, (h, s, p) =>
    h.supervisorNotReady(s, p.agentId, p.reason),
  ),
  'supervisor.agent.logout.v1': forSupervisor(SupervisorAgentLogoutCommandV1, (h, s, p) =>
    h.supervisorLogout(s, p.agentId),
  ),
  'supervisor.agent.skills.v1': forSupervisor(SupervisorAgentSkillsCommandV1, (h, s, p) =>
    h.supervisorSkills(s, p.agentId, p.skills, p.levels),
  ),
  'call.transfer.v1': forAgent(CallTransferCommandV1, (h, agentId, p) => h.transfer(agentId, p)),
  'call.transferTargets.v1': forAgent(TransferTargetsCommandV1, (h, agentId, p) =>
    h.transferTargets(agentId, p.callId),
  ),
  'call.relay.v1': forAgent(CallRelayCommandV1, async (h, agentId, p) => {
    if (!h.relay) throw new TelephonyError('UNAVAILABLE', 'relays to partner centers are not available here');
    await h.relay(agentId, p);
  }),
  'call.dial.v1': forAgent(CallDialCommandV1, async (h, agentId, p) => {
    if (!h.dial) throw new TelephonyError('UNAVAILABLE', 'calls from the desk are not available here');
    await h.dial(agentId, p);
  }),
  'call.consult.complete.v1': consult('complete'),
  'call.consult.cancel.v1': consult('cancel'),
  'call.consult.swap.v1': consult('swap'),
  'call.consult.conference.v1': consult('conference'),
};

/** The command of that name; undefined for a name no console sends (or `__proto__` and friends). */
export function consoleCommand(name: string): ConsoleCommand | undefined {
  return Object.hasOwn(TABLE, name) ? TABLE[name as keyof ClientToServerEvents] : undefined;
}
