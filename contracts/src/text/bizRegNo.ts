/**
 * 사업자등록번호 (business registration number): 10 digits, the last a check digit computed
 * with the National Tax Service's weights 1,3,7,1,3,7,1,3,5 where the 9th digit's product also
 * contributes its tens ("×5 carry"). Pure and dependency-free so the console can validate a
 * typed number, the IVR can check DTMF input and crm-api can refuse bad data with one rule.
 */

const WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5] as const;

/** Strips the usual dashes/spaces ("123-45-67890" → "1234567890"). */
export function normalizeBizRegNo(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/** The check digit for the first nine digits, or null when the input is not nine digits. */
export function bizRegNoCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * WEIGHTS[i]!;
  // The ninth digit's ×5 product contributes its tens digit as well.
  sum += Math.floor((Number(firstNine[8]) * 5) / 10);
  return (10 - (sum % 10)) % 10;
}

/** True for a 10-digit number (dashes allowed) whose last digit matches the checksum. */
export function isValidBizRegNo(input: string): boolean {
  const digits = normalizeBizRegNo(input);
  if (!/^\d{10}$/.test(digits)) return false;
  return bizRegNoCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}

/** "1234567890" → "123-45-67890" for display. */
export function formatBizRegNo(digits: string): string {
  const d = normalizeBizRegNo(digits);
  return d.length === 10 ? `${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)}` : d;
}
