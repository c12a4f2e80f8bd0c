import type { PhoneRegistration, PhoneStateV1 } from '@cc1357/contracts';
import type { AmiEvent } from './fallback-events';

/**
 * Whether an agent's desk phone is registered, from what AMI says about PJSIP (pure).
 *   registered    a contact is bound (Created, Updated, Reachable, NonQualified, Unknown)
 *   unreachable   bound but not answering qualify (calls to it fail)
 *   unregistered  no contact (never registered, expired, or removed)
 */
export type PhoneState = PhoneStateV1;

const text = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** A `ContactStatus` event → the phone's new state (null for other events). */
export function phoneStateOfContactStatus(event: AmiEvent, at: Date): PhoneState | null {
  if (String(event.event).toLowerCase() !== 'contactstatus') return null;
  const phone = text(event.endpointname) ?? text(event.aor);
  const status = text(event.contactstatus);
  if (!phone || !status) return null;
  const registration: PhoneRegistration =
    status === 'Removed' ? 'unregistered' : status === 'Unreachable' ? 'unreachable' : 'registered';
  return { phone, registration, at: at.toISOString() };
}

/**
 * `PJSIPShowEndpoints` rows (`EndpointList`) → every endpoint's state. `Contacts` lists the bound
 * contacts (`1001/sip:1001@…,`); device state `Unavailable` with contacts means qualify fails.
 * Trunks are left out: only endpoints in `phones` (the agent extensions) count.
 */
export function phoneStatesOfEndpointList(
  rows: AmiEvent[],
  phones: ReadonlySet<string> | null,
  at: Date,
): PhoneState[] {
  return rows
    .filter((row) => String(row.event).toLowerCase() === 'endpointlist')
    .map((row) => ({
      phone: text(row.objectname) ?? '',
      contacts: text(row.contacts) ?? '',
      device: text(row.devicestate) ?? '',
    }))
    .filter((row) => row.phone && (!phones || phones.has(row.phone)))
    .map(({ phone, contacts, device }) => ({
      phone,
      registration: !contacts.replace(/,/g, '').trim()
        ? 'unregistered'
        : device === 'Unavailable'
          ? 'unreachable'
          : 'registered',
      at: at.toISOString(),
    }));
}
