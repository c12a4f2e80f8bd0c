import { z } from 'zod';
import { CategoryCode } from '../vocabulary/center';
import { IsoInstant, calendarDay } from '../vocabulary/time';

/** Call recordings: the index, signed play/download URLs, quality reviews and retention (issue 13). */

export const RECORDING_STATES = ['pending', 'stored', 'failed', 'missing', 'deleted'] as const;
export const RecordingState = z.enum(RECORDING_STATES);
export type RecordingState = z.infer<typeof RecordingState>;

export const PausedSpan = z.object({ fromMs: z.number(), toMs: z.number() });

export const RecordingDto = z.object({
  id: z.string(),
  name: z.string(),
  callId: z.string(),
  agentId: z.string().nullable(),
  counselorName: z.string().nullable(),
  queue: z.string().nullable(),
  companyId: z.string().nullable(),
  companyName: z.string().nullable(),
  consultationId: z.string().nullable(),
  /** Masked in lists ("010-****-5678"). */
  callerNumber: z.string().nullable(),
  category: CategoryCode.nullable(),
  startedAt: IsoInstant.nullable(),
  endedAt: IsoInstant.nullable(),
  durationMs: z.number().int().nullable(),
  bytes: z.number().int().nullable(),
  sha256: z.string().nullable(),
  state: RecordingState,
  legalHold: z.boolean(),
  pausedSpans: z.array(PausedSpan),
  finalisedAt: IsoInstant.nullable(),
  /** When retention deletes it (null: on legal hold, or not stored). */
  expiresAt: IsoInstant.nullable(),
  /** The mean of its reviews' totals (0–100), null when not reviewed. */
  reviewScore: z.number().nullable(),
});
export type RecordingDto = z.infer<typeof RecordingDto>;

export const RecordingConsultation = z.object({
  id: z.string(),
  category: CategoryCode,
  subCategory: z.string().nullable(),
  summary: z.string(),
  outcome: z.string(),
  followUp: z.string().nullable(),
  createdAt: IsoInstant,
});

export const RecordingReviewDto = z.object({
  id: z.string(),
  recordingId: z.string(),
  reviewerId: z.string(),
  reviewerName: z.string(),
  scores: z.record(z.string(), z.number()),
  total: z.number(),
  comment: z.string(),
  updatedAt: IsoInstant,
});
export type RecordingReviewDto = z.infer<typeof RecordingReviewDto>;

/**
 * A pause of the recording (the counselor's Shift+F1 while the caller gives sensitive details).
 * The PBX leaves paused audio out of the file, so a pause is a point in the file: `offsetMs` is
 * the audio recorded before it; `pausedMs` how long (wall clock) nothing was recorded.
 */
export const RecordingPause = z.object({
  offsetMs: z.number().int().min(0),
  pausedMs: z.number().int().min(0),
  pausedAt: IsoInstant,
  /** Never resumed: the pause lasted until the call (and its recording) ended. */
  untilEnd: z.boolean(),
});
export type RecordingPause = z.infer<typeof RecordingPause>;

export const RecordingDetail = RecordingDto.extend({
  consultation: RecordingConsultation.nullable(),
  reviews: z.array(RecordingReviewDto),
  /** In file order, from the call's `recording.paused` / `recording.resumed` events. */
  pauses: z.array(RecordingPause),
});
export type RecordingDetail = z.infer<typeof RecordingDetail>;

const Day = calendarDay();
export const RecordingSearchQuery = z.object({
  from: Day.optional(),
  to: Day.optional(),
  /** The counselor's agent id (extension). */
  agentId: z.string().max(20).optional(),
  queue: z.string().max(40).optional(),
  companyId: z
    .string()
    .regex(/^\d{1,18}$/, '기업 ID는 숫자입니다')
    .optional(),
  /** Digits of the caller's number (a part is enough). */
  callerNumber: z
    .string()
    .regex(/^[\d-]{3,20}$/, '전화번호는 숫자 3자리 이상입니다')
    .optional(),
  category: CategoryCode.optional(),
  minSeconds: z.coerce.number().int().min(0).max(86_400).optional(),
  maxSeconds: z.coerce.number().int().min(0).max(86_400).optional(),
  state: RecordingState.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type RecordingSearchQuery = z.output<typeof RecordingSearchQuery>;

export const RecordingUrlRequest = z.object({
  /** `inline`: play in the browser; `attachment`: download. Both are audited. */
  disposition: z.enum(['inline', 'attachment']).default('inline'),
});

export const RecordingUrl = z.object({
  /** Path of the file endpoint with its signature (relative to crm-api's origin). */
  url: z.string(),
  expiresAt: IsoInstant,
});
export type RecordingUrl = z.infer<typeof RecordingUrl>;

export const RecordingFileQuery = z.object({
  exp: z.coerce.number().int().positive('exp가 올바르지 않습니다'),
  sig: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, '서명이 올바르지 않습니다'),
  disposition: z.enum(['inline', 'attachment']).default('inline'),
});

export const LegalHoldRequest = z.object({ legalHold: z.boolean() });

export const ReviewCriterionDto = z.object({
  id: z.string(),
  label: z.string(),
  maxScore: z.number().int(),
  active: z.boolean(),
  sortOrder: z.number().int(),
});
export type ReviewCriterionDto = z.infer<typeof ReviewCriterionDto>;

export const SaveCriterionRequest = z.object({
  label: z.string().trim().min(1, '항목 이름을 입력하세요').max(100),
  maxScore: z.number().int().min(1).max(100).default(5),
  active: z.boolean().default(true),
  sortOrder: z.number().int().min(0).max(1000).default(0),
});

/** The criteria in their new order: every criterion's id (active or not) exactly once. */
export const ReorderCriteriaRequest = z.object({
  ids: z
    .array(z.string().regex(/^\d{1,18}$/, '평가 항목 ID는 숫자입니다'))
    .min(1)
    .max(500),
});

export const SaveReviewRequest = z.object({
  scores: z.record(z.string().regex(/^\d{1,18}$/, '평가 항목 ID는 숫자입니다'), z.number().int().min(0).max(100)),
  comment: z.string().max(4000).default(''),
});

export const CounselorReviewSummary = z.object({
  agentId: z.string().nullable(),
  counselorName: z.string().nullable(),
  reviews: z.number().int(),
  average: z.number(),
  lowest: z.number(),
  highest: z.number(),
});
export type CounselorReviewSummary = z.infer<typeof CounselorReviewSummary>;

export const RecordingStorageSummary = z.object({
  files: z.number().int(),
  bytes: z.number().int(),
  stored: z.number().int(),
  onLegalHold: z.number().int(),
  retentionDays: z.number().int(),
  /** Stored recordings without a hold that retention deletes within `days`. */
  expiring: z.object({ days: z.number().int(), count: z.number().int(), bytes: z.number().int() }),
  byState: z.record(z.string(), z.number().int()),
});
export type RecordingStorageSummary = z.infer<typeof RecordingStorageSummary>;

export const ReconcileReport = z.object({
  /** Files in storage that no recording row names (left in place for a person to look at). */
  orphanFiles: z.array(z.string()),
  /** Stored recordings whose file is gone (now `missing`). */
  missingFiles: z.array(z.string()),
  /** Calls whose recording started but never finished (a PBX crash): names, now pending finalise. */
  unfinished: z.array(z.string()),
  /** Pending recordings handed to the finalise job again. */
  requeued: z.number().int(),
});
export type ReconcileReport = z.infer<typeof ReconcileReport>;

export const RetentionReport = z.object({ deleted: z.number().int(), kept: z.number().int() });
