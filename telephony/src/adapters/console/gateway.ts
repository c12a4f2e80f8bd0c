import type { Server as HttpServer } from 'node:http';
import {
  type AgentNotReadyCommandV1,
  type CallDialCommandV1,
  type CallRelayCommandV1,
  type CallTransferCommandV1,
  type ClientToServerEvents,
  type CommandAck,
  type CommandErrorV1,
  type MonitorMode,
  type NotReadyReason,
  type QueueId,
  type ServerToClientEvents,
  type SkillLevels,
  type TokenClaims,
  verifyAccessToken,
} from '@cc1357/contracts';
import type { Logger } from 'pino';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import type { z } from 'zod';
import type { AgentEvent } from '../../core/agent-state';
import { TelephonyError, toTelephonyError } from '../../core/errors';
import { SUPERVISORS_ROOM, agentRoom } from './bus';
import { AGENT_ROLES, SUPERVISOR_ROLES, consoleCommand } from './commands';
import { watchSessions, type SessionChecker } from './sessionWatch';

/**
 * The socket.io gateway: authenticates consoles with the crm-api token, puts them in their
 * rooms, validates every command with zod and answers by ack — and, on failure, also with a
 * `command.error.v1` event, so a console never loses a call-control error.
 * It knows no call logic: commands go to `handlers`.
 */
export interface GatewayHandlers {
  onAgentConnected(claims: TokenClaims & { agentId: string }, socket: ConsoleSocket): Promise<void>;
  onAgentDisconnected(agentId: string, socketId: string): Promise<void>;
  onSupervisorConnected(socket: ConsoleSocket): Promise<void>;
  ready(agentId: string): Promise<void>;
  notReady(agentId: string, reason: z.infer<typeof AgentNotReadyCommandV1>['reason']): Promise<void>;
  answer(agentId: string, callId: string): Promise<void>;
  hangup(agentId: string, callId: string): Promise<void>;
  /** After-call work and the write-up: hold (unsaved), release (saved / discarded), extend, wrap-up code. */
  wrapUp(agentId: string, change: WrapUpChange): Promise<void>;
  hold(agentId: string, callId: string, held: boolean): Promise<void>;
  mute(agentId: string, callId: string, muted: boolean): Promise<void>;
  recordingPause(agentId: string, callId: string, paused: boolean): Promise<void>;
  /** Live monitoring (supervisors and admins only; `phone` is their agent id / extension). */
  monitorStart(supervisor: SupervisorRef, callId: string, mode: MonitorMode): Promise<void>;
  monitorMode(supervisor: SupervisorRef, callId: string, mode: MonitorMode): Promise<void>;
  monitorStop(supervisor: SupervisorRef, callId: string): Promise<void>;
  /** A supervisor's actions on a counselor (supervisors and admins only). */
  supervisorNotReady(supervisor: SupervisorRef, agentId: string, reason: NotReadyReason): Promise<void>;
  supervisorLogout(supervisor: SupervisorRef, agentId: string): Promise<void>;
  /** `levels`: skill → 1–5 for some of `skills` (absent from consoles older than skill levels). */
  supervisorSkills(supervisor: SupervisorRef, agentId: string, skills: QueueId[], levels?: SkillLevels): Promise<void>;
  /** A counselor's transfer of the connected call; and whom it may go to (pushed as an event). */
  transfer(agentId: string, command: z.output<typeof CallTransferCommandV1>): Promise<void>;
  transferTargets(agentId: string, callId: string): Promise<void>;
  /** The consult of an attended transfer: complete, cancel or swap. */
  consult(agentId: string, callId: string, what: 'complete' | 'cancel' | 'swap' | 'conference'): Promise<void>;
  /** A counselor's relay of the connected call to a partner center (absent: refused as unavailable). */
  relay?(agentId: string, command: z.output<typeof CallRelayCommandV1>): Promise<void>;
  /** A counselor's call to a customer from the desk (absent: refused as unavailable). */
  dial?(agentId: string, command: z.output<typeof CallDialCommandV1>): Promise<void>;
}

