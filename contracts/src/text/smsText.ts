import type { ProgramDto } from '../rest/programs';

/**
 * The SMS bodies crm-api sends and the console previews, in one place so the preview is
 * exactly what the caller gets, and the rule for which numbers can receive one.
 */

/** The "recommended programs" text: one line per program with its window and link. */
export function programsSmsText(
  programs: readonly Pick<ProgramDto, 'name' | 'opensOn' | 'closesOn' | 'url'>[],
): string {
  const lines = ['[1357 상담 안내 지원사업]'];
  for (const p of programs) lines.push(`- ${p.name} (${p.opensOn}~${p.closesOn})${p.url ? ` ${p.url}` : ''}`);
  lines.push('문의 1357');
  return lines.join('\n');
}

/**
 * The text of an SMS, for crm-api to store and send and for the console to preview: one
 * function, so the preview is the message. Programs are listed in the order given (the order
 * the counselor ticked them); an empty pick is no message.
 */
export function smsBody(
  template: 'programs' | 'calendar' | 'free',
  input: {
    programs?: readonly Pick<ProgramDto, 'name' | 'opensOn' | 'closesOn' | 'url'>[];
    weeks?: readonly { programs: readonly Pick<ProgramDto, 'name' | 'opensOn' | 'announcedOn'>[] }[];
    text?: string;
  },
): string {
  if (template === 'programs')
    return input.programs && input.programs.length > 0 ? programsSmsText(input.programs) : '';
  if (template === 'calendar') return input.weeks ? calendarSmsText(input.weeks) : '';
  return (input.text ?? '').trim();
}

/** The SMS text of a calendar (short lines: many recipients read it on feature phones). */
export function calendarSmsText(
  weeks: readonly { programs: readonly Pick<ProgramDto, 'name' | 'opensOn' | 'announcedOn'>[] }[],
): string {
  const lines = ['[1357 중소기업 지원사업 일정]'];
  for (const w of weeks)
    for (const p of w.programs)
      lines.push(`${p.opensOn.slice(5).replace('-', '/')} ${p.name}${p.announcedOn ? '' : '(예정)'}`);
  if (lines.length === 1) lines.push('해당 기간에 접수를 시작하는 사업이 없습니다.');
  lines.push('문의 1357');
  return lines.join('\n');
}

/**
 * A phone number's digits in the domestic form: separators dropped, +82 / 82 turned into a
 * leading 0 (a bare "82…" only from 11 digits on, so short numbers starting 82 stay as typed).
 * Letters are dropped; a '+' of another country stays, so callers can tell it is not domestic.
 */
export function domesticDigits(raw: string): string {
  const digits = raw.replace(/[^\d+]/g, '');
  if (digits.startsWith('+82')) return `0${digits.slice(3)}`;
  if (digits.startsWith('82') && digits.length >= 11) return `0${digits.slice(2)}`;
  return digits;
}

/** Korean mobiles (010, 011, 016–019) in any common spelling; SMS goes only to those. */
export function isMobileNumber(raw: string): boolean {
  return /^01[016789]\d{7,8}$/.test(domesticDigits(raw));
}
