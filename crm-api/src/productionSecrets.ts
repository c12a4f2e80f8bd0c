import { pemKeyProblem, secretProblem } from '@cc1357/contracts';

/**
 * What production mode (NODE_ENV=production) refuses in crm-api's environment, one line per
 * variable: tokens must be signed with an Ed25519 private key only crm-api holds (an HMAC
 * secret would let every holder sign any role), telephony's public key must be set so its
 * service tokens verify, and the database password must not be a placeholder.
 */
export function productionProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const named = (name: string, problem: string | null) => problem && problems.push(`${name}: ${problem}`);
  if (env.AUTH_SECRET !== undefined) {
    named(
      'AUTH_SECRET',
      'must not be set in production: a shared HMAC secret lets whoever holds it sign a token for any role; use AUTH_PRIVATE_KEY',
    );
  }
  named('AUTH_PRIVATE_KEY', pemKeyProblem(env.AUTH_PRIVATE_KEY, 'private'));
  named('TELEPHONY_PUBLIC_KEY', pemKeyProblem(env.TELEPHONY_PUBLIC_KEY, 'public'));
  if (env.DATABASE_URL) {
    let password = '';
    try {
      password = decodeURIComponent(new URL(env.DATABASE_URL).password);
    } catch {
      // The schema already names a malformed URL.
    }
    const problem = secretProblem(password);
    if (problem) named('DATABASE_URL', `its password (POSTGRES_PASSWORD) ${problem}`);
  }
  return problems;
}