export interface SupervisorRef {
  userId: string;
  phone: string | null;
  /** For the audit and the counselor's notice (display name, else username), and the role. */
  name?: string;
  role?: string;
}

export type WrapUpChange = Extract<
  AgentEvent,
  { type: 'wrapUpHold' | 'wrapUpRelease' | 'wrapUpExtend' | 'wrapUpCode' }
>;

export type ConsoleSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { claims: TokenClaims }
>;
export type ConsoleServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { claims: TokenClaims }
>;

export { AGENT_ROLES };
const SERVER_FAULTS: ReadonlySet<string> = new Set(['UNAVAILABLE', 'INTERNAL']);

/** What the gateway keeps of one console: one small object, whatever the number of commands. */
interface ConsoleSession {
  socket: ConsoleSocket;
  claims: TokenClaims;
  log: Logger;
  /** Settles once the console's agent is welcomed: its commands wait for it. */
  welcome: Promise<void>;
}

export interface GatewayOptions {
  /** Verifies console tokens: crm-api's PEM public key, or the development HMAC secret. */
  authSecret: string;
  log: Logger;
  handlers: GatewayHandlers;
  /**
   * Browser origins allowed to connect (exact `scheme://host[:port]`); a handshake whose Origin
   * is not listed is refused before any token check, websocket included. Absent = any origin
   * (development; production config requires the list). Clients that send no Origin (not
   * browsers) still need a valid token.
   */
  origins?: readonly string[];
  /** Whether a session (token `ver`) is still live; absent = tokens are not session-checked. */
  sessions?: SessionChecker;
  /** How often connected sessions are re-checked (ms, default 5000). */
  sessionCheckMs?: number;
  /**
   * One console per counselor: a counselor's console claims the agent once welcomed, and older
   * consoles of that agent (on any node) are told `session.replaced.v1` and disconnected
   * (takeover.ts). Absent = no limit. Supervisors and admins never claim.
   */
  takeover?: { claim(agentId: string, socket: ConsoleSocket): Promise<void> };
}

export function originAllowed(origin: string | undefined, allowed: readonly string[] | undefined): boolean {
  if (!allowed || origin === undefined) return true;
  return allowed.includes(origin.replace(/\/+$/, ''));
}

