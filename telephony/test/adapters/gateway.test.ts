import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CommandAck, type CommandErrorV1, type TokenClaims, signAccessToken } from '@cc1357/contracts';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleServer, createGateway, type GatewayHandlers } from '../../src/adapters/console/gateway';
import { TelephonyError } from '../../src/core/errors';
import { testLog } from '../support/log';

const SECRET = 'gateway-test-secret-0123456789';

describe('socket gateway: auth, roles, validation', () => {
  let http: Server;
  let io: ConsoleServer;
  let url: string;
  const calls: string[] = [];
  const sockets: Socket[] = [];

  const handlers: GatewayHandlers = {
    onAgentConnected: async (claims, socket) => {
      socket.emit('agent.state.v1', { agentId: claims.agentId, displayName: claims.username, state: 'notReady', reason: null, skills: claims.skills, since: new Date().toISOString(), callId: null });
    },
    onSupervisorConnected: async () => {},
    ready: async (agentId) => void calls.push(`ready:${agentId}`),
    notReady: async (agentId, reason) => void calls.push(`notReady:${agentId}:${reason}`),
    answer: async (_agentId, callId) => {
      throw new TelephonyError('INVALID_STATE', `call ${callId} is not ringing`);
    },
    hangup: async () => {},
  };

  beforeAll(async () => {
    http = createServer();
    io = createGateway(http, { authSecret: SECRET, log: testLog, handlers });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await new Promise<void>((r) => io.close(() => r()));
  });

  const token = (claims: Partial<TokenClaims>) => signAccessToken({ sub: 'u1', username: 'kim', role: 'counselor', skills: ['fund'], ...claims }, SECRET, 600);

  function open(auth: Record<string, unknown>): Socket {
    const socket = connect(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket;
  }

  const refused = (socket: Socket) => new Promise<Error>((resolve, reject) => {
    socket.once('connect_error', resolve);
    socket.once('connect', () => reject(new Error('connected without a valid token')));
  });

  it.each([
    ['no token', {}],
    ['garbage token', { token: 'not-a-jwt' }],
  ])('refuses a connection with %s, saying why', async (_n, auth) => {
    const err = await refused(open(auth));
    expect(err.message).toMatch(/UNAUTHORIZED/);
  });

  it('refuses a token signed with another secret', async () => {
    const forged = await signAccessToken({ sub: 'u1', username: 'kim', role: 'counselor', agentId: '1001', skills: [] }, 'another-secret-0123456789', 600);
    expect((await refused(open({ token: forged }))).message).toMatch(/UNAUTHORIZED/);
  });

  it('greets an agent with its state and runs valid commands', async () => {
    const socket = open({ token: await token({ agentId: '1001' }) });
    const state = await new Promise<{ agentId: string; state: string }>((r) => socket.once('agent.state.v1', r));
    expect(state).toMatchObject({ agentId: '1001', state: 'notReady' });
    const ack = await socket.emitWithAck('agent.ready.v1', {});
    expect(ack).toEqual({ ok: true });
    expect(await socket.emitWithAck('agent.notReady.v1', { reason: 'meal' })).toEqual({ ok: true });
    expect(calls).toEqual(['ready:1001', 'notReady:1001:meal']);
  });

  it('answers malformed commands with BAD_REQUEST by ack and by event', async () => {
    const socket = open({ token: await token({ agentId: '1001' }) });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const event = new Promise<CommandErrorV1>((r) => socket.once('command.error.v1', r));
    const ack = (await socket.emitWithAck('agent.notReady.v1', { reason: 'nap' })) as CommandAck;
    expect(ack).toMatchObject({ ok: false, error: { command: 'agent.notReady.v1', code: 'BAD_REQUEST' } });
    expect(await event).toMatchObject({ code: 'BAD_REQUEST' });
    expect(await socket.emitWithAck('call.answer.v1', { callId: '' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await socket.emitWithAck('agent.ready.v1', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('refuses call control to a supervisor with FORBIDDEN', async () => {
    const socket = open({ token: await token({ role: 'supervisor', username: 'lee' }) });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const event = new Promise<CommandErrorV1>((r) => socket.once('command.error.v1', r));
    const ack = await socket.emitWithAck('call.answer.v1', { callId: 'c1' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', command: 'call.answer.v1' } });
    expect(await event).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('passes a refused use case back as its own error code', async () => {
    const socket = open({ token: await token({ agentId: '1001' }) });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const ack = await socket.emitWithAck('call.answer.v1', { callId: 'c9' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: 'call c9 is not ringing' } });
  });
});
