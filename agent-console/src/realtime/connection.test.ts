import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientToServerEvents, ServerToClientEvents } from '@cc1357/contracts';
import { Server } from 'socket.io';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectRealtime, isUnauthorized, type Realtime } from './connection';
import { agent, offer } from '../../test/factories';

/**
 * The socket owner against a real socket.io server that speaks the contract (the gateway's
 * side is played here; telephony's own tests cover the real gateway).
 */
async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

let http: HttpServer;

let io: Server<ClientToServerEvents, ServerToClientEvents>;

let url: string;

let clients: Realtime[] = [];

beforeEach(async () => {
  http = createServer();
  io = new Server(http);
  io.use((socket, next) =>
    socket.handshake.auth.token === 'good' ? next() : next(new Error('UNAUTHORIZED: 로그인이 만료되었습니다')),
  );
  io.on('connection', (socket) => {
    socket.emit('agent.state.v1', agent({ state: 'notReady' }));
    socket.on('agent.ready.v1', (_payload, ack) => ack({ ok: true }));
    socket.on('call.answer.v1', (payload, ack) =>
      ack({
        ok: false,
        error: {
          command: 'call.answer.v1',
          code: 'INVALID_STATE',
          message: `${payload.callId} 은(는) 이미 끝났습니다`,
        },
      }),
    );
    socket.on('call.hangup.v1', () => {
      /* never acks: the client must time out */
    });
    socket.on('agent.notReady.v1', (_payload, ack) => (ack as (a: unknown) => void)({ weird: true }));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterEach(async () => {
  for (const c of clients) c.close();
  clients = [];
  await io.close();
});

function connect(token = 'good', onInvalidEvent?: (event: string, issues: string) => void): Realtime {
  const rt = connectRealtime({ token, url, commandTimeoutMs: 300, onInvalidEvent });
  clients.push(rt);
  return rt;
}

describe('realtime', () => {
  it('connects with the token, reports status and passes typed events to subscribers', async () => {
    const rt = connect();
    const states: string[] = [];
    rt.on('agent.state.v1', (a) => states.push(a.state));
    await until(() => rt.status().state === 'connected' && states.length === 1);
    expect(states).toEqual(['notReady']);
  });

  it('keeps the last valid payload of each event for views opened later', async () => {
    const rt = connect();
    expect(rt.latest('agent.state.v1')).toBeNull();
    await until(() => rt.latest('agent.state.v1') !== null);
    expect(rt.latest('agent.state.v1')?.value.state).toBe('notReady');
    for (const s of await io.fetchSockets()) {
      s.emit('agent.state.v1', { ...agent(), state: 'bogus' } as never);
      s.emit('agent.state.v1', agent({ state: 'ready', reason: null }));
    }
    await until(() => rt.latest('agent.state.v1')?.value.state === 'ready');
    rt.close();
    expect(rt.latest('agent.state.v1')).toBeNull();
  });

  it('drops an event that fails its schema and reports it', async () => {
    const invalid: string[] = [];
    const rt = connect('good', (event) => invalid.push(event));
    const offers: string[] = [];
    rt.on('call.offered.v1', (o) => offers.push(o.callId));
    await until(() => rt.status().state === 'connected');
    for (const s of await io.fetchSockets()) {
      s.emit('call.offered.v1', { ...offer(), queue: 'no-such-queue' } as never);
      s.emit('call.offered.v1', offer({ callId: 'good-1' }));
    }
    await until(() => offers.length === 1 && invalid.length === 1);
    expect(offers).toEqual(['good-1']);
    expect(invalid).toEqual(['call.offered.v1']);
  });

  it('unsubscribe stops delivery', async () => {
    const rt = connect();
    const seen: string[] = [];
    const off = rt.on('command.error.v1', (e) => seen.push(e.message));
    await until(() => rt.status().state === 'connected');
    off();
    for (const s of await io.fetchSockets())
      s.emit('command.error.v1', { command: 'x', code: 'INTERNAL', message: 'late' });
    // A second subscriber proves the event did arrive.
    const after: string[] = [];
    rt.on('command.error.v1', (e) => after.push(e.message));
    for (const s of await io.fetchSockets())
      s.emit('command.error.v1', { command: 'x', code: 'INTERNAL', message: 'seen' });
    await until(() => after.includes('seen'));
    expect(seen).toEqual([]);
  });

  it('commands resolve to the ack: ok, the server error, a timeout, or garbage', async () => {
    const rt = connect();
    await until(() => rt.status().state === 'connected');
    expect(await rt.command('agent.ready.v1', {})).toEqual({ ok: true });
    expect(await rt.command('call.answer.v1', { callId: 'c1' })).toEqual({
      ok: false,
      error: { command: 'call.answer.v1', code: 'INVALID_STATE', message: 'c1 은(는) 이미 끝났습니다' },
    });
    expect(await rt.command('call.hangup.v1', { callId: 'c1' })).toMatchObject({
      ok: false,
      error: { command: 'call.hangup.v1', code: 'UNAVAILABLE' },
    });
    expect(await rt.command('agent.notReady.v1', { reason: 'meal' })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('a command while disconnected fails at once instead of being buffered', async () => {
    const rt = connect();
    await until(() => rt.status().state === 'connected');
    await io.close();
    await until(() => rt.status().state !== 'connected');
    expect(await rt.command('agent.ready.v1', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('taken over by another console: says so, stays disconnected (no retry fighting the other screen) until taken back', async () => {
    const invalid: string[] = [];
    const rt = connect('good', (event) => invalid.push(event));
    await until(() => rt.status().state === 'connected');
    const statuses: string[] = [];
    rt.onStatus((s) => statuses.push(s.state));
    const first = (await io.fetchSockets()).map((s) => s.id);
    const replaced = { reason: 'replaced', at: '2026-12-02T05:10:00.000Z', device: 'Chrome · Windows' } as const;
    for (const s of await io.fetchSockets()) {
      s.emit('session.replaced.v1', replaced);
      s.disconnect(true);
    }
    await until(() => rt.status().state !== 'connected');
    // Not 'connecting': socket.io has no reconnect scheduled (socket.active is false).
    expect(rt.status()).toEqual({ state: 'disconnected', error: null, unauthorized: false, replaced });
    expect(await rt.command('agent.ready.v1', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(invalid).toEqual([]);
    expect(statuses).toEqual(['disconnected']);

    // "Take it back": one new connection, and the notice is gone.
    rt.reconnect();
    await until(() => rt.status().state === 'connected');
    expect(rt.status().replaced).toBeUndefined();
    const now = (await io.fetchSockets()).map((s) => s.id);
    expect(now).toHaveLength(1);
    expect(now).not.toEqual(first);
    expect(await rt.command('agent.ready.v1', {})).toEqual({ ok: true });
  });

  it('a takeover notice that fails its schema is dropped: the disconnect is shown as a plain server disconnect', async () => {
    const invalid: string[] = [];
    const rt = connect('good', (event) => invalid.push(event));
    await until(() => rt.status().state === 'connected');
    for (const s of await io.fetchSockets()) {
      s.emit('session.replaced.v1', { reason: 'replaced', at: 'yesterday', device: 42 } as never);
      s.disconnect(true);
    }
    await until(() => rt.status().state === 'disconnected');
    expect(invalid).toEqual(['session.replaced.v1']);
    expect(rt.status().replaced).toBeUndefined();
    expect(rt.status().error).toBe('서버가 연결을 끊었습니다');
  });

  it('a refused token shows the server message', async () => {
    const rt = connect('expired');
    await until(() => rt.status().error !== null);
    expect(rt.status().error).toContain('UNAUTHORIZED');
    expect(rt.status()).toMatchObject({ unauthorized: true });
    expect(rt.status().state).not.toBe('connected');
  });
});

describe('isUnauthorized', () => {
  it.each([
    [{ message: 'UNAUTHORIZED: a valid access token is required (auth.token)' }, true],
    [{ message: 'refused', data: { code: 'UNAUTHORIZED' } }, true],
    [{ message: 'xhr poll error' }, false],
    [{ message: 'websocket error', data: { code: 'UNAVAILABLE' } }, false],
  ])('%o → %s', (error, expected) => expect(isUnauthorized(error)).toBe(expected));
});
