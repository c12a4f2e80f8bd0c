import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived signed play/download URLs: `exp` (unix seconds) and `sig`, an HMAC-SHA256 over
 * the recording id, the expiry and the disposition. The key is derived from crm-api's auth
 * secret for this one use, so a URL signature can never pass as a token signature.
 */
export type Disposition = 'inline' | 'attachment';

const keyOf = (secret: string) => createHmac('sha256', secret).update('cc1357 recording urls v1').digest();

function mac(secret: string, id: string, exp: number, disposition: Disposition): string {
  return createHmac('sha256', keyOf(secret)).update(`${id}\n${exp}\n${disposition}`).digest('base64url');
}

export function signRecordingUrl(
  secret: string,
  id: string,
  now: Date,
  ttlSeconds: number,
  disposition: Disposition,
): { exp: number; sig: string } {
  const exp = Math.floor(now.getTime() / 1000) + ttlSeconds;
  return { exp, sig: mac(secret, id, exp, disposition) };
}

export type SignatureVerdict = 'ok' | 'expired' | 'invalid';

export function verifyRecordingUrl(
  secret: string,
  id: string,
  exp: number,
  disposition: Disposition,
  sig: string,
  now: Date,
): SignatureVerdict {
  const expected = Buffer.from(mac(secret, id, exp, disposition));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return exp * 1000 < now.getTime() ? 'expired' : 'ok';
}
