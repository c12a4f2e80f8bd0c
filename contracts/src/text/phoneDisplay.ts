import { domesticDigits } from './smsText';

/**
 * How a phone number is shown, in one place for crm-api and the console. The rule: a number
 * on screen or in a list is masked ("010-****-5678": area or carrier prefix and the last four
 * kept), everywhere; the console shows it in full only when the counselor asks for it, one
 * number at a time (PhoneNumber component). crm-api masks its list answers with the same function.
 */

/**
 * A Korean phone number with dashes: mobiles (010-1234-5678), Seoul (02-123-4567 /
 * 02-1234-5678), other area codes (031-123-4567), nationwide numbers (1588-0800) and short
 * service numbers (1357). +82 numbers are shown in the domestic form; anything else as typed.
 */
export function formatPhoneNumber(raw: string): string {
  const digits = domesticDigits(raw);
  if (!/^\d+$/.test(digits)) return raw;
  if (digits.length === 8 && /^1[5-9]/.test(digits)) return `${digits.slice(0, 4)}-${digits.slice(4)}`;
  if (digits.startsWith('02')) {
    if (digits.length === 9) return `02-${digits.slice(2, 5)}-${digits.slice(5)}`;
    if (digits.length === 10) return `02-${digits.slice(2, 6)}-${digits.slice(6)}`;
    return raw;
  }
  if (digits.startsWith('0')) {
    if (digits.length === 10) return `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;
    if (digits.length === 11) return `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`;
  }
  return raw;
}

/** "010-****-5678"; a number that is not in three parts keeps its last four only ("****0800"). */
export function maskPhone(number: string): string;
export function maskPhone(number: string | null): string | null;
export function maskPhone(number: string | null): string | null {
  if (number === null) return null;
  const parts = formatPhoneNumber(number).split('-');
  if (parts.length === 3) return `${parts[0]}-${'*'.repeat(parts[1]!.length)}-${parts[2]}`;
  const digits = number.replace(/\D/g, '') || number;
  return digits.length <= 4 ? '*'.repeat(digits.length) : `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
