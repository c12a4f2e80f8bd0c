import { z } from 'zod';
import { Role } from './auth';
import { CategoryCode, OutcomeCode, QueueId } from './center';
import { CallbackDto, Recommendation, RelayDto, SupportHistorySummary } from './crm-records';

/* ---------- auth ---------- */

export const LoginRequest = z.object({
  username: z.string().trim().min(1, '아이디를 입력하세요').max(64),
  password: z.string().min(1, '비밀번호를 입력하세요').max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const UserDto = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  agentId: z.string().nullable(),
  skills: z.array(z.string()),
});
export type UserDto = z.infer<typeof UserDto>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.string(), // ISO-8601
  user: UserDto,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/* ---------- companies and the screen pop ---------- */

export const CompanySummary = z.object({
  id: z.string(),
  name: z.string(),
  /** 사업자등록번호, 10 digits without dashes. */
  bizRegNo: z.string(),
  representative: z.string(),
  region: z.string(),
  industry: z.string(), // KSIC code + label, e.g. "C26 전자부품 제조업"
  sizeClass: z.enum(['소상공인', '소기업', '중기업']),
  employees: z.number().int().nonnegative(),
  foundedOn: z.string(), // YYYY-MM-DD
});
export type CompanySummary = z.infer<typeof CompanySummary>;

export const ContactDto = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  phones: z.array(z.object({ number: z.string(), kind: z.enum(['mobile', 'landline']) })),
});
export type ContactDto = z.infer<typeof ContactDto>;

export const ConsultationDto = z.object({
  id: z.string(),
  companyId: z.string().nullable(),
  callId: z.string().nullable(),
  callerNumber: z.string().nullable(),
  counselorId: z.string(),
  counselorName: z.string(),
  category: CategoryCode,
  subCategory: z.string().nullable(),
  summary: z.string(),
  outcome: OutcomeCode,
  followUp: z.string().nullable(),
  createdAt: z.string(),
});
export type ConsultationDto = z.infer<typeof ConsultationDto>;

/**
 * What the counselor sees while the phone rings. `status` says how the number matched:
 * `known` (one company), `ambiguous` (several companies share the number: the counselor
 * chooses), `new` (no match: a new caller, not an error) or `withheld`.
 */
export const CallerPop = z.object({
  status: z.enum(['known', 'ambiguous', 'new', 'withheld']),
  number: z.string().nullable(),
  companies: z.array(CompanySummary),
  contact: ContactDto.nullable(),
  recentConsultations: z.array(ConsultationDto),
  /* Added with the national CRM (all optional: older producers omit them; withheld pops never carry them). */
  /** Every contact of the company (known) or behind the number. */
  contacts: z.array(ContactDto).optional(),
  /** Known company only: support history by year with totals and the over-concentration flag. */
  supportHistory: SupportHistorySummary.optional(),
  /** What is still open for this company / number. */
  openItems: z
    .object({ followUps: z.array(ConsultationDto), callbacks: z.array(CallbackDto), relays: z.array(RelayDto) })
    .optional(),
  /** IVR node ids the caller just went through (from `?callId=` call events, or passed by telephony). */
  ivrPath: z.array(z.string()).optional(),
  /** Known company only: open or soon-opening programs it is eligible for, best first. */
  recommendations: z.array(Recommendation).optional(),
});
export type CallerPop = z.infer<typeof CallerPop>;

export const CreateConsultationRequest = z.object({
  /** Client-chosen key: a retried save returns the first result instead of a duplicate. */
  idempotencyKey: z.string().min(8).max(100),
  callId: z.string().max(100).nullable().optional(),
  companyId: z.string().max(100).nullable().optional(),
  callerNumber: z.string().max(32).nullable().optional(),
  category: CategoryCode,
  subCategory: z.string().max(100).nullable().optional(),
  summary: z.string().trim().min(1, '상담 내용을 입력하세요').max(4000),
  outcome: OutcomeCode,
  followUp: z.string().max(1000).nullable().optional(),
});
export type CreateConsultationRequest = z.infer<typeof CreateConsultationRequest>;

/* ---------- call records and events (telephony → crm-api) ---------- */

export const CALL_EVENT_TYPES = [
  'call.arrived', // StasisStart of an inbound call
  'call.answered', // the IVR answered the caller
  'ivr.step', // a node of the IVR ran
  'ivr.finished', // the IVR ended with an outcome
  'queue.entered',
  'agent.offered', // an agent phone rings for this call
  'agent.noAnswer',
  'call.connected', // caller and agent bridged
  'recording.started',
  'recording.finished',
  'call.abandoned', // caller hung up while queued
  'call.ended',
  'wrapUp.ended',
  // IVR self-service and partner transfer outcomes (added with the IVR outcomes in telephony)
  'callback.requested', // crm-api holds the callback (data.callbackId, or data.duplicate when one was already open)
  'callback.failed', // crm-api refused or was unreachable; the caller heard an apology
  'sms.requested', // crm-api queued the SMS (data.smsId, data.topic)
  'sms.failed', // data.reason: optedOut | notMobile | failed
  'transfer.started', // partner leg originated (data.partner, data.endpoint)
  'transfer.answered', // partner answered and was bridged with the caller
  'transfer.failed', // partner did not answer (data.reason); the caller goes to the general queue
  'transfer.ended', // the bridged partner call ended (data.by: caller | partner)
] as const;
export const CallEventType = z.enum(CALL_EVENT_TYPES);
export type CallEventType = z.infer<typeof CallEventType>;

export const CallEventV1 = z.object({
  /** Unique per event (uuid): a re-sent event is stored once. */
  id: z.string().min(1).max(100),
  callId: z.string().min(1).max(100),
  type: CallEventType,
  at: z.string(), // ISO-8601
  queue: QueueId.nullable().optional(),
  agentId: z.string().nullable().optional(),
  callerNumber: z.string().nullable().optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export type CallEventV1 = z.infer<typeof CallEventV1>;

export const CallEventBatch = z.object({ events: z.array(CallEventV1).min(1).max(500) });
export type CallEventBatch = z.infer<typeof CallEventBatch>;

/* ---------- statistics ---------- */

export const QueueDayStats = z.object({
  queue: QueueId,
  offered: z.number().int(),
  answered: z.number().int(),
  abandoned: z.number().int(),
  /** Answered within the queue's threshold ÷ (answered + abandoned − short abandons). */
  serviceLevel: z.number().nullable(),
  /** Average speed of answer in seconds. */
  asaSeconds: z.number().nullable(),
});
export type QueueDayStats = z.infer<typeof QueueDayStats>;

export const DayStats = z.object({
  date: z.string(), // YYYY-MM-DD in Asia/Seoul
  queues: z.array(QueueDayStats),
});
export type DayStats = z.infer<typeof DayStats>;
