/**
 * ari-client rejects HTTP errors with `new Error(<raw body>)` — no status code (ARI-FACTS §11).
 * We recover the status from the body text, using the messages Asterisk 22 is known to send
 * (ARI-FACTS §7), so callers can say "404 on hangup is success".
 */
export class AriRequestError extends Error {
  override name = 'AriRequestError';
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly ariMessage: string,
  ) {
    super(`ARI ${operation} failed (${status}): ${ariMessage}`);
  }
}

const STATUS_BY_MESSAGE: [RegExp, number][] = [
  [/not found/i, 404],
  [/authentication required/i, 401],
  [/not in stasis/i, 409],
  [/already exists/i, 409],
  [/invalid state/i, 412],
  [/format is unknown/i, 422],
  [/must be specified|missing param/i, 400],
  [/invalid method/i, 405],
];

export function ariMessageOf(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  try {
    const body = JSON.parse(raw) as { message?: unknown; error?: unknown };
    const text = body.message ?? body.error;
    if (typeof text === 'string') return text;
  } catch {
    // not JSON: a transport error such as ECONNREFUSED
  }
  return raw;
}

export function toAriError(operation: string, err: unknown): AriRequestError {
  if (err instanceof AriRequestError) return err;
  const raw = err instanceof Error ? err.message : String(err);
  const { status, message } = statusOf(raw);
  const isBody = raw.trim().startsWith('{');
  return new AriRequestError(operation, status ?? (isBody ? 500 : 0), message);
}

/**
 * The status an error body stands for by its message (null when the message is not one we know)
 * and that message. Known messages win over the HTTP status where there is one: an addChannel
 * whose channel is gone answers 400 "Channel not found" (ARI-FACTS §7), and the call logic treats
 * every "not found" alike.
 */
export function statusOf(body: string): { status: number | null; message: string } {
  const message = ariMessageOf(body);
  const known = STATUS_BY_MESSAGE.find(([pattern]) => pattern.test(message));
  return { status: known ? known[1] : null, message };
}

export const isNotFound = (err: unknown) => err instanceof AriRequestError && err.status === 404;
