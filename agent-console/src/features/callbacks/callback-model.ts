import { CreateCallbackRequest, KST_OFFSET_MS, type QueueId } from '@cc1357/contracts';
import { businessStatus, DEFAULT_CALENDAR, type BusinessCalendar } from '@cc1357/ivr-flows/calendar';

/**
 * A callback booked from the desk: the number, the queue whose counselors call back, and when.
 * The due time is typed as a local KST date-time (datetime-local) and sent as ISO with +09:00
 * so a browser in another zone still books the Korean hour.
 */

export interface CallbackDraft {
  number: string;
  queue: QueueId;
  /** YYYY-MM-DDTHH:mm, Korea time. */
  dueLocal: string;
  note: string;
}

const SLOT_MS = 30 * 60_000;
/** Two weeks of slots: past the longest run of closed days (설날 or 추석 with a weekend and a substitute day). */
const SEARCH_SLOTS = 14 * 48;

/** An instant as the form's YYYY-MM-DDTHH:mm in Korea time. */
export function kstLocal(ms: number): string {
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 16);
}

/**
 * The form's default: the first half-hour slot at least 30 minutes away in which the center is
 * open (ivr-flows' business calendar, the IVR's own: weekdays 09:00–18:00 KST, Korean public
 * holidays closed), so a callback booked at 22:00 or on a Friday evening lands on the next
 * working morning instead of 05:00.
 */
export function defaultDueLocal(nowMs: number, calendar: BusinessCalendar = DEFAULT_CALENDAR): string {
  let slot = Math.ceil((nowMs + SLOT_MS) / SLOT_MS) * SLOT_MS;
  for (let i = 0; i < SEARCH_SLOTS && !businessStatus(new Date(slot), calendar).open; i++) slot += SLOT_MS;
  return kstLocal(slot);
}

/** Whether a KST date-time is within the center's hours (a callback outside them has nobody to make it). */
export function withinBusinessHours(dueLocal: string, calendar: BusinessCalendar = DEFAULT_CALENDAR): boolean {
  const due = dueIso(dueLocal);
  return due !== null && businessStatus(new Date(due), calendar).open;
}

export function dueIso(dueLocal: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(dueLocal)) return null;
  const at = Date.parse(`${dueLocal}:00+09:00`);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

export type CallbackErrors = Partial<Record<'number' | 'dueAt' | 'form', string>>;

export function callbackRequest(
  draft: CallbackDraft,
  link: { companyId?: string | null; callId?: string | null },
  nowMs: number,
  messages: { number: string; dueAt: string; past: string; closed: string },
): { ok: true; request: CreateCallbackRequest } | { ok: false; errors: CallbackErrors } {
  const errors: CallbackErrors = {};
  const digits = draft.number.replace(/\D/g, '');
  if (digits.length < 8 || digits.length > 12) errors.number = messages.number;
  const due = dueIso(draft.dueLocal);
  if (!due) errors.dueAt = messages.dueAt;
  else if (Date.parse(due) < nowMs - 60_000) errors.dueAt = messages.past;
  else if (!withinBusinessHours(draft.dueLocal)) errors.dueAt = messages.closed;
  if (Object.keys(errors).length > 0 || !due) return { ok: false, errors };
  const parsed = CreateCallbackRequest.safeParse({
    number: digits,
    queue: draft.queue,
    dueAt: due,
    companyId: link.companyId ?? null,
    callId: link.callId ?? null,
    note: draft.note.trim() === '' ? null : draft.note.trim(),
  });
  if (!parsed.success) return { ok: false, errors: { form: parsed.error.issues.map((i) => i.message).join(', ') } };
  return { ok: true, request: parsed.data };
}
