/**
 * Korean caller numbers arrive in many shapes: "010-1234-5678", "+82 10 1234 5678",
 * "821012345678", "0212345678", or a carrier's "anonymous". The CRM stores and matches one
 * form: digits only, national format with the leading 0 ("01012345678"), so a lookup is one
 * equality probe on an index.
 */

/** Caller-ID values carriers and Asterisk use for a withheld number. */
const WITHHELD = new Set(['', 'anonymous', 'unknown', 'restricted', 'private', 'unavailable', 'withheld']);

export type ParsedNumber =
  | { kind: 'withheld' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'number'; number: string; phoneKind: 'mobile' | 'landline' };

export function isWithheld(raw: string | null | undefined): boolean {
  return raw == null || WITHHELD.has(raw.trim().toLowerCase());
}

/** Digits-only national form, or null when the text is not a phone number at all. */
export function normalizePhone(raw: string): string | null {
  const trimmed = raw.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  if (trimmed.startsWith('00')) digits = digits.replace(/^00/, '');
  // Korean country code: +82 10… → 010…; "8210…" without '+' is what some trunks deliver.
  if ((international || (digits.startsWith('82') && digits.length >= 11)) && digits.startsWith('82')) {
    digits = `0${digits.slice(2).replace(/^0/, '')}`;
  }
  if (digits.length < 3 || digits.length > 15) return null;
  return digits;
}

/** Mobile numbers start 01x (010, 011, 016–019); everything else is treated as a landline. */
export function phoneKindOf(number: string): 'mobile' | 'landline' {
  return /^01[016789]/.test(number) ? 'mobile' : 'landline';
}

export function parseCallerNumber(raw: string | null | undefined): ParsedNumber {
  if (isWithheld(raw)) return { kind: 'withheld' };
  const number = normalizePhone(raw!);
  if (!number) return { kind: 'invalid', reason: '전화번호 형식이 아닙니다' };
  return { kind: 'number', number, phoneKind: phoneKindOf(number) };
}

/** "01012345678" → "010-1234-5678", "0212345678" → "02-1234-5678" (display only). */
export function formatPhone(number: string): string {
  if (/^02\d{7,8}$/.test(number)) return `02-${number.slice(2, -4)}-${number.slice(-4)}`;
  if (/^0\d{2}\d{7,8}$/.test(number)) return `${number.slice(0, 3)}-${number.slice(3, -4)}-${number.slice(-4)}`;
  return number;
}
