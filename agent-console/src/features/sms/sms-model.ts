import { calendarSmsText, MAX_SMS_PROGRAMS, programsSmsText, type ProgramCalendar, type ProgramDto, type SmsMessageDto, type SmsTemplate } from '@cc1357/contracts';

/**
 * What the counselor is about to send, as data: the text crm-api will build for the template
 * (contracts' `programsSmsText` / `calendarSmsText`, the builders crm-api sends, so the preview
 * is what the caller gets), its length the way Korean carriers count it, and whether a number
 * can get it (contracts' `isMobileNumber`).
 */

export const SMS_MAX_BYTES = 90; // one SMS; longer goes as LMS
export const LMS_MAX_BYTES = 2000;

export function previewOf(template: SmsTemplate, input: { programs: readonly ProgramDto[]; text: string; calendar: ProgramCalendar | null }): string {
  if (template === 'programs') return input.programs.length === 0 ? '' : programsSmsText(input.programs);
  if (template === 'calendar') return input.calendar ? calendarSmsText(input.calendar.byWeek) : '';
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

/** A message still on its way: keep polling until every one is delivered or failed. */
export function inFlight(messages: readonly SmsMessageDto[]): boolean {
  return messages.some((m) => m.status === 'queued' || m.status === 'sent');
}

/** Add or remove a program from the pick, keeping crm-api's limit. */
export function togglePick(picked: readonly string[], id: string): string[] {
  if (picked.includes(id)) return picked.filter((p) => p !== id);
  if (picked.length >= MAX_SMS_PROGRAMS) return [...picked];
  return [...picked, id];
}
