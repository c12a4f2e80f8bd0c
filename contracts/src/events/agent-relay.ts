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
  })
  .strict();
export type CallRelayCommandV1 = z.input<typeof CallRelayCommandV1>;
