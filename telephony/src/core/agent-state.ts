import {
  type AgentNotReadyReason,
  type AgentSnapshot,
  type AgentState,
  type ErrorCode,
  type SkillLevels,
  type WrapUpCode,
  normalizeSkillLevels,
  sameSkillLevels,
} from '@cc1357/contracts';

/**
 * The agent state machine, pure: `(agent, event, now) → result`. Telephony stores the record in
 * Redis and applies events with compare-and-set, so every process sees one truth.
 *
 *   offline ─login→ notReady ⇄ ready ─reserve→ reserved ─ring→ ringing ─answer→ onCall
 *   onCall ─callEnded→ wrapUp ─(wrapUpUntil passed and not held | ready)→ ready
 *   wrapUp ─wrapUpHold→ held (the console's write-up is unsaved: the deadline no longer ends it)
 *   wrapUp ─wrapUpRelease→ not held (saved or discarded: ends now if the deadline has passed)
 *   wrapUp ─wrapUpExtend(s)→ deadline = max(deadline, now) + s
 *   wrapUp ─wrapUpCode(c)→ same wrap-up, code c kept (it goes into the `wrapUp.ended` call event)
 *   reserved/ringing ─missed→ notReady('other') · ─release→ ready (the caller left first)
 *   any ─skills→ same state, new skills and levels (a supervisor's change: the ACD's next pick uses them)
 */
export interface AgentRecord {
  agentId: string;
  displayName: string;
  skills: string[];
  /**
   * Levels (1–5) of `skills` that differ from the default (contracts DEFAULT_SKILL_LEVEL); the ACD
   * prefers higher. Absent in records written before levels existed (= every skill at the default).
   */
  skillLevels?: SkillLevels;
  state: AgentState;
  reason: AgentNotReadyReason | null;
  /** ISO time the current state began; for `ready` it is the idle-since used by the ACD. */
  since: string;
  callId: string | null;
  /** When wrap-up ends by itself (kept in the record so a restarted process still ends it). */
  wrapUpUntil: string | null;
  /**
   * The console says the call's write-up is not saved yet: wrap-up waits for a save or a discard
   * (`wrapUpRelease`) or an explicit Ready / Not ready instead of ending at `wrapUpUntil`.
   * Absent in records written before this field existed (= not held).
   */
  wrapUpHeld?: boolean;
  /** The wrap-up code (후처리 코드) picked for the call in wrap-up; absent / null = none yet. */
  wrapUpCode?: WrapUpCode | null;
}

export type AgentEvent =
  | { type: 'login'; displayName: string; skills: string[]; skillLevels?: SkillLevels }
  | { type: 'logout' }
  | { type: 'skills'; skills: string[]; skillLevels?: SkillLevels }
  | { type: 'ready' }
  | { type: 'notReady'; reason: AgentNotReadyReason }
  /** `outbound`: the counselor's own call from the desk (issue 12 §4), which Not ready may place too. */
  | { type: 'reserve'; callId: string; outbound?: boolean }
  | { type: 'ring'; callId: string }
  | { type: 'answer'; callId: string }
  | { type: 'missed'; callId: string }
  | { type: 'release'; callId: string }
  | { type: 'callEnded'; callId: string; wrapUpSeconds: number }
  | { type: 'wrapUpElapsed' }
  | { type: 'wrapUpHold'; callId: string }
  | { type: 'wrapUpRelease'; callId: string }
  | { type: 'wrapUpExtend'; callId: string; seconds: number }
  | { type: 'wrapUpCode'; callId: string; code: WrapUpCode };

export type AgentResult =
  | { ok: true; agent: AgentRecord; changed: boolean; previous: AgentState | null }
  | { ok: false; code: ErrorCode; message: string };

function move(agent: AgentRecord, patch: Partial<AgentRecord>, now: Date): AgentResult {
  const next: AgentRecord = {
    ...agent,
    reason: null,
    wrapUpUntil: null,
    wrapUpHeld: false,
    wrapUpCode: undefined, // a new state has no code; only `wrapUpCode` in wrap-up sets one
    ...patch,
    since: now.toISOString(),
  };
  return { ok: true, agent: next, changed: true, previous: agent.state };
}

