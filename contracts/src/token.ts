import { SignJWT, jwtVerify } from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, TokenClaims } from './auth';

/**
 * Access tokens shared by crm-api (issues them at login) and telephony (verifies them on the
 * socket, and mints a `service` token for its own calls to crm-api). HS256 with one secret.
 */

function keyOf(secret: string): Uint8Array {
  if (secret.length < 16) throw new Error('AUTH_SECRET must be at least 16 characters');
  return new TextEncoder().encode(secret);
}

export async function signAccessToken(claims: TokenClaims, secret: string, ttlSeconds: number, now = new Date()): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({ username: claims.username, displayName: claims.displayName, role: claims.role, agentId: claims.agentId, skills: claims.skills })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(keyOf(secret));
}

/**
 * Resolves the claims of a valid token, or null for a missing, forged, expired or malformed one.
 * `now` (optional) is the verifier's clock, for services that inject theirs.
 */
export async function verifyAccessToken(token: string | undefined | null, secret: string, now?: Date): Promise<TokenClaims | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      algorithms: ['HS256'],
      ...(now ? { currentDate: now } : {}),
    });
    const parsed = TokenClaims.safeParse({ ...payload, sub: payload.sub });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
