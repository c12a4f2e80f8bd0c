import { generateTokenKeyPair, signAccessToken, type TokenClaims } from '@cc1357/contracts';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { identify } from '../src/http/auth';
import { VerifiedTokens } from '../src/http/verifiedTokens';

const SECRET = 'verified-tokens-test-secret';
const counselor: TokenClaims = { sub: '7', username: 'kim', role: 'counselor', skills: ['fund'] };
const service: TokenClaims = { sub: 'telephony', username: 'telephony', role: 'service', skills: [] };
const WHO = '/api/callers/01012345678/pop';

describe('VerifiedTokens', () => {
  const t0 = new Date('2026-12-04T03:00:00Z');

  it('keeps a verified token until its exp, and forgets it then', async () => {
    const kept = new VerifiedTokens();
    const token = await signAccessToken(counselor, SECRET, 60, t0);
    expect(kept.get(token, t0)).toBeUndefined();
    kept.remember(token, counselor);
    expect(kept.get(token, new Date(t0.getTime() + 59_999))).toEqual(counselor);
    expect(kept.get(token, new Date(t0.getTime() + 60_000))).toBeUndefined();
    expect(kept.size).toBe(0);
  });

  it('keeps at most `max` tokens, dropping the oldest first', async () => {
    const kept = new VerifiedTokens(2);
    const tokens = await Promise.all(
      ['1', '2', '3'].map((sub) => signAccessToken({ ...counselor, sub }, SECRET, 60, t0)),
    );
    for (const token of tokens) kept.remember(token, counselor);
    expect(kept.size).toBe(2);
    expect(kept.get(tokens[0]!, t0)).toBeUndefined();
    expect(kept.get(tokens[2]!, t0)).toEqual(counselor);
  });

  it('does not keep what has no exp to end it', () => {
    const kept = new VerifiedTokens();
    kept.remember('not.a-token', counselor);
    expect(kept.size).toBe(0);
  });
});

/**
 * identify() in front of one route that answers with the actor it found (the pop's path, which a
 * service token may call), on a clock the test moves.
 */
describe('identify with verified tokens kept', () => {
  const servers: { close(): void }[] = [];
  afterEach(() => servers.splice(0).forEach((s) => s.close()));

  async function app(serviceKey?: string) {
    let now = new Date('2026-12-04T03:00:00Z');
    const a = express();
    a.use(identify({ userKey: SECRET, serviceKey, sessions: liveSessions, now: () => now }));
    a.get(WHO, (req, res) => void res.status(req.actor ? 200 : 401).json({ role: req.actor?.role ?? null }));
    a.use((_err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      res.status(403).json({ role: null });
    });
    const server = a.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((r) => server.once('listening', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${WHO}`;
    return {
      now: () => now,
      advance: (ms: number) => (now = new Date(now.getTime() + ms)),
      who: async (token: string) => {
        const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        return { status: res.status, ...((await res.json()) as { role: string | null }) };
      },
    };
  }
  const liveSessions = {
    isLive: async () => true,
    endAll: async () => null,
    forget: () => undefined,
    revokedOf: async () => [],
  };

  it('a token that verified keeps working until it expires, and is refused from then on', async () => {
    const a = await app();
    const token = await signAccessToken(counselor, SECRET, 60, a.now());
    expect(await a.who(token)).toEqual({ status: 200, role: 'counselor' });
    a.advance(59_000);
    expect(await a.who(token)).toEqual({ status: 200, role: 'counselor' });
    a.advance(1_000);
    expect(await a.who(token)).toEqual({ status: 401, role: null });
  });

  it('a forged token is refused every time, also after the real one was kept', async () => {
    const a = await app();
    const token = await signAccessToken(counselor, SECRET, 60, a.now());
    expect((await a.who(token)).status).toBe(200);
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await a.who(forged)).status).toBe(401);
    expect((await a.who(forged)).status).toBe(401);
  });

  it("a service token signed with telephony's key is kept too; one of another role from that key never passes", async () => {
    const keys = await generateTokenKeyPair();
    const a = await app(keys.publicKey);
    const token = await signAccessToken(service, keys.privateKey, 60, a.now());
    expect(await a.who(token)).toEqual({ status: 200, role: 'service' });
    expect(await a.who(token)).toEqual({ status: 200, role: 'service' });
    const notService = await signAccessToken(counselor, keys.privateKey, 60, a.now());
    expect((await a.who(notService)).status).toBe(401);
    expect((await a.who(notService)).status).toBe(401);
  });
});
