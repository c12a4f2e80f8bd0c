import { SERVICE_NUMBER, STASIS_APP } from '@cc1357/contracts';

/**
 * What dialled numbers do. Deliberately tiny: the real `extensions.conf` sends 1357 to
 * `Stasis(callcenter,inbound)` and does nothing clever; the Local extensions exist for the
 * reference-trace scenarios (ARI-FACTS, shared/asterisk-traces).
 */
export type LocalBehaviour =
  /**
   * `Stasis(app,args)` on the ;2 half, unanswered (state Ring) until the app answers. When the app
   * has no socket, `STASISSTATUS=FAILED` and the dialplan goes on to the next priority:
   * `ring` (a fallback that rings until the caller gives up, the default) or `end` (there is no
   * next priority, so the channel hangs up, as in Asterisk's own `stasis-<app>` context).
   */
  | { kind: 'stasis'; app: string; args?: string[]; fallback?: 'ring' | 'end' }
  /** `Answer()` then `Wait(60)`: a phone that picks up at once. */
  | { kind: 'answer' }
  /** `Ringing()` then `Wait(60)`: rings until the originate timeout. */
  | { kind: 'ring' }
  /** `Wait()` without answering, never in Stasis (a parked leg). */
  | { kind: 'wait' };

export interface InboundRoute {
  app: string;
  args: string[];
}

export interface Dialplan {
  /** PSTN DID → Stasis app (calls arrive on `PJSIP/trunk-…`). */
  inbound: Record<string, InboundRoute>;
  /** `exten@context` → behaviour of a `Local/exten@context` channel's dialplan half. */
  local: Record<string, LocalBehaviour>;
  /** Endpoint name of the PSTN trunk (channel names `PJSIP/<trunk>-0000000N`). */
  trunk: string;
}

export const DEFAULT_DIALPLAN: Dialplan = {
  inbound: { [SERVICE_NUMBER]: { app: STASIS_APP, args: ['inbound'] } },
  local: {
    '1357@inbound': { kind: 'stasis', app: 'cc-ivr', args: ['inbound'] },
    'agent@agents': { kind: 'answer' },
    'ring@agents': { kind: 'ring' },
    'noanswer@agents': { kind: 'ring' },
    's@park': { kind: 'wait' },
  },
  trunk: 'trunk',
};

export function mergeDialplan(partial?: Partial<Dialplan>): Dialplan {
  return {
    inbound: { ...DEFAULT_DIALPLAN.inbound, ...(partial?.inbound ?? {}) },
    local: { ...DEFAULT_DIALPLAN.local, ...(partial?.local ?? {}) },
    trunk: partial?.trunk ?? DEFAULT_DIALPLAN.trunk,
  };
}

/** `x@stasis-<app>` reaches the app without dialplan edits (Asterisk registers that context). */
export function localBehaviour(dialplan: Dialplan, exten: string, context: string): LocalBehaviour | null {
  const configured = dialplan.local[`${exten}@${context}`];
  if (configured) return configured;
  // res_stasis registers `_.` → Stasis(<app>) at priority 1 and nothing after it.
  if (context.startsWith('stasis-'))
    return { kind: 'stasis', app: context.slice('stasis-'.length), args: [], fallback: 'end' };
  return null;
}