/** A change inside wrap-up: the state (and its `since`, the floor's time in state) stays. */
function amendWrapUp(
  agent: AgentRecord,
  patch: Pick<AgentRecord, 'wrapUpUntil' | 'wrapUpHeld'> & { wrapUpCode?: WrapUpCode },
): AgentResult {
  const next: AgentRecord = { ...agent, ...patch };
  const changed =
    next.wrapUpUntil !== agent.wrapUpUntil ||
    (next.wrapUpHeld ?? false) !== (agent.wrapUpHeld ?? false) ||
    (next.wrapUpCode ?? null) !== (agent.wrapUpCode ?? null);
  return { ok: true, agent: next, changed, previous: agent.state };
}

function same(agent: AgentRecord): AgentResult {
  return { ok: true, agent, changed: false, previous: agent.state };
}

function refuse(agent: AgentRecord, event: AgentEvent): AgentResult {
  return {
    ok: false,
    code: 'INVALID_STATE',
    message: `agent ${agent.agentId} is ${agent.state}: cannot ${event.type}`,
  };
}

export function newAgent(agentId: string, displayName: string, skills: string[], now: Date): AgentRecord {
  return {
    agentId,
    displayName,
    skills,
    state: 'offline',
    reason: null,
    since: now.toISOString(),
    callId: null,
    wrapUpUntil: null,
    wrapUpHeld: false,
  };
}

