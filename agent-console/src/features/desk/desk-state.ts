import type {
  AgentSnapshot,
  CallerPop,
  CallConnectedV1,
  CallEndedV1,
  CallOfferedV1,
  CommandAck,
  CommandErrorV1,
} from '@cc1357/contracts';

/**
 * The counselor's desk as the console knows it: the agent's state (owned by telephony, we
 * only mirror it), the call on screen and the command in flight. A pure reducer so every
 * transition is a row in a table test.
 */

export type CallPhase = 'ringing' | 'connected' | 'ended';
export type DeskCommand = 'agent.ready.v1' | 'agent.notReady.v1' | 'call.answer.v1' | 'call.hangup.v1';

export interface CallOnDesk {
  offer: CallOfferedV1;
  phase: CallPhase;
  connectedAt: string | null;
  endedAt: string | null;
  endReason: CallEndedV1['reason'] | null;
  /** When the after-call work telephony granted ends (endedAt + wrapUpSeconds), for the countdown. */
  wrapUpUntil: string | null;
  /** The company the consultation is about: the only match, the counselor's pick, or none. */
  selectedCompanyId: string | null;
  /** The full pop of the picked company (crm-api answers a shared number's pop per company). */
  refinedPop: CallerPop | null;
}

export interface DeskState {
  agent: AgentSnapshot | null;
  call: CallOnDesk | null;
  pending: DeskCommand | null;
  error: CommandErrorV1 | null;
  /** A one-line notice for the counselor, e.g. a call that stopped ringing. */
  notice: 'callMissed' | null;
}

export type DeskEvent =
  | { type: 'agentState'; agent: AgentSnapshot }
  | { type: 'callOffered'; offer: CallOfferedV1 }
  | { type: 'callConnected'; connected: CallConnectedV1 }
  | { type: 'callEnded'; ended: CallEndedV1 }
  | { type: 'companySelected'; companyId: string }
  | { type: 'popRefined'; callId: string; companyId: string; pop: CallerPop }
  | { type: 'commandStarted'; command: DeskCommand }
  | { type: 'commandFinished'; command: DeskCommand; ack: CommandAck }
  | { type: 'commandError'; error: CommandErrorV1 }
  | { type: 'callDismissed' }
  | { type: 'errorDismissed' };

export const INITIAL_DESK: DeskState = { agent: null, call: null, pending: null, error: null, notice: null };

export function deskReducer(state: DeskState, event: DeskEvent): DeskState {
  switch (event.type) {
    case 'agentState':
      return reconcile({ ...state, agent: event.agent });
    case 'callOffered': {
      const { pop } = event.offer;
      const only = pop.status === 'known' && pop.companies.length === 1 ? pop.companies[0]!.id : null;
      return {
        ...state,
        notice: null,
        error: null,
        call: { offer: event.offer, phase: 'ringing', connectedAt: null, endedAt: null, endReason: null, wrapUpUntil: null, selectedCompanyId: only, refinedPop: null },
      };
    }
    case 'callConnected':
      if (state.call?.offer.callId !== event.connected.callId) return state;
      return { ...state, call: { ...state.call, phase: 'connected', connectedAt: event.connected.connectedAt } };
    case 'callEnded': {
      const call = state.call;
      if (call?.offer.callId !== event.ended.callId) return state;
      // A call that never connected leaves nothing to write up: clear it and say why.
      if (call.phase === 'ringing') return { ...state, call: null, notice: 'callMissed' };
      const endedAt = Date.parse(event.ended.endedAt);
      const wrapUpUntil = event.ended.wrapUpSeconds > 0 && !Number.isNaN(endedAt) ? new Date(endedAt + event.ended.wrapUpSeconds * 1000).toISOString() : null;
      return { ...state, call: { ...call, phase: 'ended', endedAt: event.ended.endedAt, endReason: event.ended.reason, wrapUpUntil } };
    }
    case 'companySelected': {
      const call = state.call;
      if (!call || !call.offer.pop.companies.some((c) => c.id === event.companyId)) return state;
      if (call.selectedCompanyId === event.companyId) return state;
      return { ...state, call: { ...call, selectedCompanyId: event.companyId, refinedPop: null } };
    }
    case 'popRefined': {
      const call = state.call;
      // A late answer for an earlier pick or an earlier call is dropped.
      if (!call || call.offer.callId !== event.callId || call.selectedCompanyId !== event.companyId) return state;
      if (event.pop.status !== 'known' || event.pop.companies[0]?.id !== event.companyId) return state;
      return { ...state, call: { ...call, refinedPop: event.pop } };
    }
    case 'commandStarted':
      return { ...state, pending: event.command, error: null };
    case 'commandFinished':
      return {
        ...state,
        pending: state.pending === event.command ? null : state.pending,
        error: event.ack.ok ? state.error : event.ack.error,
      };
    case 'commandError':
      return { ...state, error: event.error };
    case 'callDismissed':
      return { ...state, call: null, notice: null };
    case 'errorDismissed':
      return { ...state, error: null };
  }
}

const BETWEEN_CALLS: readonly AgentSnapshot['state'][] = ['offline', 'notReady', 'ready', 'wrapUp'];

/**
 * The agent state is telephony's truth; the call events may have been missed (a socket that
 * dropped and came back). An agent who is between calls has no ringing or live call: a ringing
 * call becomes a missed one, a live call becomes ended (its end reason arrives later, if at all).
 */
function reconcile(state: DeskState): DeskState {
  const { agent, call } = state;
  if (!agent || !call || !BETWEEN_CALLS.includes(agent.state)) return state;
  if (call.phase === 'ringing') return { ...state, call: null, notice: 'callMissed' };
  if (call.phase === 'connected') return { ...state, call: { ...call, phase: 'ended', endedAt: agent.since } };
  return state;
}

/** The pop to show: the chosen company's own when fetched, else the one offered with the call. */
export function displayPop(call: CallOnDesk): CallerPop {
  return call.refinedPop ?? call.offer.pop;
}

/** The company currently chosen for the call on desk, if any. */
export function selectedCompany(call: CallOnDesk | null) {
  if (!call?.selectedCompanyId) return null;
  return call.offer.pop.companies.find((c) => c.id === call.selectedCompanyId) ?? null;
}
