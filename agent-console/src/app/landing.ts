import type { Role } from '@cc1357/contracts';

export type View =
  | 'counselor'
  | 'supervisor'
  | 'ivr'
  | 'search'
  | 'calendar'
  | 'callbacks'
  | 'relays'
  | 'recordings'
  | 'reports'
  | 'analysis'
  | 'imports'
  | 'login-locks';

/** Supervisors and admins land on the wallboard, counselors on their desk, partner users on their relays; telephony has no console. */
export function landingView(role: Role): View | null {
  switch (role) {
    case 'counselor':
      return 'counselor';
    case 'supervisor':
    case 'admin':
      return 'supervisor';
    case 'partner':
      return 'relays';
    case 'service':
      return null;
  }
}

/** Everyone at a desk searches the CRM, reads the policy calendar and works the callbacks. */
const SHARED: readonly View[] = ['search', 'calendar', 'callbacks'];

/**
 * Views a role may switch to: supervisors and admins also read the IVR flows (telephony sends
 * them only to that room) and the relays no partner system took, one with an agent id can also
 * take calls, and only admins import files and lift login locks (crm-api refuses everyone else).
 * Everyone at a desk has the recordings screen: supervisors every call's, counselors their own.
 * Partner users see only the relays addressed to their center.
 */
export function allowedViews(role: Role, hasAgentId: boolean): View[] {
  const landing = landingView(role);
  if (landing === null) return [];
  if (landing === 'relays') return ['relays'];
  if (landing === 'supervisor') {
    const views: View[] = hasAgentId ? ['supervisor', 'ivr', 'counselor'] : ['supervisor', 'ivr'];
    return [
      ...views,
      ...SHARED,
      'relays',
      'recordings',
      // Historical KPIs: crm-api answers supervisors and admins only.
      'reports',
      // What callers ask about (consultation pivot, FCR): supervisors and admins too.
      'analysis',
      ...(role === 'admin' ? (['imports', 'login-locks'] as const) : []),
    ];
  }
  // Counselors review the recordings of their own calls (crm-api shows them no one else's).
  return ['counselor', ...SHARED, 'recordings'];
}
