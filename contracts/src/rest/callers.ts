import { z } from 'zod';
import { CallbackDto } from './callbacks';
import { CompanySummary, ContactDto } from './companies';
import { ConsultationDto } from './consultations';
import { Recommendation, SupportHistorySummary } from './programs';
import { RelayDto } from './relays';

/**
 * How the number matched: `known` (one company), `ambiguous` (several companies share the
 * number: the counselor chooses), `new` (no match: a new caller, not an error), `withheld`, or
 * `unavailable` (the CRM could not be asked — telephony's look-up failed or timed out: the
 * counselor searches by hand; it is never shown as a new caller).
 */
/**
 * `pending` is never crm-api's answer: telephony offers a call with it while crm-api has not
 * answered yet (an offer never waits on the CRM), and sends the pop with `call.pop.v1` when it comes.
 */
export const CALLER_POP_STATUSES = ['known', 'ambiguous', 'new', 'withheld', 'unavailable', 'pending'] as const;
export const CallerPopStatus = z.enum(CALLER_POP_STATUSES);
export type CallerPopStatus = z.infer<typeof CallerPopStatus>;

/** What the counselor sees while the phone rings (GET /api/callers/:number/pop). */
export const CallerPop = z.object({
  status: CallerPopStatus,
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
  /** What partner centers answered to this company's / number's relays lately (newest first, up to 5). */
  relayOutcomes: z.array(RelayDto).optional(),
  /** IVR node ids the caller just went through (from `?callId=` call events, or passed by telephony). */
  ivrPath: z.array(z.string()).optional(),
  /** Known company only: open or soon-opening programs it is eligible for, best first. */
  recommendations: z.array(Recommendation).optional(),
});
export type CallerPop = z.infer<typeof CallerPop>;
