import { z } from 'zod';
import { QueueId } from '../vocabulary/center';
import { IsoInstant } from '../vocabulary/time';

/** Callbacks: a caller asked to be called back (IVR self-service or a counselor booked it). */

export const CALLBACK_STATUSES = ['open', 'dialing', 'done', 'cancelled', 'failed'] as const;
export const CallbackStatus = z.enum(CALLBACK_STATUSES);
export type CallbackStatus = z.infer<typeof CallbackStatus>;

export const CallbackDto = z.object({
  id: z.string(),
  number: z.string(),
  queue: QueueId,
  dueAt: IsoInstant,
  status: CallbackStatus,
  companyId: z.string().nullable(),
  consultationId: z.string().nullable(),
  callId: z.string().nullable(),
  note: z.string().nullable(),
  requestedBy: z.string(),
  createdAt: IsoInstant,
  closedAt: IsoInstant.nullable(),
  /** The counselor who took the callback ("assign to me"); null while anyone may (issue 12 §4). */
  owner: z.string().nullable().optional(),
  /** Calls placed for it so far, and how the last one went. */
  attempts: z.number().int().nonnegative().optional(),
  lastOutcome: z.enum(['done', 'noAnswer', 'reschedule']).nullable().optional(),
});
export type CallbackDto = z.infer<typeof CallbackDto>;

export const CreateCallbackRequest = z.object({
  number: z.string().min(1).max(32),
  queue: QueueId,
  dueAt: IsoInstant,
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
  callId: z.string().max(100).nullable().optional(),
  note: z.string().max(1000).nullable().optional(),
});
export type CreateCallbackRequest = z.infer<typeof CreateCallbackRequest>;

export const UpdateCallbackRequest = z.object({
  status: CallbackStatus,
  dueAt: IsoInstant.optional(),
  note: z.string().max(1000).nullable().optional(),
});
export type UpdateCallbackRequest = z.infer<typeof UpdateCallbackRequest>;

/**
 * What a counselor does with a callback (issue 12 §4), `POST /api/callbacks/:id/actions`:
 * `claim` (assign to me), `dial` (a call is being placed: `callId` when telephony gave one),
 * then the outcome — `done`, `noAnswer` (back to open; closed as failed after the last allowed
 * attempt) or `reschedule` (back to open at `dueAt`). An illegal step is a 409 naming the state.
 */
export const CALLBACK_ACTIONS = ['claim', 'dial', 'done', 'noAnswer', 'reschedule'] as const;
export const CallbackActionRequest = z.discriminatedUnion('action', [
  z.object({ action: z.literal('claim') }).strict(),
  z.object({ action: z.literal('dial'), callId: z.string().min(1).max(100).nullable().optional() }).strict(),
  z.object({ action: z.literal('done'), note: z.string().max(1000).nullable().optional() }).strict(),
  z.object({ action: z.literal('noAnswer'), note: z.string().max(1000).nullable().optional() }).strict(),
  z
    .object({ action: z.literal('reschedule'), dueAt: IsoInstant, note: z.string().max(1000).nullable().optional() })
    .strict(),
]);
export type CallbackActionRequest = z.infer<typeof CallbackActionRequest>;
