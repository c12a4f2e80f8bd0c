import { tokenExpiresAt, type TokenClaims } from '@cc1357/contracts';

/** How many verified tokens are kept at most (the oldest goes first). */
const DEFAULT_MAX = 2_000;

/**
 * Bearer tokens already verified, with their claims, until they expire. Telephony sends the same
 * service token with every batch of call events and every pop (hundreds of requests a second
 * under load), and each verification is a signature check through WebCrypto: about 6 % of
 * crm-api's CPU at 60 calls/s (bench control-plane, CPU profile of 2026-12-04). A token cannot be
 * made without the key, so the same string verifies the same way until its `exp`; only
 * successful verifications are kept, and the session check (a user logged out) still runs on
 * every request.
 */
export class VerifiedTokens {
  private readonly byToken = new Map<string, { claims: TokenClaims; expiresAtMs: number }>();

  constructor(private readonly max = DEFAULT_MAX) {}

  /** The claims of a token verified before and not expired at `now`; undefined when not known. */
  get(token: string, now: Date): TokenClaims | undefined {
    const hit = this.byToken.get(token);
    if (!hit) return undefined;
    if (now.getTime() >= hit.expiresAtMs) {
      this.byToken.delete(token);
      return undefined;
    }
    return hit.claims;
  }

  /** Keeps a token that just verified (a token without `exp` is not kept: it has no end to trust). */
  remember(token: string, claims: TokenClaims): void {
    const expiresAt = tokenExpiresAt(token);
    if (!expiresAt) return;
    if (this.byToken.size >= this.max) this.byToken.delete(this.byToken.keys().next().value!);
    this.byToken.set(token, { claims, expiresAtMs: expiresAt.getTime() });
  }

  get size(): number {
    return this.byToken.size;
  }
}
