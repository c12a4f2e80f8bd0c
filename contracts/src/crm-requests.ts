import { z } from 'zod';
import { CompanySummary, ConsultationDto, ContactDto } from './api';
import { CategoryCode, OutcomeCode, PartnerId, QueueId } from './center';
import { CallbackStatus, ProgramDto, Recommendation, SupportHistorySummary } from './crm-records';

/**
 * REST DTOs of the national CRM routes (crm-api README lists each route). Lists mask personal
 * data (phone "010-****-5678", representative "김*수"); single-record views are full and audited.
 */

/* ---------- consultations: edit, revisions, catalogue ---------- */

export const ConsultationDetail = ConsultationDto.extend({
  revision: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
  recordingName: z.string().nullable(),
  relayId: z.string().nullable(),
  followUpClosedAt: z.string().nullable(),
});
export type ConsultationDetail = z.infer<typeof ConsultationDetail>;

/** PATCH /api/consultations/:id — only the fields given change; each change keeps a revision. */
export const PatchConsultationRequest = z
  .object({
    /** Optimistic lock: when given and not the current revision → 409. */
    expectedRevision: z.number().int().positive().optional(),
    category: CategoryCode.optional(),
    subCategory: z.string().max(100).nullable().optional(),
    summary: z.string().trim().min(1, '상담 내용을 입력하세요').max(4000).optional(),
    outcome: OutcomeCode.optional(),
    followUp: z.string().max(1000).nullable().optional(),
    /** true closes the open follow-up, false reopens it. */
    followUpClosed: z.boolean().optional(),
    recordingName: z.string().max(200).nullable().optional(),
    relayId: z.string().regex(/^\d{1,18}$/).nullable().optional(),
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
  changedAt: z.string(),
});
export type ConsultationRevisionDto = z.infer<typeof ConsultationRevisionDto>;

/** GET /api/consultation-categories — the 기업마당 fields with their sub-categories. */
export const SubCategoryCatalogue = z.array(
  z.object({ category: CategoryCode, labelKo: z.string(), subCategories: z.array(z.string()) }),
);
export type SubCategoryCatalogue = z.infer<typeof SubCategoryCatalogue>;

/* ---------- search (masked lists) ---------- */

export const CompanySearchHit = z.object({
  id: z.string(),
  name: z.string(),
  bizRegNo: z.string(),
  /** Masked: "김*수". */
  representative: z.string(),
  region: z.string(),
  industry: z.string(),
  sizeClass: z.string(),
  /** Masked: "010-****-5678". */
  phones: z.array(z.string()),
  /** How it matched: bizRegNo, phone, prefix, substring or fuzzy (trigram similarity). */
  match: z.enum(['bizRegNo', 'phone', 'prefix', 'substring', 'fuzzy', 'filter']),
  similarity: z.number().nullable(),
});
export type CompanySearchHit = z.infer<typeof CompanySearchHit>;

export const ConsultationSearchHit = ConsultationDto.extend({ companyName: z.string().nullable() });
export type ConsultationSearchHit = z.infer<typeof ConsultationSearchHit>;

/* ---------- company view ---------- */

export const CompanyDetail = z.object({
  company: CompanySummary,
  contacts: z.array(ContactDto),
  supportHistory: SupportHistorySummary,
});
export type CompanyDetail = z.infer<typeof CompanyDetail>;

export const RecommendationList = z.object({ companyId: z.string(), asOf: z.string(), recommendations: z.array(Recommendation) });
export type RecommendationList = z.infer<typeof RecommendationList>;

/* ---------- programs and the policy calendar ---------- */

export const ProgramCalendar = z.object({
  from: z.string(),
  weeks: z.number().int(),
  /** One entry per week (Monday-based from `from`), with programs opening that week. */
  byWeek: z.array(z.object({ weekStart: z.string(), programs: z.array(ProgramDto) })),
});
export type ProgramCalendar = z.infer<typeof ProgramCalendar>;

/* ---------- SMS ---------- */

export const SMS_TEMPLATES = ['programs', 'calendar', 'free'] as const;
export const SmsTemplate = z.enum(SMS_TEMPLATES);
export type SmsTemplate = z.infer<typeof SmsTemplate>;

/** Programs one SMS may carry (crm-api refuses more; the console stops the pick there). */
export const MAX_SMS_PROGRAMS = 10;

