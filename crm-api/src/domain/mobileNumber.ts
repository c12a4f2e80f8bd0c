import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * True when a normalised national number (digits, e.g. "01012345678") is a real Korean mobile
 * number by libphonenumber's numbering plan (valid length and range, type MOBILE): the only
 * numbers that receive SMS, so the only ones worth keeping on the opt-out list.
 */
export function isKoreanMobile(number: string): boolean {
  const parsed = parsePhoneNumberFromString(number, 'KR');
  return !!parsed && parsed.country === 'KR' && parsed.isValid() && parsed.getType() === 'MOBILE';
}
