/** Phones: the one rule crm-api and the console share (contracts' maskPhone). */
export { maskPhone } from '@cc1357/contracts';

/**
 * Personal data in lists is masked; the single-record view (audited) sends it in full, and the
 * console still shows every phone masked until the counselor asks to see one.
 * Phones keep the area/carrier prefix and the last four digits ("010-****-5678"); names keep
 * the first and last syllable ("김*수", "남궁**호" → first and last kept, the rest starred).
 */

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.length ? '*' : '';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
