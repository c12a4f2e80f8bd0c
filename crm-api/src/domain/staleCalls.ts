/**
 * Which calls still "in progress" in crm-api's records cannot be in progress any more, and how
 * each is closed. Pure: `(open records, what is known live, now) → closures`. A record stays
 * open only while its call may still exist; telephony normally closes it with its own end event,
 * so this only catches calls whose end was never reported (Redis lost the live call, a process
 * died with it): such a record is closed, never left open.
 */

export interface OpenCall {
  callId: string;
  /** The last event crm-api has of the call: the last moment it is known to have existed. */
  lastEventAt: Date;
}

export interface StaleCallRules {
  now: Date;
  /** No call lasts this long: an open record whose last event is older is closed (ms). */
  staleAfterMs: number;
  /**
   * The calls the PBX side still has, when a caller knows them (telephony after a rebuild); a
   * record not among them is closed once its last event is older than `graceMs`.
   */
  live?: ReadonlySet<string>;
  /** Leaves a call that has just arrived alone: its live state may not be visible yet (ms). */
  graceMs?: number;
}

export type ClosureReason = 'notOnPbx' | 'stale';

export interface Closure {
  callId: string;
  /** The end time written: the last moment the call was known to exist (never later than now). */
  at: Date;
  reason: ClosureReason;
}

export function staleCallsToClose(open: readonly OpenCall[], rules: StaleCallRules): Closure[] {
  if (!(rules.staleAfterMs > 0))
    throw new Error(`staleAfterMs must be a positive number of ms, not ${rules.staleAfterMs}`);
  const now = rules.now.getTime();
  const grace = rules.graceMs ?? 60_000;
  const out: Closure[] = [];
  for (const call of open) {
    const age = now - call.lastEventAt.getTime();
    const at = new Date(Math.min(now, call.lastEventAt.getTime()));
    if (rules.live && !rules.live.has(call.callId) && age >= grace)
      out.push({ callId: call.callId, at, reason: 'notOnPbx' });
    else if (age >= rules.staleAfterMs) out.push({ callId: call.callId, at, reason: 'stale' });
  }
  return out;
}

/** One closure's id, fixed per call: two reconcilers closing the same call store one event. */
export const closureEventId = (callId: string) => `reconciled-end:${callId}`;
