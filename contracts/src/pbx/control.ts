import { z } from 'zod';

/**
 * The steering API of pbx-sim (`/control/…`, plain JSON, same basic auth as ARI). It plays
 * the outside world: the PSTN placing a call, the caller's keypad, agent phones.
 * Tests and the demo's simulated callers use it; telephony never does except through the
 * `SimPhoneDriver` that answers an agent's simulated phone when the console clicks Answer.
 */

export const PlaceCallRequest = z.object({
  from: z.string().max(32).default(''), // '' = withheld
  to: z.string().min(1).max(32).default('1357'),
  callerName: z.string().max(64).optional(),
});
export type PlaceCallRequest = z.infer<typeof PlaceCallRequest>;

export const PlaceCallResponse = z.object({
  /** The ARI channel id of the inbound leg as the Stasis app sees it. */
  channelId: z.string(),
  /** `stasis` when the app took it, `fallback` when the app was not connected (STASISSTATUS=FAILED). */
  route: z.enum(['stasis', 'fallback', 'unrouted']),
});
export type PlaceCallResponse = z.infer<typeof PlaceCallResponse>;

export const SendDtmfRequest = z.object({
  digits: z.string().regex(/^[0-9*#A-D]+$/),
  /** Pause between digits in (unscaled) ms. */
  gapMs: z.number().int().min(0).max(10_000).default(200),
});
export type SendDtmfRequest = z.infer<typeof SendDtmfRequest>;

/** How a simulated phone (an endpoint such as PJSIP/1001) behaves when it is dialled. */
export const PhoneMode = z.enum(['manual', 'autoAnswer', 'reject', 'noAnswer', 'offline']);
export type PhoneMode = z.infer<typeof PhoneMode>;

export const SetPhoneRequest = z.object({
  mode: PhoneMode,
  /** For autoAnswer: ring this long first (unscaled ms). */
  answerAfterMs: z.number().int().min(0).max(120_000).default(500),
});
export type SetPhoneRequest = z.infer<typeof SetPhoneRequest>;

export const PhoneStatus = z.object({
  endpoint: z.string(), // e.g. "PJSIP/1001"
  mode: PhoneMode,
  ringingChannelId: z.string().nullable(),
  activeChannelId: z.string().nullable(),
});
export type PhoneStatus = z.infer<typeof PhoneStatus>;

/** Pushed on the control WebSocket `/control/events` so drivers can react without polling. */
export const SimEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('phone.ringing'), endpoint: z.string(), channelId: z.string(), at: z.string() }),
  z.object({ type: z.literal('phone.answered'), endpoint: z.string(), channelId: z.string(), at: z.string() }),
  z.object({ type: z.literal('channel.hungup'), channelId: z.string(), cause: z.number(), at: z.string() }),
  z.object({
    type: z.literal('recording.stored'),
    name: z.string(),
    file: z.string(),
    durationSeconds: z.number(),
    at: z.string(),
  }),
  z.object({ type: z.literal('call.fallback'), channelId: z.string(), at: z.string() }),
]);
export type SimEvent = z.infer<typeof SimEvent>;
