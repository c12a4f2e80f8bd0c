import { z } from 'zod';
import { IsoInstant } from '../vocabulary/time';

/** SMS: what a counselor sends, and the IVR's self-service request (telephony → crm-api). */

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
  /** programs: names + links of `programIds`; calendar: programs opening in `weeks` from `from`; free: `text`. */
  template: SmsTemplate,
  programIds: z
    .array(z.string().regex(/^\d{1,18}$/))
    .max(MAX_SMS_PROGRAMS)
    .optional(),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
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
  createdAt: IsoInstant,
  sentAt: IsoInstant.nullable(),
  deliveredAt: IsoInstant.nullable(),
  failedAt: IsoInstant.nullable(),
});
export type SmsMessageDto = z.infer<typeof SmsMessageDto>;

export const SmsOptOutRequest = z.object({
  number: z.string().min(1).max(32),
  source: z.string().max(50).default('counselor'),
});

/* ---------- SMS self-service (telephony → crm-api, service token) ---------- */

export const IVR_SMS_TOPICS = ['fund-notices', 'startup-programs', 'policy-calendar'] as const;
export const IvrSmsTopic = z.enum(IVR_SMS_TOPICS);
export type IvrSmsTopic = z.infer<typeof IvrSmsTopic>;

export const IvrSmsRequest = z.object({
  /** One SMS per call and topic: telephony uses `ivr-sms-<callId>`. */
  idempotencyKey: z.string().min(8).max(100),
  callId: z.string().min(1).max(100),
  /** Must be a Korean mobile number (01x…); others get 400 with code BAD_REQUEST and field `number`. */
  number: z.string().min(1).max(32),
  topic: IvrSmsTopic,
});
export type IvrSmsRequest = z.infer<typeof IvrSmsRequest>;
