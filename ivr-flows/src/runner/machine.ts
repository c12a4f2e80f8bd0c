import type { IvrEffect, IvrEvent, IvrStartContext } from './contract';
import type { CompiledFlow, IvrState, VarValue } from './types';
import { Runtime } from './runtime';
import { unitOf } from '../nodes/registry';
import { isDtmf } from '../schema/common';

export interface IvrStep {
  state: IvrState;
  effects: IvrEffect[];
}

function cleanVars(vars: unknown): Record<string, VarValue> {
  const out: Record<string, VarValue> = {};
  if (!vars || typeof vars !== 'object') return out;
  for (const [k, v] of Object.entries(vars)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/** Any bug in a node ends the call politely instead of throwing into the driver. */
function guarded(flow: CompiledFlow, state: IvrState, now: Date, run: (rt: Runtime) => void): IvrStep {
  const rt = new Runtime(flow, structuredClone(state), now);
  try {
    run(rt);
    return { state: rt.state, effects: rt.effects };
  } catch {
    const failed = new Runtime(flow, structuredClone(state), now);
    failed.finish({ kind: 'hangup', reason: 'ivr-error' });
    return { state: failed.state, effects: failed.effects };
  }
}

/** Starts the IVR for one call at the entry flow's entry node. */
export function startIvr(flow: CompiledFlow, ctx: IvrStartContext, now: Date): IvrStep {
  const entry = flow.flows[flow.entryFlow];
  const state: IvrState = {
    v: 1,
    callId: String(ctx?.callId ?? 'call'),
    callerNumber: typeof ctx?.callerNumber === 'string' && ctx.callerNumber !== '' ? ctx.callerNumber : null,
    flowVersion: flow.version,
    done: false,
    at: { flow: flow.entryFlow, node: entry?.entry ?? '' },
    stack: [],
    menus: [],
    waiting: null,
    playId: null,
    timerId: null,
    fact: null,
    requestId: null,
    attempts: 0,
    digits: '',
    seq: 0,
    vars: cleanVars(ctx?.vars),
    path: [],
  };
  return guarded(flow, state, now, (rt) => rt.enterCurrent(null));
}

/**
 * Feeds one event to the runner. Total: an event that does not fit the current state (a stale
 * playId, a digit after the end, garbage) is ignored with no effects.
 */
export function stepIvr(flow: CompiledFlow, state: IvrState, event: IvrEvent, now: Date): IvrStep {
  const ignore: IvrStep = { state, effects: [] };
  if (!state || state.done || !event || typeof event !== 'object') return ignore;
  const node = flow.flows[state.at?.flow]?.nodes[state.at?.node];
  const unit = node ? unitOf(node.type) : undefined;
  if (!node || !unit) {
    // The state points into another flow version (or was tampered with): waiting for an event
    // that can never come would strand the caller, so end the IVR and let the driver route.
    if (typeof state.at !== 'object' || state.at === null) return ignore;
    return guarded(flow, state, now, (rt) => rt.finish({ kind: 'hangup', reason: 'flow-error' }));
  }
  const n = node;

  switch (event.type) {
    case 'promptFinished':
      if (state.waiting !== 'prompt' || event.playId !== state.playId) return ignore;
      return guarded(flow, state, now, (rt) => {
        rt.state.playId = null;
        rt.state.waiting = null;
        unit.onPromptFinished?.(rt, n);
      });
    case 'digit':
      if (!isDtmf(event.digit) || (state.waiting !== 'prompt' && state.waiting !== 'input') || !unit.onDigit)
        return ignore;
      return guarded(flow, state, now, (rt) => unit.onDigit?.(rt, n, event.digit));
    case 'timer':
      if (event.timerId !== state.timerId || !unit.onTimer) return ignore;
      return guarded(flow, state, now, (rt) => {
        rt.state.timerId = null;
        unit.onTimer?.(rt, n);
      });
    case 'fact':
      if (state.waiting !== 'fact' || !state.fact || event.key !== state.fact.key || !unit.onFact) return ignore;
      if (event.queue !== undefined && state.fact.queue !== undefined && event.queue !== state.fact.queue)
        return ignore;
      return guarded(flow, state, now, (rt) => {
        rt.cancelTimer();
        rt.state.waiting = null;
        rt.state.fact = null;
        unit.onFact?.(rt, n, event.key, event.value);
      });
    case 'requestDone':
      if (state.waiting !== 'request' || event.requestId !== state.requestId || !unit.onRequestDone) return ignore;
      return guarded(flow, state, now, (rt) => {
        rt.state.waiting = null;
        rt.state.requestId = null;
        unit.onRequestDone?.(rt, n, event.result);
      });
    default:
      return ignore;
  }
}
