import { isValidBizRegNo } from '@cc1357/contracts';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * Named validators a collect node may use on the digits it read. Names are the flow language's
 * vocabulary: adding one here makes it valid in flows.
 */
export const DIGIT_VALIDATORS = {
  /** 사업자등록번호: 10 digits, the last a checksum. */
  bizRegNo: (digits: string) => isValidBizRegNo(digits),
  /** Any dialable Korean number (landline or mobile), national format. */
  phoneKr: (digits: string) => isKoreanPhone(digits),
  /** A Korean mobile number (SMS can reach it). */
  mobileKr: (digits: string) => isKoreanMobile(digits),
} as const satisfies Record<string, (digits: string) => boolean>;

export type DigitValidatorName = keyof typeof DIGIT_VALIDATORS;
export const DIGIT_VALIDATOR_NAMES = Object.keys(DIGIT_VALIDATORS) as DigitValidatorName[];

export function isDigitValidatorName(name: string): name is DigitValidatorName {
  return Object.hasOwn(DIGIT_VALIDATORS, name);
}

export function runDigitValidator(name: string, digits: string): boolean {
  return isDigitValidatorName(name) ? DIGIT_VALIDATORS[name](digits) : false;
}

export function isKoreanPhone(digits: string): boolean {
  if (!/^0\d{8,10}$/.test(digits)) return false;
  return parsePhoneNumberFromString(digits, 'KR')?.isValid() ?? false;
}

export function isKoreanMobile(digits: string): boolean {
  if (!isKoreanPhone(digits)) return false;
  const type = parsePhoneNumberFromString(digits, 'KR')?.getType();
  // libphonenumber's default metadata may not know the type; the 01x prefix is the mobile range.
  return type === 'MOBILE' || (type === undefined && /^01[016789]/.test(digits));
}
