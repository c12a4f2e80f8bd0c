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
    const paths = fieldErrorsOf(result.error).map((f) => f.path).sort();
    expect(paths).toEqual(['category', 'idempotencyKey', 'outcome', 'summary']);
  });
});

describe('access tokens', () => {
  const secret = 'test-secret-0123456789';
  it('round-trips claims and rejects a token signed with another secret', async () => {
    const { signAccessToken, verifyAccessToken } = await import('../src/token');
    const token = await signAccessToken({ sub: 'u1', username: 'kim', displayName: '김상담', role: 'counselor', agentId: '1001', skills: ['fund'] }, secret, 60);
    expect(await verifyAccessToken(token, secret)).toMatchObject({ sub: 'u1', displayName: '김상담', role: 'counselor', agentId: '1001', skills: ['fund'] });
    expect(await verifyAccessToken(token, 'another-secret-0123456789')).toBeNull();
    expect(await verifyAccessToken('garbage', secret)).toBeNull();
  });

  it('rejects an expired token', async () => {
    const { signAccessToken, verifyAccessToken } = await import('../src/token');
    const token = await signAccessToken({ sub: 'u1', username: 'kim', role: 'counselor', skills: [] }, secret, 60, new Date(Date.now() - 3_600_000));
    expect(await verifyAccessToken(token, secret)).toBeNull();
  });
});
