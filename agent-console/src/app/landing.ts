import type { Role } from '@cc1357/contracts';

export type View = 'counselor' | 'supervisor' | 'ivr';

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

/**
 * Views a role may switch to: supervisors and admins also read the IVR flows (telephony sends
 * them only to that room), and one with an agent id can also take calls.
 */
export function allowedViews(role: Role, hasAgentId: boolean): View[] {
  const landing = landingView(role);
  if (landing === null) return [];
  if (landing === 'supervisor') return hasAgentId ? ['supervisor', 'ivr', 'counselor'] : ['supervisor', 'ivr'];
  return ['counselor'];
}
