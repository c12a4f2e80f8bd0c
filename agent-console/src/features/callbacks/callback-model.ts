import { CreateCallbackRequest, KST_OFFSET_MS, type QueueId } from '@cc1357/contracts';

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

/** Next whole hour (KST) at least 30 minutes away, as the form's default. */
export function defaultDueLocal(nowMs: number): string {
  const kst = new Date(nowMs + KST_OFFSET_MS + 30 * 60_000);
  kst.setUTCMinutes(0, 0, 0);
  kst.setUTCHours(kst.getUTCHours() + 1);
  return kst.toISOString().slice(0, 16);
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
  messages: { number: string; dueAt: string; past: string },
): { ok: true; request: CreateCallbackRequest } | { ok: false; errors: CallbackErrors } {
  const errors: CallbackErrors = {};
  const digits = draft.number.replace(/\D/g, '');
  if (digits.length < 8 || digits.length > 12) errors.number = messages.number;
  const due = dueIso(draft.dueLocal);
  if (!due) errors.dueAt = messages.dueAt;
  else if (Date.parse(due) < nowMs - 60_000) errors.dueAt = messages.past;
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
