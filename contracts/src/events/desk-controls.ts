import { z } from 'zod';
import { IsoInstant } from '../vocabulary/time';

/**
 * Hold and mute at the counselor's desk (socket commands and the state they report). Each
 * command names the state wanted, not a toggle, so a double click or a repeated key asks for the
 * same thing twice and changes it once. Only a connected call can be held or muted; anything else
 * is refused with `INVALID_STATE` and the call is left as it was.
 */

/** `held: true` puts the caller on hold (music, the counselor cannot be heard); `false` resumes. */
export const CallHoldCommandV1 = z.object({ callId: z.string().min(1).max(100), held: z.boolean() }).strict();
export type CallHoldCommandV1 = z.infer<typeof CallHoldCommandV1>;

/** `muted: true` stops the caller hearing the counselor (the counselor still hears the caller). */
export const CallMuteCommandV1 = z.object({ callId: z.string().min(1).max(100), muted: z.boolean() }).strict();
export type CallMuteCommandV1 = z.infer<typeof CallMuteCommandV1>;

/** The desk controls of the connected call: pushed on every change and when a console (re)connects. */
export const CallControlsV1 = z.object({
  callId: z.string(),
  /** When the current hold began; null when not on hold. */
  heldSince: IsoInstant.nullable(),
  /** Seconds of holds already over (the current one not included). */
  heldSeconds: z.number().nonnegative(),
  muted: z.boolean(),
  /** The call's recording is paused (the caller is giving sensitive details); absent = not paused. */
  recordingPaused: z.boolean().optional(),
});
export type CallControlsV1 = z.infer<typeof CallControlsV1>;

/**
 * `paused: true` pauses the call's recording while the caller gives sensitive details (card or
 * account numbers); `false` resumes it. The paused spans are call events (`recording.paused` /
 * `recording.resumed`) so reviews can mark them. Refused when the call has no recording.
 */
export const CallRecordingPauseCommandV1 = z
  .object({ callId: z.string().min(1).max(100), paused: z.boolean() })
  .strict();
export type CallRecordingPauseCommandV1 = z.infer<typeof CallRecordingPauseCommandV1>;
