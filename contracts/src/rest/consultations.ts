import { z } from 'zod';
import { CategoryCode, OutcomeCode } from '../vocabulary/center';
import { IsoInstant } from '../vocabulary/time';

/**
 * The fields a counselor writes about a call — the one list of them. The create and edit
 * requests, the stored record and the console's form (its inputs, draft, stored draft and
 * edit) are all derived from it, so a new field is added here and nowhere else in the
 * request/response shapes.
 */
export const ConsultationFields = z.object({
  category: CategoryCode,
  subCategory: z.string().max(100).nullable(),
  summary: z.string().trim().min(1, '상담 내용을 입력하세요').max(4000),
  outcome: OutcomeCode,
  followUp: z.string().max(1000).nullable(),
});
export type ConsultationFields = z.infer<typeof ConsultationFields>;
export type ConsultationFieldName = keyof typeof ConsultationFields.shape;
/** The field names in form order. */
export const CONSULTATION_FIELD_NAMES = Object.keys(ConsultationFields.shape) as ConsultationFieldName[];

export const ConsultationDto = z.object({
  id: z.string(),
  companyId: z.string().nullable(),
  callId: z.string().nullable(),
  callerNumber: z.string().nullable(),
  counselorId: z.string(),
  counselorName: z.string(),
  ...ConsultationFields.shape,
  // Stored records are what they are (a summary saved before a limit changed still reads).
  summary: z.string(),
  createdAt: IsoInstant,
});
export type ConsultationDto = z.infer<typeof ConsultationDto>;

/** POST /api/consultations — the optional text fields may be left out. */
export const CreateConsultationRequest = z.object({
  /** Client-chosen key: a retried save returns the first result instead of a duplicate. */
  idempotencyKey: z.string().min(8).max(100),
  callId: z.string().max(100).nullable().optional(),
  companyId: z.string().max(100).nullable().optional(),
  callerNumber: z.string().max(32).nullable().optional(),
  ...ConsultationFields.partial({ subCategory: true, followUp: true }).shape,
});
export type CreateConsultationRequest = z.infer<typeof CreateConsultationRequest>;

/** GET /api/consultations/:id — the full, audited record with its edit state. */
export const ConsultationDetail = ConsultationDto.extend({
  revision: z.number().int(),
  updatedAt: IsoInstant.nullable(),
  updatedByName: z.string().nullable(),
  recordingName: z.string().nullable(),
  relayId: z.string().nullable(),
  followUpClosedAt: IsoInstant.nullable(),
});
export type ConsultationDetail = z.infer<typeof ConsultationDetail>;

/** PATCH /api/consultations/:id — only the fields given change; each change keeps a revision. */
export const PatchConsultationRequest = z
  .object({
    /** Optimistic lock: when given and not the current revision → 409. */
    expectedRevision: z.number().int().positive().optional(),
    ...ConsultationFields.partial().shape,
    /** true closes the open follow-up, false reopens it. */
    followUpClosed: z.boolean().optional(),
    recordingName: z.string().max(200).nullable().optional(),
    relayId: z
      .string()
      .regex(/^\d{1,18}$/)
      .nullable()
      .optional(),
  })
  .strict();
export type PatchConsultationRequest = z.infer<typeof PatchConsultationRequest>;

export const ConsultationRevisionDto = z.object({
  revision: z.number().int(),
  /** The consultation as it was at that revision. */
  snapshot: z.record(z.string(), z.unknown()),
  changedFields: z.array(z.string()),
  changedBy: z.string(),
  changedByName: z.string(),
  changedAt: IsoInstant,
});
export type ConsultationRevisionDto = z.infer<typeof ConsultationRevisionDto>;

/** GET /api/consultation-categories — the 기업마당 fields with their sub-categories. */
export const SubCategoryCatalogue = z.array(
  z.object({ category: CategoryCode, labelKo: z.string(), subCategories: z.array(z.string()) }),
);
export type SubCategoryCatalogue = z.infer<typeof SubCategoryCatalogue>;

/** One hit of GET /api/search/consultations (caller numbers masked). */
export const ConsultationSearchHit = ConsultationDto.extend({ companyName: z.string().nullable() });
export type ConsultationSearchHit = z.infer<typeof ConsultationSearchHit>;
