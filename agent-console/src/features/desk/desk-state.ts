import type {
  AgentSnapshot,
  CallerPop,
  CallConnectedV1,
  CallControlsV1,
  CallEndedV1,
  CallMonitoredV1,
  CallOfferedV1,
  CallPopV1,
  CommandAck,
  CommandErrorV1,
  MonitorMode,
  CallConsultV1,
  TransferTargetsV1,
} from '@cc1357/contracts';

/**
 * The counselor's desk as the console knows it: the agent's state (owned by telephony, we
 * only mirror it), the call on screen and the command in flight. A pure reducer so every
 * transition is a row in a table test.
 */

export type CallPhase = 'ringing' | 'connected' | 'ended';
export type DeskCommand =
  | 'agent.ready.v1'
  | 'agent.notReady.v1'
  | 'call.answer.v1'
  | 'call.hangup.v1'
  | 'call.hold.v1'
  | 'call.mute.v1'
  | 'call.recordingPause.v1'
  | 'call.transfer.v1'
  | 'call.consult.v1'
  | 'call.relay.v1';

/** The transfer dialog of the connected call: open while present; `targets` once telephony answered. */
export interface TransferOnDesk {
  callId: string;
  targets: TransferTargetsV1 | null;
}

/** Hold and mute of the live call, as telephony last reported them (`call.controls.v1`). */
export type CallControls = Omit<CallControlsV1, 'callId'>;
const NO_CONTROLS: CallControls = { heldSince: null, heldSeconds: 0, muted: false };

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
  /** The call's write-up: `open` until the first save; an open one holds wrap-up (features/wrap-up). */
  writeUp: 'open' | 'saved';
  controls: CallControls;
  /** A supervisor listens / whispers / barges (shown only when the center's setting tells counselors). */
  monitoredBy?: MonitorMode | null;
}

export interface DeskState {
  agent: AgentSnapshot | null;
  call: CallOnDesk | null;
  pending: DeskCommand | null;
  error: CommandErrorV1 | null;
  /**
   * A one-line notice for the counselor about a call that stopped ringing: `ringUnanswered` = it
   * rang out on this desk (telephony made the agent Not ready), `callerLeft` = the caller hung up first.
   */
  notice: DeskNotice | null;
  /** The transfer dialog (absent or null when closed). */
  transfer?: TransferOnDesk | null;
  /** The consult of an attended transfer of the call on desk, as telephony last reported it. */
  consult?: CallConsultV1 | null;
  /** Why the last consult ended without a transfer (a partner that did not answer…): the counselor is told. */
  consultEnded?: CallConsultV1['ended'] | null;
}

export type DeskNotice = 'ringUnanswered' | 'callerLeft';

