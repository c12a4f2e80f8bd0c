import type { ErrorCode } from '@cc1357/contracts';

/**
 * The one error type of telephony. Its `code` is from the closed set every service speaks
 * (contracts `ERROR_CODES`), so a failure can go straight into a socket ack or an event.
 */
export class TelephonyError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TelephonyError';
  }
}

/** Turns any throw into a TelephonyError; unknown throws become INTERNAL with their message. */
export function toTelephonyError(err: unknown): TelephonyError {
  if (err instanceof TelephonyError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new TelephonyError('INTERNAL', message);
}
