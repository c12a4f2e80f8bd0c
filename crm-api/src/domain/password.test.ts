import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing (scrypt + per-user salt)', () => {
  it('verifies the right password only, and salts every hash', async () => {
    const a = await hashPassword('1357demo');
    const b = await hashPassword('1357demo');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('1357demo', a)).toBe(true);
    expect(await verifyPassword('1357demo!', a)).toBe(false);
    expect(await verifyPassword('1357demo', 'garbage')).toBe(false);
  });
});
