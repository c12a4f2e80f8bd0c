import { pemKeyProblem, secretProblem } from '@cc1357/contracts';

/**
 * What production mode (NODE_ENV=production) refuses in telephony's environment, one line per
 * variable: telephony verifies console tokens with crm-api's public key and signs only its own
 * service tokens (crm-api scopes those to telephony's routes), never with a shared HMAC secret;
 * the ARI password must be a real one; browsers may connect only from the listed origins.
 */
export function productionProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const named = (name: string, problem: string | null) => problem && problems.push(`${name}: ${problem}`);
  if (env.AUTH_SECRET) {
    named(
      'AUTH_SECRET',
      'must not be set in production: a shared HMAC secret lets whoever holds it sign a token for any role; use AUTH_PUBLIC_KEY and TELEPHONY_PRIVATE_KEY',
    );
  }
  named('AUTH_PUBLIC_KEY', pemKeyProblem(env.AUTH_PUBLIC_KEY, 'public'));
  named('TELEPHONY_PRIVATE_KEY', pemKeyProblem(env.TELEPHONY_PRIVATE_KEY, 'private'));
  named('ARI_PASSWORD', secretProblem(env.ARI_PASSWORD));
  if (!env.CONSOLE_ORIGINS?.trim())
    named('CONSOLE_ORIGINS', 'is missing: list the console origins browsers connect from (e.g. https://cc.example.kr)');
  return problems;
}
