import { z } from 'zod';
import { PartnerId } from '../vocabulary/center';
import { IsoInstant } from '../vocabulary/time';

/** Relays: a consultation handed to a partner ministry center, with what the caller already said. */

export const RELAY_STATUSES = ['pending', 'accepted', 'answered', 'closed', 'failed'] as const;
export const RelayStatus = z.enum(RELAY_STATUSES);
export type RelayStatus = z.infer<typeof RelayStatus>;

/**
 * The relay package's webhook delivery to the partner's system: `none` (no webhook configured),
 * `queued` (waiting or between attempts), `delivering`, `delivered`, `dead` (every attempt failed:
 * a supervisor sees it in the dead-letter list and may retry).
 */
export const RELAY_DELIVERY_STATUSES = ['none', 'queued', 'delivering', 'delivered', 'dead'] as const;
export const RelayDeliveryStatus = z.enum(RELAY_DELIVERY_STATUSES);
export type RelayDeliveryStatus = z.infer<typeof RelayDeliveryStatus>;

export const RelayDto = z.object({
  id: z.string(),
  partnerId: PartnerId,
  callId: z.string().nullable(),
  callerNumber: z.string().nullable(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  consultationId: z.string().nullable(),
  question: z.string(),
  /** What the caller already told 1357 (the consultation so far). */
  context: z.string(),
  status: RelayStatus,
  outcome: z.string().nullable(),
  outcomeAt: IsoInstant.nullable(),
  createdBy: z.string(),
  createdAt: IsoInstant,
  /** `inbound`: a partner relayed this to 1357 (optional: older producers omit it; absent = outbound). */
  direction: z.enum(['outbound', 'inbound']).optional(),
  /** Whether the partner was open when the relay was made (null: not known). */
  partnerOpen: z.boolean().nullable().optional(),
  /** The partner was closed and the caller accepted a callback from it: the number to call. */
  callbackNumber: z.string().nullable().optional(),
  /** Who at the partner answered (from its signed outcome, or the partner user). */
  outcomeBy: z.string().nullable().optional(),
  /* The webhook delivery of the relay package (optional: older producers omit them). */
  delivery: z
    .object({
      status: RelayDeliveryStatus,
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      deliveredAt: IsoInstant.nullable(),
      deadAt: IsoInstant.nullable(),
    })
    .optional(),
});
export type RelayDto = z.infer<typeof RelayDto>;

export const CreateRelayRequest = z.object({
  idempotencyKey: z.string().min(8).max(100),
  partnerId: PartnerId,
  callId: z.string().max(100).nullable().optional(),
  callerNumber: z.string().max(32).nullable().optional(),
  companyId: z
    .string()
    .regex(/^\d{1,18}$/)
    .nullable()
    .optional(),
  consultationId: z
    .string()
    .regex(/^\d{1,18}$/)
    .nullable()
    .optional(),
  question: z.string().trim().min(1, '문의 내용을 입력하세요').max(4000),
  /** Defaults to the linked consultation's summary. */
  context: z.string().max(8000).optional(),
  /**
   * The partner is closed and the caller accepted a callback from it: the number the partner
   * calls back (the relay package and the partner's view carry it).
   */
  callbackNumber: z.string().max(32).nullable().optional(),
});
export type CreateRelayRequest = z.infer<typeof CreateRelayRequest>;

/**
 * `GET /api/relays/stats?date=`: a day's relays to partner centers (by when they were made, in
 * Seoul) and how many carried their context — the package acknowledged by the partner's system
 * (delivered) before the partner picked up the relayed call.
 */
/** The longest period one relay-rate query may cover (a year and a day, as the day-interval report). */
export const RELAY_STATS_MAX_DAYS = 366;

export const RelayDayStats = z.object({
  date: z.string(),
  /** The period's last day when one was asked for (`to`; `date` is then its first, maybe the same day). */
  to: z.string().optional(),
  /** Relays 1357 made that day (outbound). */
  relays: z.number().int(),
  /** Of those, relays whose call the partner answered. */
  answered: z.number().int(),
  /** Of the answered, those whose package the partner had acknowledged before it answered. */
  contextCarried: z.number().int(),
  /** Relays to a closed partner with a callback number instead of the call. */
  callbacks: z.number().int(),
  /** contextCarried ÷ answered; null when none was answered. */
  contextRate: z.number().nullable(),
});
export type RelayDayStats = z.infer<typeof RelayDayStats>;

export const RelayOutcomeRequest = z.object({
  status: z.enum(['accepted', 'answered', 'closed']),
  outcome: z.string().trim().min(1, '처리 결과를 입력하세요').max(4000),
});
export type RelayOutcomeRequest = z.infer<typeof RelayOutcomeRequest>;
