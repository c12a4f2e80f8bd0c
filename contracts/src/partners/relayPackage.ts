import { z } from 'zod';
import { CategoryCode, PartnerId } from '../vocabulary/center';
import { IsoInstant } from '../vocabulary/time';

/**
 * What travels between 1357 and a partner center's system as signed webhooks
 * (see webhookSignature.ts): the relay package 1357 posts to the partner, and the outcome the
 * partner posts back to `POST /api/partners/:partnerId/outcomes`.
 */

/** 1357 → partner: the call's story so far, so the caller does not tell it again. */
export const RelayPackage = z.object({
  version: z.literal(1),
  /** The same on every retry and redelivery: the partner stores the package once by it. */
  deliveryId: z.string(),
  relayId: z.string(),
  partnerId: PartnerId,
  caller: z.object({ number: z.string().nullable() }),
  company: z.object({ id: z.string(), name: z.string(), bizRegNo: z.string() }).nullable(),
  category: CategoryCode.nullable(),
  question: z.string(),
  /** The consultation so far (what the caller already told 1357). */
  consultation: z.object({ id: z.string().nullable(), summary: z.string() }),
  createdBy: z.string(),
  createdAt: IsoInstant,
  /** The partner was closed when the relay was made and the caller asked to be called back. */
  callback: z.object({ requested: z.boolean(), number: z.string().nullable(), partnerOpen: z.boolean().nullable() }),
  /** Where the partner posts its outcome (path on 1357's API; relayId goes in the body). */
  outcomePath: z.string(),
});
export type RelayPackage = z.infer<typeof RelayPackage>;

/** Partner → 1357: what became of a relay. Repeating a deliveryId changes nothing twice. */
export const PartnerOutcomeRequest = z.object({
  deliveryId: z.string().min(8, 'must be 8–100 characters').max(100, 'must be 8–100 characters'),
  relayId: z.string().regex(/^\d{1,18}$/, 'must be a relay id'),
  status: z.enum(['accepted', 'answered', 'closed']),
  outcome: z.string().trim().min(1, '처리 결과를 입력하세요').max(4000),
  /** Who handled it at the partner (a name or desk), shown with the outcome. */
  handledBy: z.string().trim().min(1).max(100).optional(),
});
export type PartnerOutcomeRequest = z.infer<typeof PartnerOutcomeRequest>;

/**
 * Partner → 1357: a consultation the partner relays to 1357 (POST /api/partners/:partnerId/relays,
 * signed the same way). Stored once per deliveryId; it shows in the caller's pop as an open relay.
 */
export const PartnerRelayRequest = z.object({
  deliveryId: z.string().min(8, 'must be 8–100 characters').max(100, 'must be 8–100 characters'),
  callerNumber: z.string().max(32).nullable().optional(),
  /** The company's 사업자등록번호, when the partner knows it (10 digits, dashes allowed). */
  bizRegNo: z
    .string()
    .regex(/^\d{3}-?\d{2}-?\d{5}$/, 'must be a 사업자등록번호 (10 digits)')
    .optional(),
  question: z.string().trim().min(1, '문의 내용을 입력하세요').max(4000),
  /** What the caller already told the partner. */
  context: z.string().max(8000).default(''),
  handledBy: z.string().trim().min(1).max(100).optional(),
});
export type PartnerRelayRequest = z.infer<typeof PartnerRelayRequest>;

export const PartnerRelayReceipt = z.object({ relayId: z.string(), duplicate: z.boolean() });
export type PartnerRelayReceipt = z.infer<typeof PartnerRelayReceipt>;

/** The answer to a partner's outcome post: `duplicate` when this deliveryId was already applied. */
export const PartnerOutcomeReceipt = z.object({
  relayId: z.string(),
  status: z.string(),
  duplicate: z.boolean(),
});
export type PartnerOutcomeReceipt = z.infer<typeof PartnerOutcomeReceipt>;

/** GET /api/partners: a partner center as configured (never its secret or webhook address). */
export const PartnerCenterDto = z.object({
  id: PartnerId,
  nameKo: z.string(),
  nameEn: z.string(),
  ministry: z.string(),
  /** The number (or trunk) a call is sent to. */
  dial: z.string(),
  openNow: z.boolean(),
  /** Why closed: `holiday`, `closedDay`, `outsideHours`; null when open. */
  closedReason: z.string().nullable(),
  /** Relay packages go to its system by signed webhook. */
  webhook: z.boolean(),
});
export type PartnerCenterDto = z.infer<typeof PartnerCenterDto>;
