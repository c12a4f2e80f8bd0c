import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../../src/domain/password';
import { MAX_PENDING } from '../../src/domain/passwordHasher';

/** A hash as the old code stored it (scrypt N=16384), to prove old rows still verify. */
function legacyScrypt(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, 32, { N: 16384, r: 8, p: 1 });
  return ['scrypt', 16384, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

describe('password hashing (argon2id on the hashing thread)', () => {
  it('verifies the right password only, and salts every hash', async () => {
    const a = await hashPassword('1357demo');
    const b = await hashPassword('1357demo');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('1357demo', a)).toBe(true);
    expect(await verifyPassword('1357demo!', a)).toBe(false);
    expect(await verifyPassword('1357demo', 'garbage')).toBe(false);
    expect(await verifyPassword('1357demo', '$argon2id$garbage')).toBe(false);
  });

  it('still verifies legacy scrypt rows, and asks for their rehash', async () => {
    const old = legacyScrypt('1357demo');
    expect(await verifyPassword('1357demo', old)).toBe(true);
    expect(await verifyPassword('wrong', old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA')).toBe(true);
    expect(needsRehash(await hashPassword('x'))).toBe(false);
  });

  it('refuses checks beyond MAX_PENDING at once instead of queueing them (login answers 429)', async () => {
    const hash = await hashPassword('1357demo');
    const results = await Promise.allSettled(
      Array.from({ length: MAX_PENDING + 8 }, () => verifyPassword('wrong', hash)),
    );
    const busy = results.filter((r) => r.status === 'rejected' && (r.reason as Error).name === 'HasherBusyError');
    expect(busy).toHaveLength(8);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === false)).toHaveLength(MAX_PENDING);
  });
});
