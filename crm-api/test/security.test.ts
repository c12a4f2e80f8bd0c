import { randomBytes, scryptSync } from 'node:crypto';
import { LoginLocksResponse, LoginResponse, generateTokenKeyPair, signAccessToken } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../src/db/pool';
import { startCrmApi } from '../src/server';
import { createTestDatabase } from '../src/testing';
import { SECRET, call, count, makeUser, type TestCrm } from './support/server';

/**
 * crm-api as production runs it: Ed25519 keys (crm-api signs, telephony's own key signs only
 * scoped service tokens), login limits, revocable sessions, security headers.
 */
describe('security', () => {
  let crm: TestCrm;
  let keys: { crm: { privateKey: string; publicKey: string }; telephony: { privateKey: string; publicKey: string } };
  let adminToken: string;
  let counselorId: string;

  beforeAll(async () => {
    keys = { crm: await generateTokenKeyPair(), telephony: await generateTokenKeyPair() };
    const database = await createTestDatabase();
    const api = await startCrmApi({
      databaseUrl: database.url,
      authSecret: keys.crm.privateKey,
      servicePublicKey: keys.telephony.publicKey,
      port: 0,
      host: '127.0.0.1',
      logLevel: 'silent',
      loginLimits: { accountAttempts: 4, addressAttempts: 8 },
    });
    const db = createPool(database.url, 3);
    crm = {
      api,
      database,
      db,
      setNow: () => undefined,
      async close() {
        await api.close();
        await db.end();
        await database.drop();
      },
    };
    await makeUser(crm.db, { username: 'boss', role: 'admin', password: 'admin-pass-1' });
    counselorId = await makeUser(crm.db, { username: 'kim', password: 'right-pass-1', agentId: '2001' });
    for (const n of [1, 2, 3, 4]) await makeUser(crm.db, { username: `lee${n}`, password: 'right-pass-1' });
    adminToken = (await loginAs('boss', 'admin-pass-1', '10.0.0.1')).body.token;
  });
  afterAll(() => crm.close());

  /** crm-api trusts X-Forwarded-For from loopback (a proxy), so a test can speak from any address. */
  function loginAs(username: string, password: string, from: string) {
    return fetch(`${crm.api.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ username, password }),
    }).then(async (res) => ({
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a session or an error body; each test reads what it checks
      body: (await res.json()) as any,
    }));
  }
  const locks = async () =>
    LoginLocksResponse.parse((await call(crm, 'GET', '/api/admin/login-locks', { token: adminToken })).body).locks;

  it('a flood of 50 concurrent wrong passwords gets 429s with Retry-After; the account lock shows to admins and lifts', async () => {
    // 50 addresses, one account: the per-account limit (4) is what stops it.
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => loginAs('kim', `wrong-${i}`, `10.1.0.${i + 1}`)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(46);
    const refused = results.find((r) => r.status === 429)!;
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.body.error.code).toBe('TOO_MANY_REQUESTS');
    // Locked: even the right password is refused now.
    expect((await loginAs('kim', 'right-pass-1', '10.1.1.1')).status).toBe(429);

    const before = Date.now();
    expect(await locks()).toContainEqual(
      expect.objectContaining({ kind: 'account', key: 'kim', attempts: expect.any(Number) }),
    );
    // Locked since the flood (moments ago), until the default 15 minutes after that.
    const lock = (await locks()).find((l) => l.key === 'kim')!;
    expect(Date.parse(lock.lockedSince)).toBeLessThanOrEqual(before);
    expect(Date.parse(lock.lockedUntil) - Date.parse(lock.lockedSince)).toBe(900_000);
    // Not for counselors.
    const counselor = await signAccessToken(
      { sub: counselorId, username: 'kim', role: 'counselor', skills: [] },
      keys.crm.privateKey,
      600,
    );
    expect((await call(crm, 'GET', '/api/admin/login-locks', { token: counselor })).status).toBe(403);

    expect((await call(crm, 'DELETE', '/api/admin/login-locks/account/kim', { token: adminToken })).status).toBe(204);
    expect((await loginAs('kim', 'right-pass-1', '10.1.1.1')).status).toBe(200);
    expect(await count(crm.db, 'audit_log', `action = 'auth.unlock' AND subject_id = 'kim'`)).toBe(1);
  });

  it('many accounts from one address: the address is locked (shown to admins), other addresses are not', async () => {
    const tries = [];
    for (const n of [1, 2, 3, 4]) for (let i = 0; i < 2; i++) tries.push(await loginAs(`lee${n}`, 'wrong', '10.2.0.1'));
    expect(tries.every((r) => r.status === 401)).toBe(true);
    expect((await loginAs('lee1', 'right-pass-1', '10.2.0.1')).status).toBe(429);
    expect(await locks()).toContainEqual(expect.objectContaining({ kind: 'address', key: '10.2.0.1' }));
    expect((await loginAs('lee1', 'right-pass-1', '10.2.0.2')).status).toBe(200);
  });

  it('good logins from one office address do not add up to a lock', async () => {
    for (let i = 0; i < 10; i++) expect((await loginAs('lee2', 'right-pass-1', '10.3.0.1')).status).toBe(200);
  });

  it("deactivation kills the user's live token at once (REST); the session check reports it", async () => {
    const login = LoginResponse.parse((await loginAs('lee3', 'right-pass-1', '10.4.0.1')).body);
    expect((await call(crm, 'GET', '/api/programs', { token: login.token })).status).toBe(200);
    expect(
      (await call(crm, 'POST', `/api/admin/users/${login.user.id}/deactivate`, { token: adminToken })).status,
    ).toBe(200);
    const after = await call(crm, 'GET', '/api/programs', { token: login.token });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/세션이 종료/);
    expect((await call(crm, 'GET', '/api/me', { token: login.token })).status).toBe(401);

    const service = await signAccessToken(
      { sub: 'telephony', username: 'telephony', role: 'service', skills: [] },
      keys.telephony.privateKey,
      600,
    );
    const check = await call(crm, 'POST', '/api/internal/sessions/check', {
      token: service,
      body: {
        sessions: [
          { sub: login.user.id, ver: 0 },
          { sub: counselorId, ver: 0 },
        ],
      },
    });
    expect(check).toEqual({ status: 200, body: { revoked: [{ sub: login.user.id, ver: 0 }] } });
    // Reactivated, the old token stays dead (its version is behind); a new login works.
    expect((await call(crm, 'POST', `/api/admin/users/${login.user.id}/activate`, { token: adminToken })).status).toBe(
      200,
    );
    expect((await call(crm, 'GET', '/api/programs', { token: login.token })).status).toBe(401);
    expect((await loginAs('lee3', 'right-pass-1', '10.4.0.1')).status).toBe(200);
  });

  it('logout ends the session: the same token is refused afterwards', async () => {
    const { token } = LoginResponse.parse((await loginAs('lee4', 'right-pass-1', '10.5.0.1')).body);
    expect((await call(crm, 'GET', '/api/me', { token })).status).toBe(200);
    expect((await call(crm, 'POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await call(crm, 'GET', '/api/me', { token })).status).toBe(401);
    expect(await count(crm.db, 'audit_log', `action = 'auth.logout'`)).toBe(1);
  });

  it('a legacy scrypt hash still logs in once and is stored as argon2id', async () => {
    const salt = randomBytes(16);
    const legacy = [
      'scrypt',
      16384,
      8,
      1,
      salt.toString('base64'),
      scryptSync('old-pass-123', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64'),
    ].join('$');
    const id = await makeUser(crm.db, { username: 'old', password: 'ignored' });
    await crm.db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [id, legacy]);
    expect((await loginAs('old', 'old-pass-123', '10.6.0.1')).status).toBe(200);
    const { rows } = await crm.db.query<{ h: string }>('SELECT password_hash AS h FROM users WHERE id = $1', [id]);
    expect(rows[0]!.h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await loginAs('old', 'old-pass-123', '10.6.0.1')).status).toBe(200);
  });

  it("keys: a token of the development secret is refused; telephony's key signs service tokens only, for its routes only", async () => {
    const dev = await signAccessToken({ sub: '1', username: 'boss', role: 'admin', skills: [] }, SECRET, 600);
    expect((await call(crm, 'GET', '/api/me', { token: dev })).status).toBe(401);
    // Whoever holds telephony's environment cannot mint an admin.
    const forgedAdmin = await signAccessToken(
      { sub: '1', username: 'boss', role: 'admin', skills: [] },
      keys.telephony.privateKey,
      600,
    );
    expect((await call(crm, 'GET', '/api/me', { token: forgedAdmin })).status).toBe(401);

    const service = await signAccessToken(
      { sub: 'telephony', username: 'telephony', role: 'service', skills: [] },
      keys.telephony.privateKey,
      600,
    );
    expect((await call(crm, 'GET', '/api/callers/01012345678/pop', { token: service })).status).toBe(200);
    expect((await call(crm, 'GET', '/api/stats/today', { token: service })).status).toBe(200);
    for (const path of [
      '/api/search/companies?q=테스트',
      '/api/companies/1',
      '/api/programs',
      '/api/callbacks',
      '/api/agents',
    ]) {
      const res = await call(crm, 'GET', path, { token: service });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
  });

  it('sends the usual security headers', async () => {
    const res = await fetch(`${crm.api.url}/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
