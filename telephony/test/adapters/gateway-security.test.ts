import { randomBytes, scryptSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LoginResponse, generateTokenKeyPair, signAccessToken } from '@cc1357/contracts';
import { startCrmApi, type CrmApiHandle } from '@cc1357/crm-api';
import { createTestDatabase, type TestDatabase } from '@cc1357/crm-api/testing';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleServer, createGateway, type GatewayHandlers } from '../../src/adapters/console/gateway';
import { CrmClient } from '../../src/adapters/crm/client';
import { testLog } from '../support/log';
import { until } from '../support/center';

/**
 * The gateway as production wires it, against a real crm-api with Ed25519 keys: browsers only
 * from the allowed origins, and a console whose session ends (deactivation, logout) is told
 * and disconnected within the check interval; its token cannot connect again.
 */
const CONSOLE_ORIGIN = 'http://console.test:8080';
const CHECK_MS = 200;

describe('socket gateway: origins and revocable sessions', () => {
  let database: TestDatabase;
  let crm: CrmApiHandle;
  let db: pg.Pool;
  let http: Server;
  let io: ConsoleServer;
  let url: string;
  let keys: { crm: { privateKey: string; publicKey: string }; telephony: { privateKey: string; publicKey: string } };
  const sockets: Socket[] = [];

  const handlers: GatewayHandlers = {
    onAgentConnected: async () => {},
    onAgentDisconnected: async () => {},
    onSupervisorConnected: async () => {},
    ready: async () => {},
    notReady: async () => {},
    answer: async () => {},
    hangup: async () => {},
    wrapUp: async () => {},
    hold: async () => {},
    mute: async () => {},
    recordingPause: async () => {},
    monitorStart: async () => {},
    monitorMode: async () => {},
    monitorStop: async () => {},
    supervisorNotReady: async () => {},
    supervisorLogout: async () => {},
    supervisorSkills: async () => {},
    transfer: async () => {},
    transferTargets: async () => {},
    consult: async () => {},
  };

  async function makeUser(username: string, role: string, agentId: string | null): Promise<void> {
    const salt = randomBytes(16);
    const hash = [
      'scrypt',
      16384,
      8,
      1,
      salt.toString('base64'),
      scryptSync('pass-word-1', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64'),
    ].join('$');
    await db.query(
      'INSERT INTO users (username, display_name, role, agent_id, password_hash) VALUES ($1, $1, $2, $3, $4)',
      [username, role, agentId, hash],
    );
  }

  async function login(username: string): Promise<LoginResponse> {
    const res = await fetch(`${crm.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'pass-word-1' }),
    });
    expect(res.status).toBe(200);
    return LoginResponse.parse(await res.json());
  }

  beforeAll(async () => {
    keys = { crm: await generateTokenKeyPair(), telephony: await generateTokenKeyPair() };
    database = await createTestDatabase();
    crm = await startCrmApi({
      databaseUrl: database.url,
      authSecret: keys.crm.privateKey,
      servicePublicKey: keys.telephony.publicKey,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
    });
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    await makeUser('boss', 'admin', null);
    await makeUser('kim', 'counselor', '1001');
    await makeUser('park', 'counselor', '1002');
    const client = new CrmClient({ baseUrl: crm.url, authSecret: keys.telephony.privateKey, log: testLog });
    http = createServer();
    io = createGateway(http, {
      authSecret: keys.crm.publicKey,
      log: testLog,
      handlers,
      origins: [CONSOLE_ORIGIN],
      sessions: { revoked: (refs) => client.revokedSessions(refs) },
      sessionCheckMs: CHECK_MS,
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await new Promise<void>((r) => io.close(() => r()));
    await crm.close();
    await db.end();
    await database.drop();
  });

  function open(token: string, origin: string | null = CONSOLE_ORIGIN): Socket {
    const socket = connect(url, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      ...(origin ? { extraHeaders: { origin } } : {}),
    });
    sockets.push(socket);
    return socket;
  }
  const outcome = (socket: Socket) =>
    new Promise<'connected' | Error>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', resolve);
    });

  it('refuses a browser from an origin not on the list, before the token is looked at', async () => {
    const { token } = await login('park');
    const evil = await outcome(open(token, 'http://evil.test'));
    expect(evil).toBeInstanceOf(Error);
    expect(await outcome(open(token))).toBe('connected');
    // Not a browser (no Origin): the token still decides.
    expect(await outcome(open(token, null))).toBe('connected');
  });

  it("refuses a token crm-api did not sign (a development secret, telephony's own key)", async () => {
    const claims = { sub: '2', username: 'kim', role: 'counselor' as const, agentId: '1001', skills: [] };
    for (const key of ['a-development-secret-0123456789', keys.telephony.privateKey]) {
      const result = await outcome(open(await signAccessToken(claims, key, 600)));
      expect(result).toBeInstanceOf(Error);
      expect((result as Error).message).toMatch(/UNAUTHORIZED/);
    }
  });

  it('deactivation: the console is told and disconnected within the check interval; its token cannot reconnect', async () => {
    const { token, user } = await login('kim');
    const socket = open(token);
    expect(await outcome(socket)).toBe('connected');
    const told = new Promise((r) => socket.once('session.revoked.v1', r));
    const admin = await login('boss');
    const res = await fetch(`${crm.url}/api/admin/users/${user.id}/deactivate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(res.status).toBe(200);
    expect(await told).toEqual({ reason: 'revoked' });
    await until(() => !socket.connected, 'the revoked socket to be disconnected');
    const again = await outcome(open(token));
    expect(again).toBeInstanceOf(Error);
    expect((again as Error).message).toMatch(/session has ended/);
  });

  it("logout: the same user's socket is disconnected too", async () => {
    const { token } = await login('park');
    const socket = open(token);
    expect(await outcome(socket)).toBe('connected');
    const told = new Promise((r) => socket.once('session.revoked.v1', r));
    expect(
      (await fetch(`${crm.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(204);
    await told;
    await until(() => !socket.connected, 'the logged-out socket to be disconnected');
  });
});