export const SMS_STATUSES = ['queued', 'sent', 'delivered', 'failed'] as const;
export const SmsStatus = z.enum(SMS_STATUSES);

export const SendSmsRequest = z.object({
  idempotencyKey: z.string().min(8).max(100),
  callerNumber: z.string().min(1).max(32),
  companyId: z.string().regex(/^\d{1,18}$/).nullable().optional(),
  consultationId: z.string().regex(/^\d{1,18}$/).nullable().optional(),
  /** programs: names + links of `programIds`; calendar: programs opening in `weeks` from `from`; free: `text`. */
  template: SmsTemplate,
  programIds: z.array(z.string().regex(/^\d{1,18}$/)).max(MAX_SMS_PROGRAMS).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  weeks: z.number().int().min(1).max(12).optional(),
  text: z.string().trim().min(1).max(1000).optional(),
});
export type SendSmsRequest = z.infer<typeof SendSmsRequest>;

export const SmsMessageDto = z.object({
  id: z.string(),
  callerNumber: z.string(),
  companyId: z.string().nullable(),
  consultationId: z.string().nullable(),
  template: SmsTemplate,
  body: z.string(),
  programIds: z.array(z.string()),
  status: SmsStatus,
  attempts: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  failedAt: z.string().nullable(),
});
export type SmsMessageDto = z.infer<typeof SmsMessageDto>;

export const SmsOptOutRequest = z.object({ number: z.string().min(1).max(32), source: z.string().max(50).default('counselor') });

/* ---------- callbacks ---------- */

export const CreateCallbackRequest = z.object({
  number: z.string().min(1).max(32),
  queue: QueueId,
  dueAt: z.string(), // ISO-8601
  companyId: z.string().regex(/^\d{1,18}$/).nullable().optional(),
  consultationId: z.string().regex(/^\d{1,18}$/).nullable().optional(),
  callId: z.string().max(100).nullable().optional(),
  note: z.string().max(1000).nullable().optional(),
});
export type CreateCallbackRequest = z.infer<typeof CreateCallbackRequest>;

export const UpdateCallbackRequest = z.object({ status: CallbackStatus, dueAt: z.string().optional(), note: z.string().max(1000).nullable().optional() });
export type UpdateCallbackRequest = z.infer<typeof UpdateCallbackRequest>;

/* ---------- relays ---------- */

export const CreateRelayRequest = z.object({
  idempotencyKey: z.string().min(8).max(100),
  partnerId: PartnerId,
  callId: z.string().max(100).nullable().optional(),
  callerNumber: z.string().max(32).nullable().optional(),
  companyId: z.string().regex(/^\d{1,18}$/).nullable().optional(),
  consultationId: z.string().regex(/^\d{1,18}$/).nullable().optional(),
  question: z.string().trim().min(1, '문의 내용을 입력하세요').max(4000),
  /** Defaults to the linked consultation's summary. */
  context: z.string().max(8000).optional(),
});
export type CreateRelayRequest = z.infer<typeof CreateRelayRequest>;

export const RelayOutcomeRequest = z.object({
  status: z.enum(['accepted', 'answered', 'closed']),
  outcome: z.string().trim().min(1, '처리 결과를 입력하세요').max(4000),
});
export type RelayOutcomeRequest = z.infer<typeof RelayOutcomeRequest>;

/* ---------- imports ---------- */

/** The CSV imports crm-api takes (`POST /api/imports/<kind>`) and the header columns each needs. */
export type ImportKind = 'companies' | 'support-history';
export const IMPORT_COLUMNS: Record<ImportKind, readonly string[]> = {
  companies: ['bizRegNo', 'name', 'representative', 'region', 'ksicCode', 'ksicLabel', 'sizeClass', 'employees', 'foundedOn'],
  'support-history': ['bizRegNo', 'program', 'agency', 'year', 'amount', 'status'],
};

export const ImportReport = z.object({
  /** Data rows read (header excluded). */
  total: z.number().int(),
  /** Valid rows that inserted or changed something. */
  accepted: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  /** Valid rows identical to what is stored (re-running a file: all of them). */
  unchanged: z.number().int(),
  /** `row` is the CSV line number (header = line 1). */
  rejected: z.array(z.object({ row: z.number().int(), reasons: z.array(z.string()) })),
});
export type ImportReport = z.infer<typeof ImportReport>;
