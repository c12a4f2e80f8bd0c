/**
 * The one error type of the simulated PBX. ARI answers with Asterisk's own bodies (mostly
 * `{"message": ...}`, once `{"error": ...}`), so the status and body are carried verbatim;
 * `code` is the project-wide closed code for logs and the steering API.
 */
import type { ErrorCode } from '@cc1357/contracts';

export class SimError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly code: ErrorCode,
  ) {
    super(typeof body.message === 'string' ? body.message : JSON.stringify(body));
  }
}

const CODE_OF: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  412: 'INVALID_STATE',
  422: 'BAD_REQUEST',
  500: 'INTERNAL',
};

export function ariError(status: number, message: string): SimError {
  return new SimError(status, { message }, CODE_OF[status] ?? 'INTERNAL');
}

export const channelNotFound = () => ariError(404, 'Channel not found');
export const notInStasis = () => ariError(409, 'Channel not in Stasis application');
export const invalidState = () => ariError(412, 'Channel in invalid state');
export const bridgeNotFound = () => ariError(404, 'Bridge not found');
export const playbackNotFound = () => ariError(404, 'Playback not found');
export const recordingNotFound = () => ariError(404, 'Recording not found');
