import type { Role } from '@cc1357/contracts';

export type View = 'counselor' | 'supervisor' | 'ivr' | 'search' | 'calendar' | 'callbacks' | 'imports';

/** Supervisors and admins land on the wallboard, counselors on their desk; others have no console. */
export function landingView(role: Role): View | null {
  switch (role) {
    case 'counselor':
      return 'counselor';
    case 'supervisor':
    case 'admin':
      return 'supervisor';
    case 'partner':
    case 'service':
      return null;
  }
}

/** Everyone at a desk searches the CRM, reads the policy calendar and works the callbacks. */
const SHARED: readonly View[] = ['search', 'calendar', 'callbacks'];

/**
 * Views a role may switch to: supervisors and admins also read the IVR flows (telephony sends
 * them only to that room), one with an agent id can also take calls, and only admins import
 * files (crm-api refuses everyone else).
 */
export function allowedViews(role: Role, hasAgentId: boolean): View[] {
  const landing = landingView(role);
  if (landing === null) return [];
  if (landing === 'supervisor') {
    const views: View[] = hasAgentId ? ['supervisor', 'ivr', 'counselor'] : ['supervisor', 'ivr'];
    return [...views, ...SHARED, ...(role === 'admin' ? (['imports'] as const) : [])];
  }
  return ['counselor', ...SHARED];
}
