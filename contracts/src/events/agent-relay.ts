import { z } from 'zod';
import { PartnerId } from '../vocabulary/center';

/**
 * `call.relay.v1`: a counselor relays the connected call to a partner center (issue 12 §3) — the
 * call and its story together. Telephony asks crm-api whether the partner is open now (its hours
 * and holidays); open, it stores the relay (the package goes to the partner's system by signed
 * webhook before the partner picks up), puts the caller on music, hangs up the counselor's leg
 * and dials the partner's configured number. A closed partner is refused as `INVALID_STATE`
 * with the caller kept: the console then offers the caller a callback from the partner instead.
 * The same command again (a double click) relays once.
 *
 * `mode: 'attended'` (issue 12 §2–§3) keeps the counselor on the line: the package is stored and
 * sent the same way, but the partner is dialled as the consult of an attended transfer — the
 * caller hears music, the counselor talks to the partner's agent (who already has the package),
 * then completes (`call.consult.complete.v1`: the caller goes to the partner, the counselor to
 * after-call work), swaps, or cancels back to the caller. A partner that does not answer ends
 * the consult with the caller back with the counselor (`call.consult.v1` with `ended`).
 */
export const CallRelayCommandV1 = z
  .object({
    callId: z.string().min(1).max(100),
    partnerId: PartnerId,
    /** The caller's question, as the partner should read it. */
    question: z.string().trim().min(1, 'question: 문의 내용을 입력하세요').max(4000),
    /** The consultation so far (the console prefills it from the draft). */
    context: z.string().max(8000).default(''),
    companyId: z
      .string()
      .regex(/^\d{1,18}$/)
      .nullable()
      .default(null),
    /** `blind` (the default): the counselor leaves at once; `attended`: they talk to the partner first. */
    mode: z.enum(['blind', 'attended']).default('blind'),
  })
  .strict();
export type CallRelayCommandV1 = z.input<typeof CallRelayCommandV1>;
