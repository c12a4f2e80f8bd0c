import type { ProgramCalendar, ProgramDto, SmsMessageDto, SmsTemplate } from '@cc1357/contracts';

/**
 * What the counselor is about to send, as data: the text crm-api will build for the template
 * (the same lines as its `programsSmsText` / `calendarSmsText`, so the preview is what the
 * caller gets), its length the way Korean carriers count it, and whether a number can get it.
 */

export const SMS_MAX_BYTES = 90; // one SMS; longer goes as LMS
export const LMS_MAX_BYTES = 2000;
export const MAX_PROGRAMS = 10; // crm-api's limit per message

export function programsText(programs: readonly Pick<ProgramDto, 'name' | 'opensOn' | 'closesOn' | 'url'>[]): string {
  const lines = ['[1357 상담 안내 지원사업]'];
  for (const p of programs) lines.push(`- ${p.name} (${p.opensOn}~${p.closesOn})${p.url ? ` ${p.url}` : ''}`);
  lines.push('문의 1357');
  return lines.join('\n');
}

export function calendarText(calendar: Pick<ProgramCalendar, 'byWeek'>): string {
  const lines = ['[1357 중소기업 지원사업 일정]'];
  for (const w of calendar.byWeek) for (const p of w.programs) lines.push(`${p.opensOn.slice(5).replace('-', '/')} ${p.name}${p.announcedOn ? '' : '(예정)'}`);
  if (lines.length === 1) lines.push('해당 기간에 접수를 시작하는 사업이 없습니다.');
  lines.push('문의 1357');
  return lines.join('\n');
}

export function previewOf(template: SmsTemplate, input: { programs: readonly ProgramDto[]; text: string; calendar: ProgramCalendar | null }): string {
  if (template === 'programs') return input.programs.length === 0 ? '' : programsText(input.programs);
  if (template === 'calendar') return input.calendar ? calendarText(input.calendar) : '';
  return input.text.trim();
}

/** Bytes as carriers count them (KS X 1001 / EUC-KR): Hangul and other non-ASCII 2, ASCII 1. */
export function smsBytes(text: string): number {
  let bytes = 0;
  for (const ch of text) bytes += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return bytes;
}

export type SmsKind = 'SMS' | 'LMS' | 'tooLong';
export function smsKind(bytes: number): SmsKind {
  if (bytes <= SMS_MAX_BYTES) return 'SMS';
  if (bytes <= LMS_MAX_BYTES) return 'LMS';
  return 'tooLong';
}

/** Korean mobiles (010, 011, 016–019) in any common spelling; SMS goes only to those. */
export function isMobileNumber(raw: string): boolean {
  let digits = raw.replace(/[^\d+]/g, '');
  if (digits.startsWith('+82')) digits = `0${digits.slice(3)}`;
  else if (digits.startsWith('82') && digits.length >= 11) digits = `0${digits.slice(2)}`;
  return /^01[016789]\d{7,8}$/.test(digits);
}

/** A message still on its way: keep polling until every one is delivered or failed. */
export function inFlight(messages: readonly SmsMessageDto[]): boolean {
  return messages.some((m) => m.status === 'queued' || m.status === 'sent');
}

/** Add or remove a program from the pick, keeping crm-api's limit. */
export function togglePick(picked: readonly string[], id: string): string[] {
  if (picked.includes(id)) return picked.filter((p) => p !== id);
  if (picked.length >= MAX_PROGRAMS) return [...picked];
  return [...picked, id];
}
