import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CommandAck, type CommandErrorV1, type TokenClaims, signAccessToken } from '@cc1357/contracts';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleServer, createGateway, type GatewayHandlers } from '../../src/adapters/console/gateway';
import { TelephonyError } from '../../src/core/errors';
import { capturedLog } from '../support/captured-log';

const SECRET = 'gateway-test-secret-0123456789';

describe('socket gateway: auth, roles, validation', () => {
  let http: Server;
  let io: ConsoleServer;
  let url: string;
  const calls: string[] = [];
  const sockets: Socket[] = [];

  const log = capturedLog('info');
  const handlers: GatewayHandlers = {
    onAgentConnected: async (claims, socket) => {
      socket.emit('agent.state.v1', {
        agentId: claims.agentId,
        displayName: claims.username,
        state: 'notReady',
        reason: null,
        skills: claims.skills,
        since: new Date().toISOString(),
        callId: null,
      });
    },
    onAgentDisconnected: async (agentId) => void calls.push(`gone:${agentId}`),
    onSupervisorConnected: async () => {},
    ready: async (agentId) => void calls.push(`ready:${agentId}`),
    notReady: async (agentId, reason) => void calls.push(`notReady:${agentId}:${reason}`),
    answer: async (_agentId, callId) => {
      throw new TelephonyError('INVALID_STATE', `call ${callId} is not ringing`);
    },
    hangup: async () => {},
    wrapUp: async () => {},
    hold: async (agentId, callId, held) => void calls.push(`hold:${agentId}:${callId}:${held}`),
    mute: async () => {},
    recordingPause: async (agentId, callId, paused) => void calls.push(`recordingPause:${agentId}:${callId}:${paused}`),
    monitorStart: async (sup, callId, mode) =>
      void calls.push(`monitorStart:${sup.userId}:${sup.phone}:${callId}:${mode}`),
    monitorMode: async (sup, callId, mode) => void calls.push(`monitorMode:${sup.userId}:${callId}:${mode}`),
    monitorStop: async (sup, callId) => void calls.push(`monitorStop:${sup.userId}:${callId}`),
    supervisorNotReady: async (sup, agentId, reason) =>
      void calls.push(`supNotReady:${sup.userId}:${sup.name}:${sup.role}:${agentId}:${reason}`),
    supervisorLogout: async (sup, agentId) => void calls.push(`supLogout:${sup.userId}:${agentId}`),
    supervisorSkills: async (sup, agentId, skills) =>
      void calls.push(`supSkills:${sup.userId}:${agentId}:${skills.join('+')}`),
    transfer: async (agentId, c) => void calls.push(`transfer:${agentId}:${c.callId}:${c.target.kind}:${c.mode}`),
    transferTargets: async () => {},
    consult: async () => {},
  };

  beforeAll(async () => {
    http = createServer();
    io = createGateway(http, { authSecret: SECRET, log: log.logger, handlers });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await new Promise<void>((r) => io.close(() => r()));
  });

  const token = (claims: Partial<TokenClaims>) =>
    signAccessToken({ sub: 'u1', username: 'kim', role: 'counselor', skills: ['fund'], ...claims }, SECRET, 600);

  function open(auth: Record<string, unknown>): Socket {
    const socket = connect(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket;
  }

  const refused = (socket: Socket) =>
    new Promise<Error>((resolve, reject) => {
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
    const forged = await signAccessToken(
      { sub: 'u1', username: 'kim', role: 'counselor', agentId: '1001', skills: [] },
      'another-secret-0123456789',
      600,
    );
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
    expect(await socket.emitWithAck('call.answer.v1', { callId: '' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await socket.emitWithAck('agent.ready.v1', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('passes hold on with the state wanted, and refuses a hold without it', async () => {
    const socket = open({ token: await token({ agentId: '1001' }) });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    expect(await socket.emitWithAck('call.hold.v1', { callId: 'c1', held: true })).toEqual({ ok: true });
    expect(calls).toContain('hold:1001:c1:true');
    expect(await socket.emitWithAck('call.hold.v1', { callId: 'c1' })).toMatchObject({
      ok: false,
      error: { command: 'call.hold.v1', code: 'BAD_REQUEST' },
    });
  });

  it('passes a transfer on with its defaults, and names the bad field of a malformed one', async () => {
    const socket = open({ token: await token({ agentId: '1001' }) });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const target = { kind: 'queue', queue: 'export' };
    expect(await socket.emitWithAck('call.transfer.v1', { callId: 'c1', target })).toEqual({ ok: true });
    expect(calls).toContain('transfer:1001:c1:queue:blind');
    const bad = async (payload: unknown) =>
      ((await socket.emitWithAck('call.transfer.v1', payload as never)) as CommandAck & { ok: false }).error.message;
    expect(await bad({ callId: 'c1', target: { kind: 'queue', queue: 'nowhere' } })).toMatch(/target\.queue/);
    expect(await bad({ callId: 'c1', target: { kind: 'agent' } })).toMatch(/target\.agentId/);
    expect(await bad({ callId: 'c1', target, context: { notes: 'x'.repeat(2_001) } })).toMatch(/context\.notes/);
    const draft = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}`, '가'.repeat(2_000)]));
    expect(await bad({ callId: 'c1', target, context: { draft } })).toMatch(/context\.draft: at most 16384 bytes/);
    expect(await bad({ callId: 'c1', target, context: { category: 'gossip' } })).toMatch(/context\.category/);
  });

  it('refuses call control to a supervisor with FORBIDDEN', async () => {
    const socket = open({ token: await token({ role: 'supervisor', username: 'lee' }) });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const event = new Promise<CommandErrorV1>((r) => socket.once('command.error.v1', r));
    const ack = await socket.emitWithAck('call.answer.v1', { callId: 'c1' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', command: 'call.answer.v1' } });
    expect(await event).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets supervisors (not counselors) monitor, with their user id and phone', async () => {
    const sup = open({ token: await token({ role: 'supervisor', sub: 'u-sup', username: 'lee', agentId: '2001' }) });
    await new Promise<void>((r) => sup.once('connect', () => r()));
    expect(await sup.emitWithAck('monitor.start.v1', { callId: 'c1', mode: 'listen' })).toEqual({ ok: true });
    expect(await sup.emitWithAck('monitor.mode.v1', { callId: 'c1', mode: 'barge' })).toEqual({ ok: true });
    expect(await sup.emitWithAck('monitor.stop.v1', { callId: 'c1' })).toEqual({ ok: true });
    expect(calls).toEqual(
      expect.arrayContaining([
        'monitorStart:u-sup:2001:c1:listen',
        'monitorMode:u-sup:c1:barge',
        'monitorStop:u-sup:c1',
      ]),
    );
    expect(await sup.emitWithAck('monitor.start.v1', { callId: 'c1', mode: 'shout' })).toMatchObject({
      ok: false,
      error: { command: 'monitor.start.v1', code: 'BAD_REQUEST', message: expect.stringContaining('mode') },
    });
    const counselor = open({ token: await token({ agentId: '1001' }) });
    await new Promise<void>((r) => counselor.once('connect', () => r()));
    expect(await counselor.emitWithAck('monitor.start.v1', { callId: 'c1', mode: 'listen' })).toMatchObject({
      ok: false,
      error: { command: 'monitor.start.v1', code: 'FORBIDDEN' },
    });
    expect(await counselor.emitWithAck('call.recordingPause.v1', { callId: 'c1', paused: true })).toEqual({ ok: true });
    expect(calls).toContain('recordingPause:1001:c1:true');
  });

  it('lets supervisors and admins (not counselors) act on an agent, validating each command', async () => {
    const sup = open({
      token: await token({ role: 'supervisor', sub: 'u-sup', username: 'lee', displayName: '이관리' }),
    });
    await new Promise<void>((r) => sup.once('connect', () => r()));
    expect(await sup.emitWithAck('supervisor.agent.notReady.v1', { agentId: '1001', reason: 'meeting' })).toEqual({
      ok: true,
    });
    expect(await sup.emitWithAck('supervisor.agent.logout.v1', { agentId: '1001' })).toEqual({ ok: true });
    expect(await sup.emitWithAck('supervisor.agent.skills.v1', { agentId: '1001', skills: ['fund', 'hr'] })).toEqual({
      ok: true,
    });
    expect(calls).toEqual(
      expect.arrayContaining([
        'supNotReady:u-sup:이관리:supervisor:1001:meeting',
        'supLogout:u-sup:1001',
        'supSkills:u-sup:1001:fund+hr',
      ]),
    );
    const refusal = async (name: string, payload: unknown) =>
      ((await sup.emitWithAck(name as 'supervisor.agent.skills.v1', payload as never)) as CommandAck & { ok: false })
        .error;
    expect(await refusal('supervisor.agent.notReady.v1', { agentId: '1001', reason: 'disconnected' })).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('reason'),
    });
    expect(await refusal('supervisor.agent.skills.v1', { agentId: '1001', skills: ['fund', 'fund'] })).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('repeat'),
    });
    expect(await refusal('supervisor.agent.skills.v1', { agentId: '1001', skills: ['astrology'] })).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await refusal('supervisor.agent.logout.v1', { agentId: '' })).toMatchObject({ code: 'BAD_REQUEST' });
    const counselor = open({ token: await token({ agentId: '1002' }) });
    await new Promise<void>((r) => counselor.once('connect', () => r()));
    const event = new Promise<CommandErrorV1>((r) => counselor.once('command.error.v1', r));
    expect(await counselor.emitWithAck('supervisor.agent.logout.v1', { agentId: '1001' })).toMatchObject({
      ok: false,
      error: { command: 'supervisor.agent.logout.v1', code: 'FORBIDDEN' },
    });
    expect(await event).toMatchObject({ code: 'FORBIDDEN' });
    expect(calls.filter((c) => c.startsWith('sup'))).toHaveLength(3);
  });

  it('passes a refused use case back as its own error code', async () => {
    const socket = open({ token: await token({ agentId: '1001' }) });
    await new Promise<void>((r) => socket.once('connect', () => r()));
    const ack = await socket.emitWithAck('call.answer.v1', { callId: 'c9' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: 'call c9 is not ringing' } });
    // Clicking Answer on a call that just ended is routine: logged, but not as a warning.
    const line = log.lines.find((l) => l.msg === 'command refused: call c9 is not ringing');
    expect(line?.level).toBe(30);
  });
});
