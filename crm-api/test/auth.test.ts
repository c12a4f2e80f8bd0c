import { LoginResponse, verifyAccessToken } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, TEST_NOW, call, count, makeUser, startTestCrm, tokenFor, type TestCrm } from './support/server';

describe('auth', () => {
  let crm: TestCrm;
  let userId: string;
  beforeAll(async () => {
    crm = await startTestCrm();
    userId = await makeUser(crm.db, {
      username: 'kim',
      password: 'correct-horse',
      agentId: '2001',
      skills: ['fund'],
      displayName: '김상담',
    });
    await makeUser(crm.db, { username: 'gone', password: 'correct-horse', active: false });
  });
  afterAll(() => crm.close());

  it('logs in with the right password and returns a token telephony can verify', async () => {
    const res = await call(crm, 'POST', '/api/auth/login', { body: { username: 'kim', password: 'correct-horse' } });
    expect(res.status).toBe(200);
    const body = LoginResponse.parse(res.body);
    expect(body.user).toEqual({
      id: userId,
      username: 'kim',
      displayName: '김상담',
      role: 'counselor',
      agentId: '2001',
      skills: ['fund'],
    });
    const claims = await verifyAccessToken(body.token, SECRET, TEST_NOW);
    expect(claims).toMatchObject({ sub: userId, role: 'counselor', agentId: '2001', skills: ['fund'] });
    // TTL defaults to 8 hours from the server's clock.
    expect(body.expiresAt).toBe('2025-03-14T11:00:00.000Z');
    expect(await count(crm.db, 'audit_log', `action = 'auth.login' AND actor_id = $1`, [userId])).toBe(1);
  });

  it.each([
    ['wrong password', { username: 'kim', password: 'nope' }],
    ['unknown user', { username: 'nobody', password: 'correct-horse' }],
    ['inactive user', { username: 'gone', password: 'correct-horse' }],
  ])('%s → 401 with the same message', async (_label, body) => {
    const res = await call(crm, 'POST', '/api/auth/login', { body });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'UNAUTHORIZED', message: '아이디 또는 비밀번호가 올바르지 않습니다' } });
  });

  it('a malformed login is a 400 naming the fields', async () => {
    const res = await call(crm, 'POST', '/api/auth/login', { body: { username: '' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
    expect(res.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['password', 'username']);
  });

  it('broken JSON is a 400, not a crash', async () => {
    const res = await call(crm, 'POST', '/api/auth/login', { rawBody: '{"username": ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });

  it('GET /api/me returns the signed-in user; 401 without or with a bad token', async () => {
    const login = await call(crm, 'POST', '/api/auth/login', { body: { username: 'kim', password: 'correct-horse' } });
    const me = await call(crm, 'GET', '/api/me', { token: login.body.token });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('kim');
    expect((await call(crm, 'GET', '/api/me')).status).toBe(401);
    const forged = await call(crm, 'GET', '/api/me', { token: `${login.body.token.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('UNAUTHORIZED');
  });

  it('a service token describes itself on /api/me', async () => {
    const res = await call(crm, 'GET', '/api/me', { token: await tokenFor('service') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 'telephony', role: 'service' });
  });

  it('health checks the database; unknown routes are a JSON 404', async () => {
    expect(await call(crm, 'GET', '/health')).toEqual({ status: 200, body: { ok: true } });
    const res = await call(crm, 'GET', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
