import { z } from 'zod';

/**
 * Wrap-up codes (후처리 코드): how a call ended, picked by the counselor during after-call work.
 * One fixed catalogue; the console shows `ko`/`en`, telephony stores the id in the `wrapUp.ended`
 * call event's data (`code`), and reports count by id.
 */
export const WRAP_UP_CODE_CATALOGUE = [
  { id: 'resolved', ko: '상담 완료', en: 'Resolved' },
  { id: 'followUp', ko: '추가 안내 필요', en: 'Follow-up needed' },
  { id: 'partnerReferral', ko: '협력기관 연계', en: 'Referred to a partner center' },
  { id: 'callbackNeeded', ko: '회신 필요', en: 'Callback needed' },
  { id: 'wrongNumber', ko: '오인 전화', en: 'Wrong number' },
  { id: 'prankOrSilent', ko: '장난·무응답', en: 'Prank or silent call' },
] as const;

export const WRAP_UP_CODES = [
  'resolved',
  'followUp',
  'partnerReferral',
  'callbackNeeded',
  'wrongNumber',
  'prankOrSilent',
] as const;
export const WrapUpCode = z.enum(WRAP_UP_CODES);
export type WrapUpCode = z.infer<typeof WrapUpCode>;

/** The catalogue entry of a code (labels for screens and reports). */
export function wrapUpCodeLabel(code: WrapUpCode, lang: 'ko' | 'en'): string {
  return WRAP_UP_CODE_CATALOGUE.find((c) => c.id === code)![lang];
}