export type DeskEvent =
  | { type: 'agentState'; agent: AgentSnapshot }
  | { type: 'callOffered'; offer: CallOfferedV1 }
  | { type: 'callConnected'; connected: CallConnectedV1 }
  | { type: 'callEnded'; ended: CallEndedV1 }
  | { type: 'callControls'; controls: CallControlsV1 }
  | { type: 'callPop'; pop: CallPopV1 }
  | { type: 'callMonitored'; monitored: CallMonitoredV1 }
  | { type: 'companySelected'; companyId: string }
  | { type: 'popRefined'; callId: string; companyId: string; pop: CallerPop }
  | { type: 'commandStarted'; command: DeskCommand }
  | { type: 'commandFinished'; command: DeskCommand; ack: CommandAck }
  | { type: 'commandError'; error: CommandErrorV1 }
  | { type: 'writeUpSaved'; callId: string }
  | { type: 'callDismissed' }
  | { type: 'errorDismissed' }
  | { type: 'transferOpened'; callId: string }
  | { type: 'transferTargets'; targets: TransferTargetsV1 }
  | { type: 'transferClosed' }
  | { type: 'callConsult'; consult: CallConsultV1 };

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
        transfer: null,
        call: {
          offer: event.offer,
          phase: 'ringing',
          connectedAt: null,
          endedAt: null,
          endReason: null,
          wrapUpUntil: null,
          selectedCompanyId: only,
          refinedPop: null,
          writeUp: 'open',
          controls: NO_CONTROLS,
        },
      };
    }
    case 'callConnected':
      if (state.call?.offer.callId !== event.connected.callId) return state;
      return { ...state, call: { ...state.call, phase: 'connected', connectedAt: event.connected.connectedAt } };
    case 'callEnded': {
      const call = state.call;
      if (call?.offer.callId !== event.ended.callId) return state;
      // A call that never connected leaves nothing to write up: clear it and say why.
      if (call.phase === 'ringing')
        return {
          ...state,
          call: null,
          notice: event.ended.reason === 'callerHangup' ? 'callerLeft' : 'ringUnanswered',
        };
      const endedAt = Date.parse(event.ended.endedAt);
      const wrapUpUntil =
        event.ended.wrapUpSeconds > 0 && !Number.isNaN(endedAt)
          ? new Date(endedAt + event.ended.wrapUpSeconds * 1000).toISOString()
          : null;
      return {
        ...state,
        transfer: null,
        consult: null,
        consultEnded: null,
        call: {
          ...call,
          phase: 'ended',
          endedAt: event.ended.endedAt,
          endReason: event.ended.reason,
          wrapUpUntil,
          // The caller is gone: no hold timer runs on, nothing stays muted.
          controls: { ...NO_CONTROLS, heldSeconds: heldSecondsAt(call.controls, event.ended.endedAt) },
        },
      };
    }
    case 'callPop': {
      // The pop of an offer that went out pending (crm-api was slow): it replaces the pending
      // one only; a pop the counselor already has, or another call's, is left alone.
      const call = state.call;
      if (call?.offer.callId !== event.pop.callId || call.offer.pop.status !== 'pending') return state;
      const { pop } = event.pop;
      const only = pop.status === 'known' && pop.companies.length === 1 ? pop.companies[0]!.id : null;
      return { ...state, call: { ...call, offer: { ...call.offer, pop }, selectedCompanyId: only } };
    }
    case 'callControls': {
      const call = state.call;
      if (call?.offer.callId !== event.controls.callId || call.phase !== 'connected') return state;
      const { callId: _callId, ...controls } = event.controls;
      return { ...state, call: { ...call, controls } };
    }
    case 'callMonitored': {
      const call = state.call;
      if (call?.offer.callId !== event.monitored.callId) return state;
      const monitoredBy = event.monitored.monitored && call.phase === 'connected' ? event.monitored.mode : null;
      return { ...state, call: { ...call, monitoredBy } };
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
        // A transfer telephony accepted closes its dialog; a refused one stays open with the error.
        transfer: event.command === 'call.transfer.v1' && event.ack.ok ? null : state.transfer,
        pending: state.pending === event.command ? null : state.pending,
        error: event.ack.ok ? state.error : event.ack.error,
      };
    case 'commandError':
      // A hold that arrives after wrap-up already ended is moot (the agent state says so), not an error.
      if (event.error.command === 'agent.wrapUp.hold.v1' && event.error.code === 'INVALID_STATE') return state;
      return { ...state, error: event.error };
    case 'writeUpSaved':
      if (state.call?.offer.callId !== event.callId || state.call.writeUp === 'saved') return state;
      return { ...state, call: { ...state.call, writeUp: 'saved' } };
    case 'callDismissed':
      return { ...state, call: null, notice: null };
    case 'errorDismissed':
      return { ...state, error: null };
    case 'transferOpened':
      if (state.call?.offer.callId !== event.callId || state.call.phase !== 'connected') return state;
      return { ...state, error: null, transfer: { callId: event.callId, targets: null } };
    case 'transferTargets':
      if (state.transfer?.callId !== event.targets.callId) return state;
      return { ...state, transfer: { ...state.transfer, targets: event.targets } };
    case 'transferClosed':
      return { ...state, transfer: null };
    case 'callConsult':
      if (state.call?.offer.callId !== event.consult.callId) return state;
      return {
        ...state,
        consult: event.consult.consult ? event.consult : null,
        consultEnded: event.consult.consult ? null : (event.consult.ended ?? null),
      };
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
  // Released to Ready = the caller left first; anything else (Not ready) = it rang out here.
  if (call.phase === 'ringing')
    return { ...state, call: null, notice: agent.state === 'ready' ? 'callerLeft' : 'ringUnanswered' };
  if (call.phase === 'connected') return { ...state, call: { ...call, phase: 'ended', endedAt: agent.since } };
  return state;
}

/** Seconds on hold up to `at` (the running hold included). */
export function heldSecondsAt(controls: CallControls, at: string | number): number {
  const end = typeof at === 'number' ? at : Date.parse(at);
  const running = controls.heldSince ? Math.max(0, (end - Date.parse(controls.heldSince)) / 1000) : 0;
  return controls.heldSeconds + (Number.isNaN(running) ? 0 : running);
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