export function applyAgentEvent(agent: AgentRecord, event: AgentEvent, now: Date): AgentResult {
  const holdsCall = (callId: string) => agent.callId === callId;
  switch (event.type) {
    case 'login': {
      const profile = {
        ...agent,
        displayName: event.displayName,
        skills: event.skills,
        skillLevels: normalizeSkillLevels(event.skills, event.skillLevels),
      };
      // A console reload must not lose a call: only an offline agent changes state on login.
      if (agent.state !== 'offline') {
        const changed =
          profile.displayName !== agent.displayName ||
          profile.skills.join() !== agent.skills.join() ||
          !sameSkillLevels(profile.skills, profile.skillLevels, agent.skillLevels);
        return changed ? { ok: true, agent: profile, changed, previous: agent.state } : same(agent);
      }
      return move(profile, { state: 'notReady', callId: null }, now);
    }
    case 'logout':
      if (agent.state === 'offline') return same(agent);
      if (agent.state === 'ready' || agent.state === 'notReady' || agent.state === 'wrapUp')
        return move(agent, { state: 'offline', callId: null }, now);
      return refuse(agent, event);
    case 'skills': {
      // The state (and its `since`, the ACD's idle-since) stays: only what the agent may take changes.
      const skillLevels = normalizeSkillLevels(event.skills, event.skillLevels);
      const changed =
        event.skills.join() !== agent.skills.join() || !sameSkillLevels(event.skills, skillLevels, agent.skillLevels);
      return changed
        ? { ok: true, agent: { ...agent, skills: [...event.skills], skillLevels }, changed, previous: agent.state }
        : same(agent);
    }
    case 'ready':
      if (agent.state === 'ready') return same(agent);
      if (agent.state === 'notReady' || agent.state === 'wrapUp')
        return move(agent, { state: 'ready', callId: null }, now);
      return refuse(agent, event);
    case 'notReady':
      if (agent.state === 'notReady' && agent.reason === event.reason) return same(agent);
      if (agent.state === 'ready' || agent.state === 'notReady' || agent.state === 'wrapUp') {
        return move(agent, { state: 'notReady', reason: event.reason, callId: null }, now);
      }
      return refuse(agent, event);
    case 'reserve':
      if (agent.state !== 'ready' && !(event.outbound && agent.state === 'notReady')) return refuse(agent, event);
      return move(agent, { state: 'reserved', callId: event.callId }, now);
    case 'ring':
      if (agent.state === 'ringing' && holdsCall(event.callId)) return same(agent);
      if (agent.state === 'reserved' && holdsCall(event.callId))
        return move(agent, { state: 'ringing', callId: event.callId }, now);
      return refuse(agent, event);
    case 'answer':
      if (agent.state === 'onCall' && holdsCall(event.callId)) return same(agent);
      if ((agent.state === 'reserved' || agent.state === 'ringing') && holdsCall(event.callId)) {
        return move(agent, { state: 'onCall', callId: event.callId }, now);
      }
      return refuse(agent, event);
    case 'missed':
      if ((agent.state === 'reserved' || agent.state === 'ringing') && holdsCall(event.callId)) {
        return move(agent, { state: 'notReady', reason: 'other', callId: null }, now);
      }
      return same(agent); // already moved on (e.g. answered elsewhere): nothing to undo
    case 'release':
      if ((agent.state === 'reserved' || agent.state === 'ringing') && holdsCall(event.callId)) {
        return move(agent, { state: 'ready', callId: null }, now);
      }
      return same(agent);
    case 'callEnded': {
      if (!holdsCall(event.callId) || agent.state !== 'onCall') return same(agent);
      if (event.wrapUpSeconds <= 0) return move(agent, { state: 'ready', callId: null }, now);
      const until = new Date(now.getTime() + event.wrapUpSeconds * 1000).toISOString();
      return move(agent, { state: 'wrapUp', callId: event.callId, wrapUpUntil: until }, now);
    }
    case 'wrapUpElapsed':
      if (agent.state !== 'wrapUp' || !agent.wrapUpUntil || agent.wrapUpHeld) return same(agent);
      if (Date.parse(agent.wrapUpUntil) > now.getTime()) return same(agent);
      return move(agent, { state: 'ready', callId: null }, now);
    case 'wrapUpHold':
      if (agent.state !== 'wrapUp' || !holdsCall(event.callId)) return refuse(agent, event);
      return amendWrapUp(agent, { wrapUpUntil: agent.wrapUpUntil, wrapUpHeld: true });
    case 'wrapUpRelease': {
      // Released after Ready / Not ready already ended the wrap-up: nothing is waiting any more.
      if (agent.state !== 'wrapUp' || !holdsCall(event.callId)) return same(agent);
      const over = !agent.wrapUpUntil || Date.parse(agent.wrapUpUntil) <= now.getTime();
      if (over) return move(agent, { state: 'ready', callId: null }, now);
      return amendWrapUp(agent, { wrapUpUntil: agent.wrapUpUntil, wrapUpHeld: false });
    }
    case 'wrapUpExtend': {
      if (agent.state !== 'wrapUp' || !holdsCall(event.callId)) return refuse(agent, event);
      const from = Math.max(agent.wrapUpUntil ? Date.parse(agent.wrapUpUntil) : 0, now.getTime());
      const until = new Date(from + event.seconds * 1000).toISOString();
      return amendWrapUp(agent, {
        wrapUpUntil: until,
        wrapUpHeld: agent.wrapUpHeld ?? false,
      });
    }
    case 'wrapUpCode':
      // Only the call in wrap-up takes a code; after wrap-up ended it would be lost, so say so.
      if (agent.state !== 'wrapUp' || !holdsCall(event.callId)) return refuse(agent, event);
      return amendWrapUp(agent, {
        wrapUpUntil: agent.wrapUpUntil,
        wrapUpHeld: agent.wrapUpHeld ?? false,
        wrapUpCode: event.code,
      });
  }
}

export function snapshotOf(agent: AgentRecord): AgentSnapshot {
  return {
    agentId: agent.agentId,
    displayName: agent.displayName,
    state: agent.state,
    reason: agent.reason,
    skills: agent.skills,
    since: agent.since,
    callId: agent.callId,
    // Only when some level differs from the default: snapshots without levels read as before.
    ...levelsOf(agent),
    ...(agent.state === 'wrapUp'
      ? { wrapUpUntil: agent.wrapUpUntil, wrapUpHeld: agent.wrapUpHeld ?? false, wrapUpCode: agent.wrapUpCode ?? null }
      : {}),
  };
}

function levelsOf(agent: AgentRecord): { skillLevels?: SkillLevels } {
  const skillLevels = normalizeSkillLevels(agent.skills, agent.skillLevels);
  return Object.keys(skillLevels).length > 0 ? { skillLevels } : {};
}
