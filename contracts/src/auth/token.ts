import {
  SignJWT,
  decodeJwt,
  exportJWK,
  exportPKCS8,
  exportSPKI,
  generateKeyPair,
  importJWK,
  importPKCS8,
  importSPKI,
  jwtVerify,
  type CryptoKey,
} from 'jose';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, TokenClaims } from './claims';

/**
 * Access tokens shared by crm-api (issues them at login) and telephony (verifies them on the
 * socket, and signs a `service` token with its own key for its calls to crm-api).
 *
 * A key is a string, one of:
 * - a PEM Ed25519 private key (`-----BEGIN PRIVATE KEY-----`): signs EdDSA tokens, and verifies
 *   them with its public half. Only crm-api (user tokens) and telephony (its service tokens) hold one.
 * - a PEM public key (`-----BEGIN PUBLIC KEY-----`): verifies only; what every other holder has.
 * - any other string of 16+ characters: a development/test HMAC secret (HS256 both ways).
 *   Production mode refuses it (see secrets.ts): whoever holds an HMAC secret can sign any role.
 * The kind of key decides the one algorithm accepted, so an HS256 token "signed" with a
 * public key's text, or an unsigned one, never verifies.
 * PEM text may carry literal `\n` sequences (one-line env files); they are read as newlines.
 */

export type TokenKeyKind = 'hmac' | 'private' | 'public';

/** What kind of key a string is (see above); throws for a too-short HMAC secret. */
export function tokenKeyKind(key: string): TokenKeyKind {
  const pem = /-----BEGIN ([A-Z ]+)-----/.exec(key);
  if (pem) {
    if (pem[1] === 'PRIVATE KEY') return 'private';
    if (pem[1] === 'PUBLIC KEY') return 'public';
    throw new Error(`unsupported PEM key type "${pem[1]}" (expected PKCS#8 PRIVATE KEY or SPKI PUBLIC KEY, Ed25519)`);
  }
  if (key.length < 16) throw new Error('AUTH_SECRET must be at least 16 characters');
  return 'hmac';
}

function pemText(key: string): string {
  return key.replace(/\\n/g, '\n').trim();
}

interface Resolved {
  alg: 'HS256' | 'EdDSA';
  sign: Uint8Array | CryptoKey | null;
  verify: Uint8Array | CryptoKey;
}

const cache = new Map<string, Promise<Resolved>>();

async function resolveKey(key: string): Promise<Resolved> {
  const kind = tokenKeyKind(key);
  if (kind === 'hmac') {
    const bytes = new TextEncoder().encode(key);
    return { alg: 'HS256', sign: bytes, verify: bytes };
  }
  if (kind === 'public') return { alg: 'EdDSA', sign: null, verify: await importSPKI(pemText(key), 'EdDSA') };
  const privateKey = await importPKCS8(pemText(key), 'EdDSA', { extractable: true });
  const { d: _private, ...publicJwk } = await exportJWK(privateKey);
  return { alg: 'EdDSA', sign: privateKey, verify: (await importJWK(publicJwk, 'EdDSA')) as CryptoKey };
}

function keyOf(key: string): Promise<Resolved> {
  let resolved = cache.get(key);
  if (!resolved) {
    resolved = resolveKey(key);
    // A bad key must not stay cached as a rejected promise for a later, corrected call.
    resolved.catch(() => cache.delete(key));
    cache.set(key, resolved);
  }
  return resolved;
}

/** Checks a key can be used (PEM parses, HMAC long enough); throws a message naming the problem. */
export async function assertTokenKey(key: string, use: 'sign' | 'verify'): Promise<void> {
  const resolved = await keyOf(key);
  if (use === 'sign' && !resolved.sign)
    throw new Error('a public key can only verify tokens; signing needs the private key');
}

/**
 * Signs a token. `key`: an HMAC secret (development) or a PEM Ed25519 private key.
 * The session version `ver` (see TokenClaims) is copied when the claims carry one.
 */
export async function signAccessToken(
  claims: TokenClaims,
  key: string,
  ttlSeconds: number,
  now = new Date(),
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const resolved = await keyOf(key);
  if (!resolved.sign) throw new Error('a public key can only verify tokens; signing needs the private key');
  return new SignJWT({
    username: claims.username,
    displayName: claims.displayName,
    role: claims.role,
    agentId: claims.agentId,
    skills: claims.skills,
    ...(claims.skillLevels && Object.keys(claims.skillLevels).length > 0 ? { skillLevels: claims.skillLevels } : {}),
    ...(claims.ver !== undefined ? { ver: claims.ver } : {}),
  })
    .setProtectedHeader({ alg: resolved.alg })
    .setSubject(claims.sub)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttlSeconds)
    .sign(resolved.sign);
}

/**
 * Resolves the claims of a valid token, or null for a missing, forged, expired or malformed one.
 * `key`: the HMAC secret, or a PEM public (or private) key. `now` (optional) is the verifier's
 * clock, for services that inject theirs.
 */
export async function verifyAccessToken(
  token: string | undefined | null,
  key: string,
  now?: Date,
): Promise<TokenClaims | null> {
  if (!token) return null;
  try {
    const resolved = await keyOf(key);
    const { payload } = await jwtVerify(token, resolved.verify, {
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      algorithms: [resolved.alg],
      ...(now ? { currentDate: now } : {}),
    });
    const parsed = TokenClaims.safeParse({ ...payload, sub: payload.sub });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * When a token says it expires (its `exp`), read without verifying it: for a verifier that keeps
 * tokens it has verified (crm-api's VerifiedTokens). Null for a token without one or unreadable.
 */
export function tokenExpiresAt(token: string): Date | null {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? new Date(exp * 1000) : null;
  } catch {
    return null;
  }
}

/** A fresh Ed25519 key pair as PEM (`npm run keys -w @cc1357/crm-api`, and tests). */
export async function generateTokenKeyPair(): Promise<{ privateKey: string; publicKey: string }> {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { privateKey: await exportPKCS8(pair.privateKey), publicKey: await exportSPKI(pair.publicKey) };
}
