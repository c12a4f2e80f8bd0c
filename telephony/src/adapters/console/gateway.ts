import type { Server as HttpServer } from 'node:http';
import {
  AgentNotReadyCommandV1,
  AgentReadyCommandV1,
  CallAnswerCommandV1,
  CallHangupCommandV1,
  type ClientToServerEvents,
  type CommandAck,
  type CommandErrorV1,
  type ServerToClientEvents,
  type TokenClaims,
  verifyAccessToken,
} from '@cc1357/contracts';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import { TelephonyError, toTelephonyError } from '../../core/errors';
import { SUPERVISORS_ROOM, agentRoom } from './bus';

/**
 * The socket.io gateway: authenticates consoles with the crm-api token, puts them in their
 * rooms, validates every command with zod and answers by ack — and, on failure, also with a
 * `command.error.v1` event, so a console never loses a call-control error.
 * It knows no call logic: commands go to `handlers`.
 */
export interface GatewayHandlers {
  onAgentConnected(claims: TokenClaims & { agentId: string }, socket: ConsoleSocket): Promise<void>;
  onSupervisorConnected(socket: ConsoleSocket): Promise<void>;
  ready(agentId: string): Promise<void>;
  notReady(agentId: string, reason: z.infer<typeof AgentNotReadyCommandV1>['reason']): Promise<void>;
  answer(agentId: string, callId: string): Promise<void>;
  hangup(agentId: string, callId: string): Promise<void>;
}

export type ConsoleSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { claims: TokenClaims }>;
export type ConsoleServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { claims: TokenClaims }>;

const AGENT_ROLES = new Set(['counselor']);
const SUPERVISOR_ROLES = new Set(['supervisor', 'admin']);

export function createGateway(http: HttpServer, options: { authSecret: string; log: Logger; handlers: GatewayHandlers }): ConsoleServer {
  const { log, handlers } = options;
  const io: ConsoleServer = new Server(http, { cors: { origin: true, credentials: true }, serveClient: false });

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    verifyAccessToken(typeof token === 'string' ? token : null, options.authSecret)
      .then((claims) => {
        if (!claims) {
          const err = new Error('UNAUTHORIZED: a valid access token is required (auth.token)') as Error & { data?: unknown };
          err.data = { code: 'UNAUTHORIZED', message: 'a valid access token is required (auth.token)' };
          return next(err);
        }
        socket.data.claims = claims;
        next();
      })
      .catch(() => next(new Error('UNAUTHORIZED: token check failed')));
  });

  io.on('connection', (socket) => {
    const claims = socket.data.claims;
    const slog = log.child({ user: claims.username, role: claims.role, agent: claims.agentId });
    slog.info('console connected');
    if (SUPERVISOR_ROLES.has(claims.role)) {
      void socket.join(SUPERVISORS_ROOM);
      handlers.onSupervisorConnected(socket).catch((err: unknown) => slog.warn({ err: String(err) }, 'supervisor welcome failed'));
    }
    // Commands wait for the welcome: a console may send agent.ready.v1 the moment it connects,
    // before its agent record exists.
    let welcome: Promise<void> = Promise.resolve();
    if (claims.agentId) {
      void socket.join(agentRoom(claims.agentId));
      if (AGENT_ROLES.has(claims.role)) {
        welcome = handlers.onAgentConnected({ ...claims, agentId: claims.agentId }, socket).catch((err: unknown) => slog.warn({ err: String(err) }, 'agent welcome failed'));
      }
    }

    const command = <S extends z.ZodType>(name: keyof ClientToServerEvents, schema: S, run: (agentId: string, payload: z.infer<S>) => Promise<void>) => {
      socket.on(name, ((payload: unknown, ack?: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (a: CommandAck) => void) : () => undefined;
        const fail = (err: TelephonyError) => {
          const error: CommandErrorV1 = { command: name, code: err.code, message: err.message };
          slog.warn({ command: name, code: err.code }, `command refused: ${err.message}`);
          socket.emit('command.error.v1', error);
          reply({ ok: false, error });
        };
        if (!AGENT_ROLES.has(claims.role) || !claims.agentId) return fail(new TelephonyError('FORBIDDEN', `${claims.role} users cannot use ${name}`));
        const parsed = schema.safeParse(payload ?? {});
        if (!parsed.success) {
          const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
          return fail(new TelephonyError('BAD_REQUEST', `invalid ${name}: ${detail}`));
        }
        const agentId = claims.agentId;
        welcome.then(() => run(agentId, parsed.data)).then(
          () => reply({ ok: true }),
          (err: unknown) => fail(toTelephonyError(err)),
        );
      }) as never);
    };

    command('agent.ready.v1', AgentReadyCommandV1, (agentId) => handlers.ready(agentId));
    command('agent.notReady.v1', AgentNotReadyCommandV1, (agentId, p) => handlers.notReady(agentId, p.reason));
    command('call.answer.v1', CallAnswerCommandV1, (agentId, p) => handlers.answer(agentId, p.callId));
    command('call.hangup.v1', CallHangupCommandV1, (agentId, p) => handlers.hangup(agentId, p.callId));

    socket.on('disconnect', (reason) => slog.info({ reason }, 'console disconnected'));
  });

  return io;
}
