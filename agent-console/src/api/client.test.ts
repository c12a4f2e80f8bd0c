import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, asApiError, clearSession, createApiClient, loadSession, saveSession, type StorageLike } from '.';

/** The REST client against a small real HTTP server answering like crm-api. */
let server: Server;

let baseUrl: string;

const seen: { path: string; auth: string | undefined; body: unknown }[] = [];

const user = {
  id: 'u1',
  username: 'counselor',
  displayName: '김상담',
  role: 'counselor',
  agentId: '1001',
  skills: ['fund'],
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      seen.push({ path: req.url ?? '', auth: req.headers.authorization, body });
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.url === '/api/auth/login') {
        if (body.password !== 'pw')
          return send(401, { error: { code: 'UNAUTHORIZED', message: '아이디 또는 비밀번호가 맞지 않습니다' } });
        return send(200, { token: 't0k', expiresAt: '2030-01-01T00:00:00Z', user });
      }
      if (req.url === '/api/consultations') {
        if (req.headers.authorization !== 'Bearer t0k')
          return send(401, { error: { code: 'UNAUTHORIZED', message: '로그인이 필요합니다' } });
        if (body.summary === 'bad')
          return send(400, {
            error: {
              code: 'BAD_REQUEST',
              message: '입력값 오류',
              fields: [{ path: 'summary', message: '너무 짧습니다' }],
            },
          });
        if (body.summary === 'weird') return send(201, { id: 1 });
        return send(201, {
          id: 'cs1',
          companyId: null,
          callId: body.callId,
          callerNumber: null,
          counselorId: 'u1',
          counselorName: '김상담',
          category: body.category,
          subCategory: null,
          summary: body.summary,
          outcome: body.outcome,
          followUp: null,
          createdAt: '2026-03-03T00:00:00Z',
        });
      }
      if (req.url?.startsWith('/api/callers/')) {
        return send(200, {
          status: 'known',
          number: null,
          companies: [],
          contact: null,
          recentConsultations: [],
          echo: req.url,
        });
      }
      res.writeHead(502);
      res.end('<html>bad gateway</html>');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const request = (summary: string) => ({
  idempotencyKey: 'consult-12345678',
  callId: 'c1',
  category: 'finance' as const,
  summary,
  outcome: 'resolved' as const,
});

describe('api client', () => {
  it('logs in and returns the typed session; a refused login carries the server message', async () => {
    const api = createApiClient({ baseUrl });
    expect((await api.login({ username: 'counselor', password: 'pw' })).user.displayName).toBe('김상담');
    const error = await api.login({ username: 'counselor', password: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'UNAUTHORIZED', message: '아이디 또는 비밀번호가 맞지 않습니다' });
  });

  it('sends the bearer token and returns the saved consultation', async () => {
    const api = createApiClient({ baseUrl, token: () => 't0k' });
    expect((await api.createConsultation(request('정책자금 문의'))).id).toBe('cs1');
    expect(seen.at(-1)).toMatchObject({ path: '/api/consultations', auth: 'Bearer t0k' });
  });

  it('400 field errors come through; 401 calls onUnauthorized', async () => {
    let unauthorized = 0;
    const api = createApiClient({ baseUrl, token: () => 'old', onUnauthorized: () => unauthorized++ });
    await expect(api.createConsultation(request('x'))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(unauthorized).toBe(1);
    const ok = createApiClient({ baseUrl, token: () => 't0k' });
    await expect(ok.createConsultation(request('bad'))).rejects.toMatchObject({
      status: 400,
      fields: [{ path: 'summary', message: '너무 짧습니다' }],
    });
  });

  it('an answer that is not the contract, a non-JSON error and a dead server are ApiErrors too', async () => {
    const api = createApiClient({ baseUrl, token: () => 't0k' });
    await expect(api.createConsultation(request('weird'))).rejects.toMatchObject({ code: 'INTERNAL' });
    const proxyDown = createApiClient({ baseUrl: `${baseUrl}/nowhere`, token: () => 't0k' });
    await expect(proxyDown.createConsultation(request('x'))).rejects.toMatchObject({
      status: 502,
      code: 'UNAVAILABLE',
    });
    const dead = createApiClient({ baseUrl: 'http://127.0.0.1:1', token: () => 't0k' });
    await expect(dead.createConsultation(request('x'))).rejects.toMatchObject({ status: 0, code: 'UNAVAILABLE' });
  });
});

describe('caller pop', () => {
  it('asks for one company of a number by 사업자등록번호; a withheld number is the empty segment', async () => {
    const api = createApiClient({ baseUrl, token: () => 't0k' });
    await api.callerPop('0212345678', { bizRegNo: '1248100998', callId: 'c 1' });
    expect(seen.at(-1)?.path).toBe('/api/callers/0212345678/pop?bizRegNo=1248100998&callId=c+1');
    await api.callerPop(null);
    expect(seen.at(-1)?.path).toBe('/api/callers//pop');
  });
});

describe('session storage', () => {
  function memory(): StorageLike & { data: Map<string, string> } {
    const data = new Map<string, string>();
    return {
      data,
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => void data.set(k, v),
      removeItem: (k) => void data.delete(k),
    };
  }
  const session = { token: 't', expiresAt: '2026-03-03T10:00:00Z', user: { ...user, role: 'counselor' as const } };

  it('keeps a session until it expires, then forgets it', () => {
    const s = memory();
    saveSession(s, session);
    expect(loadSession(s, Date.parse('2026-03-03T09:00:00Z'))?.token).toBe('t');
    expect(loadSession(s, Date.parse('2026-03-03T10:00:01Z'))).toBeNull();
    expect(s.data.size).toBe(0);
  });

  it('ignores garbage and clears on logout', () => {
    const s = memory();
    s.setItem('cc1357.session', '{not json');
    expect(loadSession(s, 0)).toBeNull();
    saveSession(s, session);
    clearSession(s);
    expect(loadSession(s, 0)).toBeNull();
  });
});

describe('asApiError', () => {
  it('passes an ApiError through and wraps anything else as INTERNAL with its message', () => {
    const conflict = new ApiError(409, 'CONFLICT', '다른 수정이 있습니다');
    expect(asApiError(conflict)).toBe(conflict);
    expect(asApiError(new Error('boom'))).toMatchObject({ status: 0, code: 'INTERNAL', message: 'boom' });
    expect(asApiError('odd')).toMatchObject({ status: 0, code: 'INTERNAL', message: 'odd' });
  });
});
