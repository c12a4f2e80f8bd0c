import { z } from 'zod';

/**
 * The ARI events telephony acts on, validated at the edge. Anything else, or anything that
 * fails these schemas (unknown channel, missing fields), is logged and ignored by the caller.
 * These are also the only types the app asks Asterisk for (AriConnection's `eventTypes`), so an
 * event a unit starts to act on must be added here or it never arrives.
 */
const Channel = z.object({
  id: z.string().min(1),
  name: z.string().default(''),
  state: z.string().default(''),
  caller: z
    .object({ number: z.string().default(''), name: z.string().default('') })
    .partial()
    .default({}),
});
const Playback = z.object({ id: z.string().min(1), state: z.string().default('') });
const Recording = z.object({
  name: z.string().min(1),
  state: z.string().default(''),
  duration: z.number().optional(),
  cause: z.string().optional(),
});

export const AriEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('StasisStart'), channel: Channel, args: z.array(z.string()).default([]) }),
  z.object({ type: z.literal('StasisEnd'), channel: Channel }),
  z.object({ type: z.literal('ChannelHangupRequest'), channel: Channel }),
  z.object({ type: z.literal('ChannelDestroyed'), channel: Channel, cause: z.number().optional() }),
  z.object({ type: z.literal('ChannelDtmfReceived'), channel: Channel, digit: z.string().min(1) }),
  z.object({ type: z.literal('PlaybackFinished'), playback: Playback }),
  z.object({ type: z.literal('RecordingFinished'), recording: Recording }),
  z.object({ type: z.literal('RecordingFailed'), recording: Recording }),
  z.object({ type: z.literal('ApplicationReplaced') }),
]);
export type AriEvent = z.infer<typeof AriEvent>;

export const HANDLED_EVENT_TYPES: ReadonlySet<string> = new Set<string>(
  AriEvent.options.map((o) => o.shape.type.value),
);