export function createGateway(http: HttpServer, options: GatewayOptions): ConsoleServer {
  const { log, handlers } = options;
  const allowed = options.origins;
  const serverOptions: Partial<ServerOptions> = {
    cors: { origin: allowed ? [...allowed] : true, credentials: true },
    serveClient: false,
    // CORS alone does not bind websockets: every handshake's Origin is checked here.
    allowRequest: (req, done) => {
      const ok = originAllowed(req.headers.origin, allowed);
      if (!ok) log.warn({ origin: req.headers.origin }, 'socket refused: origin not allowed');
      done(ok ? null : 'origin not allowed', ok);
    },
  };
  const io: ConsoleServer = new Server(http, serverOptions);

  const refuse = (message: string) => {
    const err = new Error(`UNAUTHORIZED: ${message}`) as Error & { data?: unknown };
    err.data = { code: 'UNAUTHORIZED', message };
    return err;
  };
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    verifyAccessToken(typeof token === 'string' ? token : null, options.authSecret)
      .then(async (claims) => {
        if (!claims) return next(refuse('a valid access token is required (auth.token)'));
        // A logged-out or deactivated user's token does not even connect.
        if (claims.ver !== undefined && options.sessions) {
          // crm-api unreachable: let the console in (the watch asks again in a few seconds)
          // rather than send every desk back to the login during a crm-api restart.
          const revoked = await options.sessions
            .revoked([{ sub: claims.sub, ver: claims.ver }])
            .catch((err: unknown) => {
              log.warn({ err: String(err) }, 'session check failed at connect; letting the console in');
              return [];
            });
          if (revoked.length > 0) return next(refuse('the session has ended; log in again'));
        }
        socket.data.claims = claims;
        next();
      })
      .catch(() => next(new Error('UNAUTHORIZED: token check failed')));
  });
  if (options.sessions) {
    const stop = watchSessions(io, options.sessions, options.sessionCheckMs ?? 5000, log);
    // io.close() closes the HTTP server; the watch ends with it.
    http.once('close', stop);
  }

  /** Checks a console's command (role, then payload with zod) and runs it once the console is welcomed. */
  const runCommand = (session: ConsoleSession, name: string, payload: unknown, ack: unknown) => {
    const { socket, claims, log: slog } = session;
    const reply = typeof ack === 'function' ? (ack as (a: CommandAck) => void) : () => undefined;
    const fail = (err: TelephonyError) => {
      const error: CommandErrorV1 = { command: name, code: err.code, message: err.message };
      // A refusal the console caused (a click on a call that just ended) is routine; one
      // telephony caused (a backend down, a bug) is worth a warning.
      const level = SERVER_FAULTS.has(err.code) ? 'warn' : 'info';
      slog[level]({ command: name, code: err.code }, `command refused: ${err.message}`);
      socket.emit('command.error.v1', error);
      reply({ ok: false, error });
    };
    const command = consoleCommand(name);
    if (!command)
      return fail(new TelephonyError('BAD_REQUEST', `unknown command ${JSON.stringify(name.slice(0, 80))}`));
    const supervisorCommand = command.roles === SUPERVISOR_ROLES;
    if (!command.roles.has(claims.role) || (!supervisorCommand && !claims.agentId))
      return fail(new TelephonyError('FORBIDDEN', `${claims.role} users cannot use ${name}`));
    // Whatever a client sends is checked here (zod), so the payload is `unknown` until then.
    const parsed = command.schema.safeParse(payload ?? {});
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
      return fail(new TelephonyError('BAD_REQUEST', `invalid ${name}: ${detail}`));
    }
    session.welcome
      .then(() => command.run(handlers, claims, parsed.data))
      .then(
        () => reply({ ok: true }),
        (err: unknown) => fail(toTelephonyError(err)),
      );
  };

  io.on('connection', (socket) => {
    const claims = socket.data.claims;
    const slog = log.child({ user: claims.username, role: claims.role, agent: claims.agentId });
    slog.info('console connected');
    if (SUPERVISOR_ROLES.has(claims.role)) {
      void socket.join(SUPERVISORS_ROOM);
      handlers
        .onSupervisorConnected(socket)
        .catch((err: unknown) => slog.warn({ err: String(err) }, 'supervisor welcome failed'));
    }
    // Commands wait for the welcome: a console may send agent.ready.v1 the moment it connects,
    // before its agent record exists.
    let welcome: Promise<void> = Promise.resolve();
    if (claims.agentId) {
      void socket.join(agentRoom(claims.agentId));
      if (AGENT_ROLES.has(claims.role)) {
        welcome = handlers
          .onAgentConnected({ ...claims, agentId: claims.agentId }, socket)
          .catch((err: unknown) => slog.warn({ err: String(err) }, 'agent welcome failed'));
        // After the welcome: the agent is counted present through this console before the older
        // one leaves, so its leaving is no "console gone". Commands need not wait for it.
        const { takeover } = options;
        const agentId = claims.agentId;
        if (takeover)
          void welcome
            .then(() => takeover.claim(agentId, socket))
            .catch((err: unknown) => slog.warn({ err: String(err) }, 'console takeover failed'));
      }
    }

    // One listener for every command (commands.ts): the table is the process's, not the socket's.
    const session: ConsoleSession = { socket, claims, log: slog, welcome };
    socket.onAny((name: string, payload?: unknown, ack?: unknown) => runCommand(session, name, payload, ack));

    socket.on('disconnect', (reason) => {
      slog.info({ reason }, 'console disconnected');
      if (claims.agentId && AGENT_ROLES.has(claims.role)) {
        const agentId = claims.agentId;
        // After the welcome: a console that comes and goes at once must not be counted present.
        void welcome
          .then(() => handlers.onAgentDisconnected(agentId, socket.id))
          .catch((err: unknown) => slog.warn({ err: String(err) }, 'agent farewell failed'));
      }
    });
  });

  return io;
}
