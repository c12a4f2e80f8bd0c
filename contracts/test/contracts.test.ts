import { describe, expect, it } from 'vitest';
import { CreateConsultationRequest, QUEUES, QUEUE_IDS, fieldErrorsOf } from '../src/index';

describe('contracts', () => {
  it('defines every queue once, each with its own skill', () => {
    expect(QUEUES.map((q) => q.id).sort()).toEqual([...QUEUE_IDS].sort());
  });

  it('names each bad field of a malformed consultation', () => {
    const result = CreateConsultationRequest.safeParse({ idempotencyKey: 'x', category: 'nope', summary: '' });
    expect(result.success).toBe(false);
    if (result.success) return;
    const paths = fieldErrorsOf(result.error)
      .map((f) => f.path)
      .sort();
    expect(paths).toEqual(['category', 'idempotencyKey', 'outcome', 'summary']);
  });
});

describe('access tokens', () => {
  const secret = 'test-secret-0123456789';
  it('round-trips claims and rejects a token signed with another secret', async () => {
    const { signAccessToken, verifyAccessToken } = await import('../src/auth/token');
    const token = await signAccessToken(
      { sub: 'u1', username: 'kim', displayName: '김상담', role: 'counselor', agentId: '1001', skills: ['fund'] },
      secret,
      60,
    );
    expect(await verifyAccessToken(token, secret)).toMatchObject({
      sub: 'u1',
      displayName: '김상담',
      role: 'counselor',
      agentId: '1001',
      skills: ['fund'],
    });
    expect(await verifyAccessToken(token, 'another-secret-0123456789')).toBeNull();
    expect(await verifyAccessToken('garbage', secret)).toBeNull();
  });

  it('rejects an expired token', async () => {
    const { signAccessToken, verifyAccessToken } = await import('../src/auth/token');
    const token = await signAccessToken(
      { sub: 'u1', username: 'kim', role: 'counselor', skills: [] },
      secret,
      60,
      new Date(Date.now() - 3_600_000),
    );
    expect(await verifyAccessToken(token, secret)).toBeNull();
  });
});

describe('access tokens with Ed25519 keys', () => {
  const claims = { sub: 'u1', username: 'kim', role: 'counselor' as const, skills: [], ver: 3 };

  it('the private key signs, its public half verifies (ver included); a public key cannot sign', async () => {
    const { generateTokenKeyPair, signAccessToken, verifyAccessToken } = await import('../src/auth/token');
    const { privateKey, publicKey } = await generateTokenKeyPair();
    const token = await signAccessToken(claims, privateKey, 60);
    expect(await verifyAccessToken(token, publicKey)).toMatchObject({ sub: 'u1', role: 'counselor', ver: 3 });
    expect(await verifyAccessToken(token, privateKey)).toMatchObject({ sub: 'u1' });
    // One-line env files carry the PEM with literal \n.
    expect(await verifyAccessToken(token, publicKey.replace(/\n/g, '\\n'))).toMatchObject({ sub: 'u1' });
    await expect(signAccessToken(claims, publicKey, 60)).rejects.toThrow(/public key can only verify/);
  });

  it('refuses tokens of another key pair, HMAC tokens, and HS256 tokens keyed with the public key text', async () => {
    const { generateTokenKeyPair, signAccessToken, verifyAccessToken } = await import('../src/auth/token');
    const mine = await generateTokenKeyPair();
    const theirs = await generateTokenKeyPair();
    expect(await verifyAccessToken(await signAccessToken(claims, theirs.privateKey, 60), mine.publicKey)).toBeNull();
    expect(
      await verifyAccessToken(await signAccessToken(claims, 'a-development-secret-0123', 60), mine.publicKey),
    ).toBeNull();
    // The classic algorithm confusion: the public key is public, so an attacker can HMAC with its text.
    const { SignJWT } = await import('jose');
    const confused = await new SignJWT({ username: 'x', role: 'admin', skills: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('1')
      .setIssuer('cc1357')
      .setAudience('cc1357')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(mine.publicKey));
    expect(await verifyAccessToken(confused, mine.publicKey)).toBeNull();
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${confused.split('.')[1]}.`;
    expect(await verifyAccessToken(unsigned, mine.publicKey)).toBeNull();
  });
});

describe('production secrets', () => {
  it('names placeholders, short and missing values, and accepts a random one', async () => {
    const { secretProblem } = await import('../src/auth/secrets');
    expect(secretProblem(undefined)).toBe('is missing');
    expect(secretProblem('change-me')).toMatch(/placeholder/);
    expect(secretProblem('change-me-to-a-long-random-string')).toMatch(/placeholder/);
    expect(secretProblem('aaaaaaaaaaaaaaaaaaaa')).toMatch(/random/);
    expect(secretProblem('k3Jd9xQ2')).toMatch(/too short/);
    expect(secretProblem('k3Jd9xQ2mZ7vT1pL8wR4')).toBeNull();
  });
});
