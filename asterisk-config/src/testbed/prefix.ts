import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The Asterisk build the real tier runs, from TEST_ASTERISK_PREFIX (what
 * asterisk-config/testbed/build.sh prints; .ci/run exports it). Null when unset: the tier skips.
 * A set variable that names no build is an error, not a silent skip.
 */
export function asteriskPrefix(env: Record<string, string | undefined> = process.env): string | null {
  const prefix = env.TEST_ASTERISK_PREFIX?.trim();
  if (!prefix) return null;
  if (!existsSync(path.join(prefix, 'sbin', 'asterisk')))
    throw new Error(`TEST_ASTERISK_PREFIX=${prefix} holds no sbin/asterisk (run asterisk-config/testbed/build.sh)`);
  return prefix;
}
