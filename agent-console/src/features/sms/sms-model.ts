import {
  domesticDigits,
  isMobileNumber,
  MAX_SMS_PROGRAMS,
  smsBody,
  type ContactDto,
  type ProgramCalendar,
  type ProgramDto,
  type SmsMessageDto,
  type SmsTemplate,
} from '@cc1357/contracts';

/**
 * What the counselor is about to send, as data: the text crm-api will build for the template
 * (contracts' `smsBody`, the one function crm-api builds the stored and sent text with, so the
 * preview is what the caller gets, programs in the order ticked), its length the way Korean carriers count it, and whether a number
 * can get it (contracts' `isMobileNumber`).
 */

export const SMS_MAX_BYTES = 90; // one SMS; longer goes as LMS
export const LMS_MAX_BYTES = 2000;

export function previewOf(
  template: SmsTemplate,
  input: { programs: readonly ProgramDto[]; text: string; calendar: ProgramCalendar | null },
): string {
  return smsBody(template, {
    programs: input.programs,
    text: input.text,
    ...(input.calendar ? { weeks: input.calendar.byWeek } : {}),
  });
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

/** A number an SMS can go to: the caller's own, or one of the company's contacts'. */
export interface SmsNumberChoice {
  number: string;
  /** The contact's name; null for the number the caller rang from. */
  contact: string | null;
  mobile: boolean;
}

/**
 * The numbers to offer, the caller's first, each once (spellings compared as digits), and the
 * one to start on: the first mobile (a landline caller is texted on a contact's mobile).
 */
export function smsNumberChoices(
  callerNumber: string | null,
  contacts: readonly Pick<ContactDto, 'name' | 'phones'>[],
): { choices: SmsNumberChoice[]; initial: string } {
  const seen = new Set<string>();
  const choices: SmsNumberChoice[] = [];
  const add = (number: string, contact: string | null) => {
    const key = domesticDigits(number);
    if (seen.has(key)) return;
    seen.add(key);
    choices.push({ number, contact, mobile: isMobileNumber(number) });
  };
  if (callerNumber) add(callerNumber, null);
  for (const c of contacts) for (const p of c.phones) add(p.number, c.name);
  return { choices, initial: choices.find((c) => c.mobile)?.number ?? '' };
}
