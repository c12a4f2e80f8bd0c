/**
 * Production mode's check of secrets (crm-api and telephony configs). Pure rules (no node:crypto:
 * this module is in the browser-safe index), so every service gives the same answer: a missing,
 * short or placeholder value is named with the reason, and the service refuses to start.
 */

/** Words that mark a value someone copied from an example instead of generating. */
const PLACEHOLDER =
  /change[-_ ]?me|changeit|placeholder|example|your[-_ ]?(secret|password|key)|^(secret|password|passw0rd|admin|test|dev|default|letmein|qwerty|1234)/i;

export const MIN_SECRET_LENGTH = 16;

/** Why `value` is not a usable production secret, or null when it is. */
export function secretProblem(value: string | undefined, minLength = MIN_SECRET_LENGTH): string | null {
  if (value === undefined || value === '') return 'is missing';
  if (PLACEHOLDER.test(value)) return 'is a placeholder (an example value): set a long random one';
  if (value.length < minLength)
    return `is too short (${value.length} characters; production needs at least ${minLength})`;
  if (new Set(value).size < 6) return 'is not random enough (too few distinct characters)';
  return null;
}

/** True when NODE_ENV asks for production mode (docker-compose sets it). */
export function isProduction(env: Record<string, string | undefined>): boolean {
  return env.NODE_ENV === 'production';
}

/** DER prefixes of Ed25519 keys: PKCS#8 private (then 32 key bytes) and SPKI public (then 32). */
const ED25519_DER = {
  private: { prefix: '302e020100300506032b657004220420', length: 48 },
  public: { prefix: '302a300506032b6570032100', length: 44 },
} as const;

/**
 * Why a PEM text is not a usable Ed25519 token key of the wanted half, or null when it is.
 * PEM may carry literal `\n` sequences (one-line .env values).
 */
export function pemKeyProblem(value: string | undefined, half: 'private' | 'public'): string | null {
  if (value === undefined || value === '') return 'is missing';
  const pem = value.replace(/\\n/g, '\n').trim();
  const wanted = half === 'private' ? 'PRIVATE KEY' : 'PUBLIC KEY';
  if (!pem.includes('-----BEGIN') && secretProblem(pem)?.startsWith('is a placeholder'))
    return 'is a placeholder (an example value): generate a key pair with `npm run keys -w @cc1357/crm-api`';
  const match = new RegExp(`-----BEGIN ${wanted}-----([\\s\\S]*?)-----END ${wanted}-----`).exec(pem);
  if (!match)
    return `is not a PEM ${half} key (-----BEGIN ${wanted}-----); generate one with \`npm run keys -w @cc1357/crm-api\``;
  let der: string;
  try {
    der = Array.from(atob(match[1]!.replace(/\s+/g, '')), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(
      '',
    );
  } catch {
    return `does not parse as a PEM ${half} key (bad base64)`;
  }
  const expected = ED25519_DER[half];
  if (der.length !== expected.length * 2 || !der.startsWith(expected.prefix))
    return `does not parse as an Ed25519 ${half} key (tokens use Ed25519)`;
  return null;
}
