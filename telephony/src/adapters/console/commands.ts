import { CLIENT_COMMANDS, type ClientCommandName, type TokenClaims } from '@cc1357/contracts';
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

export interface ConsoleCommand<C extends ClientCommandName = ClientCommandName> {
  name: C;
  /** The payload's schema: contracts' CLIENT_COMMANDS, the one list of what consoles send. */
  schema: z.ZodType;
  roles: ReadonlySet<string>;
  /** Runs a command whose payload `schema` accepted, for the console of `claims`. */
  run(handlers: GatewayHandlers, claims: TokenClaims, payload: unknown): Promise<void>;
}

type Payload<C extends ClientCommandName> = z.infer<(typeof CLIENT_COMMANDS)[C]>;

/** The command `name`, run for `who` the sender is to it (derived from their token's claims). */
function command<C extends ClientCommandName, Who>(
  name: C,
  roles: ReadonlySet<string>,
  who: (claims: TokenClaims) => Who,
  run: (handlers: GatewayHandlers, who: Who, payload: Payload<C>) => Promise<void>,
): ConsoleCommand<C> {
  return {
    name,
    schema: CLIENT_COMMANDS[name],
    roles,
    run: (handlers, claims, payload) => run(handlers, who(claims), payload as Payload<C>),
  };
}

/** A counselor's command: acts for the agent id in their token. */
const forAgent = <C extends ClientCommandName>(
  name: C,
  run: (handlers: GatewayHandlers, agentId: string, payload: Payload<C>) => Promise<void>,
) => command(name, AGENT_ROLES, (claims) => claims.agentId ?? '', run);

/** A supervisor's command: acts for the user, with their own phone (their agent id) if any. */
const forSupervisor = <C extends ClientCommandName>(
  name: C,
  run: (handlers: GatewayHandlers, supervisor: SupervisorRef, payload: Payload<C>) => Promise<void>,
) => command(name, SUPERVISOR_ROLES, supervisorOf, run);

function supervisorOf(claims: TokenClaims): SupervisorRef {
  return {
    userId: claims.sub,
    phone: claims.agentId ?? null,
    name: claims.displayName ?? claims.username,
    role: claims.role,
  };
}

const consult = <W extends 'complete' | 'cancel' | 'swap' | 'conference'>(what: W) =>
  forAgent(`call.consult.${what}.v1`, (h, agentId, p) => h.consult(agentId, p.callId, what));

/** Each entry's name is its key (the type holds them together). */
const TABLE: { [C in ClientCommandName]: ConsoleCommand<C> } = {
  'agent.ready.v1': forAgent('agent.ready.v1', (h, agentId) => h.ready(agentId)),
  'agent.notReady.v1': forAgent('agent.notReady.v1', (h, agentId, p) => h.notReady(agentId, p.reason)),
  'call.answer.v1': forAgent('call.answer.v1', (h, agentId, p) => h.answer(agentId, p.callId)),
  'call.hangup.v1': forAgent('call.hangup.v1', (h, agentId, p) => h.hangup(agentId, p.callId)),
  'agent.wrapUp.hold.v1': forAgent('agent.wrapUp.hold.v1', (h, agentId, p) =>
    h.wrapUp(agentId, { type: 'wrapUpHold', callId: p.callId }),
  ),
  'agent.wrapUp.release.v1': forAgent('agent.wrapUp.release.v1', (h, agentId, p) =>
    h.wrapUp(agentId, { type: 'wrapUpRelease', callId: p.callId }),
  ),
  'agent.wrapUp.extend.v1': forAgent('agent.wrapUp.extend.v1', (h, agentId, p) =>
    h.wrapUp(agentId, { type: 'wrapUpExtend', callId: p.callId, seconds: p.seconds }),
  ),
  'agent.wrapUp.code.v1': forAgent('agent.wrapUp.code.v1', (h, agentId, p) =>
    h.wrapUp(agentId, { type: 'wrapUpCode', callId: p.callId, code: p.code }),
  ),
  'call.hold.v1': forAgent('call.hold.v1', (h, agentId, p) => h.hold(agentId, p.callId, p.held)),
  'call.mute.v1': forAgent('call.mute.v1', (h, agentId, p) => h.mute(agentId, p.callId, p.muted)),
  'call.recordingPause.v1': forAgent('call.recordingPause.v1', (h, agentId, p) =>
    h.recordingPause(agentId, p.callId, p.paused),
  ),
  'monitor.start.v1': forSupervisor('monitor.start.v1', (h, s, p) => h.monitorStart(s, p.callId, p.mode)),
  'monitor.mode.v1': forSupervisor('monitor.mode.v1', (h, s, p) => h.monitorMode(s, p.callId, p.mode)),
  'monitor.stop.v1': forSupervisor('monitor.stop.v1', (h, s, p) => h.monitorStop(s, p.callId)),
  'supervisor.agent.notReady.v1': forSupervisor('supervisor.agent.notReady.v1', (h, s, p) =>
    h.supervisorNotReady(s, p.agentId, p.reason),
  ),
  'supervisor.agent.logout.v1': forSupervisor('supervisor.agent.logout.v1', (h, s, p) =>
    h.supervisorLogout(s, p.agentId),
  ),
  'supervisor.agent.skills.v1': forSupervisor('supervisor.agent.skills.v1', (h, s, p) =>
    h.supervisorSkills(s, p.agentId, p.skills, p.levels),
  ),
  'call.transfer.v1': forAgent('call.transfer.v1', (h, agentId, p) => h.transfer(agentId, p)),
  'call.transferTargets.v1': forAgent('call.transferTargets.v1', (h, agentId, p) =>
    h.transferTargets(agentId, p.callId),
  ),
  'call.relay.v1': forAgent('call.relay.v1', async (h, agentId, p) => {
    if (!h.relay) throw new TelephonyError('UNAVAILABLE', 'relays to partner centers are not available here');
    await h.relay(agentId, p);
  }),
  'call.dial.v1': forAgent('call.dial.v1', async (h, agentId, p) => {
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
  return Object.hasOwn(TABLE, name) ? TABLE[name as ClientCommandName] : undefined;
}
