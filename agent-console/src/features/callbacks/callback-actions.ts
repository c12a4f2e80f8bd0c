import type { CallbackActionRequest, CallbackDto, CallDialCommandV1, CommandAck } from '@cc1357/contracts';

/**
 * What a counselor may do with one callback on the list (issue 12 §4), mirroring crm-api's rules
 * (`domain/callbackTransitions.ts`), so the buttons shown are the steps that will be accepted:
 * anyone may take or dial an unowned open callback, only its owner (or a supervisor) the rest;
 * the outcome (done / no answer / reschedule) is set once it has been dialled.
 */
export interface CallbackChoices {
  claim: boolean;
  dial: boolean;
  outcome: boolean;
  reschedule: boolean;
  /** Another counselor's callback: their name, shown instead of the buttons. */
  ownedBy: string | null;
}

const STAFF = new Set(['supervisor', 'admin']);

export function callbackChoices(cb: CallbackDto, me: { username: string; role: string }): CallbackChoices {
  const owner = cb.owner ?? null;
  const mine = owner === null || owner === me.username || STAFF.has(me.role);
  const active = cb.status === 'open' || cb.status === 'dialing';
  if (!active || !mine)
    return {
      claim: false,
      dial: false,
      outcome: false,
      reschedule: false,
      ownedBy: active && owner !== me.username ? owner : null,
    };
  return {
    claim: owner === null,
    dial: cb.status === 'open',
    outcome: cb.status === 'dialing',
    reschedule: true,
    ownedBy: null,
  };
}

export interface DialDeps {
  act(id: string, body: CallbackActionRequest): Promise<CallbackDto>;
  dial(command: CallDialCommandV1): Promise<CommandAck>;
}

/**
 * Dial a callback: crm-api first (it checks the owner and the state, and counts the attempt),
 * then the call through telephony (counselor's phone, then the customer as 1357). A refusal from
 * either comes back as the message to show; nothing is dialled when crm-api refuses.
 */
export async function dialCallback(
  deps: DialDeps,
  cb: CallbackDto,
): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await deps.act(cb.id, { action: 'dial' });
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  const ack = await deps.dial({ number: cb.number, callbackId: cb.id });
  return ack.ok ? { ok: true } : { ok: false, message: ack.error.message };
}

/** `datetime-local` (Korean time, as typed) → an ISO instant; null when empty or unreadable. */
export function kstLocalToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}:00+09:00`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
