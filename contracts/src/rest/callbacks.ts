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
