import { z } from 'zod';

/**
 * `call.dial.v1`: a counselor calls a customer from the desk (issue 12 §4) — from a callback, a
 * company or a consultation. Telephony reserves the counselor (as an offer would, so the ACD
 * never offers them a call meanwhile), rings their phone, and when they answer dials the number
 * with caller id 1357 and bridges both. The call is recorded with its events like an inbound
 * call (`call.outbound.*`). The same command again while that call stands dials once.
 */
export const CallDialCommandV1 = z
  .object({
    /** As typed or stored: `010-1234-5678`, `+82 10 1234 5678`, `0212345678`. */
    number: z.string().trim().min(1, 'number: 전화번호를 입력하세요').max(32),
    /** The callback this call works on (its outcome is set from the console after the call). */
    callbackId: z
      .string()
      .regex(/^\d{1,18}$/, 'callbackId: 콜백 번호가 아닙니다')
      .nullable()
      .default(null),
  })
  .strict();
export type CallDialCommandV1 = z.input<typeof CallDialCommandV1>;

/**
 * The digits a counselor may dial, or null: a Korean number in national form (0 and 8–10 more
 * digits: mobiles, Seoul 02, area codes, 070) or a 8-digit company number (15xx/16xx/18xx-xxxx).
 * `+82` becomes the leading 0. Short codes (112, 119, 1357 itself) are refused: an outbound
 * call from the desk is to a customer.
 */
export function dialableNumber(raw: string): string | null {
  let digits = raw.trim().replace(/[\s\-().]/g, '');
  if (digits.startsWith('+82')) digits = `0${digits.slice(3).replace(/^0/, '')}`;
  if (!/^\d+$/.test(digits)) return null;
  if (/^0\d{8,10}$/.test(digits) && !digits.startsWith('00')) return digits;
  if (/^1[5-9]\d{6}$/.test(digits)) return digits;
  return null;
}
