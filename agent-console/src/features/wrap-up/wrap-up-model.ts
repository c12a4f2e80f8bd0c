import type { DeskState } from '../desk/desk-state';

/**
 * After-call work and the write-up, as pure decisions over the desk (telephony owns the agent
 * state; the console owns whether the write-up is saved):
 *
 * - in wrap-up for the call on desk with its write-up still open, and not yet held → ask telephony
 *   to hold wrap-up (it then does not send the agent back to Ready at its deadline);
 * - held, and the write-up is now saved → release (Ready at the deadline, at once if it passed).
 *
 * A discard is the counselor's explicit act (WrapUpBar), not a decision made here.
 */
export type WrapUpSync = { send: 'agent.wrapUp.hold.v1' | 'agent.wrapUp.release.v1'; callId: string } | null;

export function wrapUpSync(desk: DeskState): WrapUpSync {
  const { agent, call } = desk;
  if (agent?.state !== 'wrapUp' || !agent.callId || call?.offer.callId !== agent.callId) return null;
  const held = agent.wrapUpHeld === true;
  if (call.writeUp === 'open' && !held) return { send: 'agent.wrapUp.hold.v1', callId: agent.callId };
  if (call.writeUp === 'saved' && held) return { send: 'agent.wrapUp.release.v1', callId: agent.callId };
  return null;
}

/** What the after-call bar shows: nothing outside wrap-up; waiting for the write-up; or the countdown. */
export type WrapUpView =
  | { kind: 'none' }
  | { kind: 'waitingForWriteUp'; callId: string }
  | { kind: 'countdown'; callId: string; until: string | null };

export function wrapUpView(desk: DeskState): WrapUpView {
  const { agent } = desk;
  if (agent?.state !== 'wrapUp' || !agent.callId) return { kind: 'none' };
  if (agent.wrapUpHeld) return { kind: 'waitingForWriteUp', callId: agent.callId };
  return { kind: 'countdown', callId: agent.callId, until: agent.wrapUpUntil ?? desk.call?.wrapUpUntil ?? null };
}

/**
 * Ready would let the next call replace a write-up still open on screen: while one is, the
 * counselor saves or discards it first (Not ready stays possible: no call comes then).
 */
export function writeUpBlocksReady(desk: DeskState): boolean {
  return desk.call !== null && desk.call.phase === 'ended' && desk.call.writeUp === 'open';
}

/**
 * The wrap-up code (후처리 코드) is required before the counselor leaves wrap-up by Ready: a call
 * that reached wrap-up was connected, and the supervisor's report counts each one by its code.
 * Nothing is preselected. The countdown still ends wrap-up by itself (the event then carries no
 * code), and Not ready stays possible, as with an open write-up.
 */
export function wrapUpCodeBlocksReady(desk: DeskState): boolean {
  const { agent } = desk;
  return agent?.state === 'wrapUp' && !!agent.callId && !agent.wrapUpCode;
}

/** Seconds one press of "Extend" adds to after-call work. */
export const EXTEND_SECONDS = 30;
