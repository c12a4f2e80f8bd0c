import { formatPhone } from './phone';

/**
 * Personal data in lists is masked; the single-record view (audited) shows it in full.
 * Phones keep the area/carrier prefix and the last four digits ("010-****-5678"); names keep
 * the first and last syllable ("김*수", "남궁**호" → first and last kept, the rest starred).
 */

export function maskPhone(number: string | null): string | null {
  if (number === null) return null;
  const formatted = formatPhone(number);
  const parts = formatted.split('-');
  if (parts.length === 3) return `${parts[0]}-${'*'.repeat(parts[1]!.length)}-${parts[2]}`;
  // Unformattable (short codes, foreign): keep the last four only.
  return number.length <= 4 ? '*'.repeat(number.length) : `${'*'.repeat(number.length - 4)}${number.slice(-4)}`;
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.length ? '*' : '';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
