/**
 * Signed webhooks between 1357 and its partner centers, both ways: 1357 sends a relay package,
 * a partner posts an outcome back (or a relay of its own). One shared secret per partner.
 *
 *   X-1357-Timestamp: unix seconds when the request was signed
 *   X-1357-Signature: v1=<hex HMAC-SHA256(secret, `${timestamp}.${body}`)>
 *   X-1357-Delivery:  the delivery's idempotency key (the same on every retry)
 *
 * The body is the exact bytes sent (UTF-8 JSON); the receiver verifies before parsing it and
 * refuses a timestamp more than five minutes from its own clock (replay window). Web Crypto
 * (crypto.subtle, in Node 20 and every browser) keeps contracts free of node: modules; its HMAC
 * verify compares in constant time.
 */

export const WEBHOOK_HEADERS = {
  timestamp: 'x-1357-timestamp',
  signature: 'x-1357-signature',
  delivery: 'x-1357-delivery',
} as const;

/** How far a signed timestamp may be from the receiver's clock, either way. */
export const WEBHOOK_REPLAY_WINDOW_SECONDS = 300;

const SCHEME = 'v1=';
const encoder = new TextEncoder();

function hmacKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

const toHex = (bytes: ArrayBuffer) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** The unix-seconds timestamp header value for a moment. */
export const webhookTimestamp = (at: Date): string => String(Math.floor(at.getTime() / 1000));

/** `v1=<hex>`: the signature header's value for this timestamp and body. */
export async function signWebhook(secret: string, timestamp: string, body: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret, 'sign'), encoder.encode(`${timestamp}.${body}`));
  return SCHEME + toHex(mac);
}

/** The three headers of a signed request (delivery = its idempotency key). */
export async function signedWebhookHeaders(
  secret: string,
  body: string,
  at: Date,
  deliveryId: string,
): Promise<Record<string, string>> {
  const timestamp = webhookTimestamp(at);
  return {
    [WEBHOOK_HEADERS.timestamp]: timestamp,
    [WEBHOOK_HEADERS.signature]: await signWebhook(secret, timestamp, body),
    [WEBHOOK_HEADERS.delivery]: deliveryId,
  };
}

export type WebhookVerdict = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

/**
 * Checks a received request: both headers present, the timestamp inside the replay window of
 * `now`, and the signature over `${timestamp}.${body}` (a list `v1=a,v1=b` is accepted, so a
 * sender can sign with an old and a new secret while they rotate).
 */
export async function verifyWebhook(o: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
  now: Date;
  windowSeconds?: number;
}): Promise<WebhookVerdict> {
  if (!o.timestamp || !o.signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(o.timestamp)) return { ok: false, reason: 'stale' };
  const skew = Math.abs(o.now.getTime() / 1000 - Number(o.timestamp));
  if (skew > (o.windowSeconds ?? WEBHOOK_REPLAY_WINDOW_SECONDS)) return { ok: false, reason: 'stale' };
  const key = await hmacKey(o.secret, 'verify');
  const data = encoder.encode(`${o.timestamp}.${o.body}`);
  for (const part of o.signature.split(',')) {
    const sig = part.trim().startsWith(SCHEME) ? fromHex(part.trim().slice(SCHEME.length)) : null;
    if (sig && (await crypto.subtle.verify('HMAC', key, sig, data))) return { ok: true };
  }
  return { ok: false, reason: 'mismatch' };
}
