import { randomBytes, timingSafeEqual } from 'node:crypto';
import { runHashJob } from './passwordHasher';

/**
 * Password hashes: argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane) as a PHC string
 * `$argon2id$v=19$m=…,t=…,p=…$salt$hash`, computed on the hashing thread (passwordHasher.ts).
 * Rows from before are `scrypt$N$r$p$salt$hash` (N=16384, below current guidance): they still
 * verify, and `needsRehash` tells login to store a fresh argon2id hash once the password is known.
 */

export const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export async function hashPassword(password: string): Promise<string> {
  return runHashJob<string>({ op: 'argon2-hash', password: password.normalize('NFC'), ...ARGON2 });
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) {
    try {
      return await runHashJob<boolean>({ op: 'argon2-verify', hash: stored, password: password.normalize('NFC') });
    } catch (err) {
      // A malformed stored hash is a failed check; a busy hasher is the caller's to answer.
      if ((err as Error).name === 'HasherBusyError') throw err;
      return false;
    }
  }
  return verifyLegacyScrypt(password, stored);
}

async function verifyLegacyScrypt(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, salt, keyB64] = parts as [string, string, string, string, string, string];
  const expected = Buffer.from(keyB64, 'base64');
  if (expected.length === 0) return false;
  const key = Buffer.from(
    await runHashJob<string>({
      op: 'scrypt',
      password: password.normalize('NFC'),
      salt,
      keyLen: expected.length,
      N: Number(n),
      r: Number(r),
      p: Number(p),
    }),
    'base64',
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** True when a stored hash is weaker than today's: not argon2id, or argon2id with lower costs. */
export function needsRehash(stored: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!m) return true;
  return Number(m[1]) < ARGON2.memoryCost || Number(m[2]) < ARGON2.timeCost || Number(m[3]) < ARGON2.parallelism;
}

let dummy: Promise<string> | undefined;
/** A valid hash of a random password: checking an unknown user costs the same time as a real one. */
export function dummyHash(): Promise<string> {
  if (!dummy) {
    dummy = hashPassword(randomBytes(16).toString('hex'));
    dummy.catch(() => (dummy = undefined));
  }
  return dummy;
}
