/**
 * The IVR as telephony drives it: the pure runner of `@cc1357/ivr-flows` behind a small port,
 * so the call logic does not depend on how flows are loaded or compiled. The event, effect and
 * outcome types are the runner's own contract.
 */
import type { IvrFlowSetV1 } from '@cc1357/contracts';
import type { IvrEffect, IvrEvent, IvrStartContext, IvrState } from '@cc1357/ivr-flows';

export type {
  FactKey,
  IvrEffect,
  IvrEvent,
  IvrOutcome,
  IvrRequest,
  IvrRequestResult,
  IvrState,
  PromptRef,
} from '@cc1357/ivr-flows';
/** Prompts played outside any flow (telephony's apologies) come from the same catalogue. */
export { type PlatformPromptId, promptMedia } from '@cc1357/ivr-flows';

export interface IvrStep {
  state: IvrState;
  effects: IvrEffect[];
}

/** What admins see of the flows: the set in force and the problems of a rejected edit. */
export interface FlowSetSource {
  flowSet(): IvrFlowSetV1;
  /** Called after every reload or rejection; returns an unsubscribe function. */
  onFlowSet(listener: (view: IvrFlowSetV1) => void): () => void;
}

/** Everything telephony uses of an IVR engine: the runner, the flow set it runs, and its end. */
export interface IvrEngine extends FlowSetSource {
  start(ctx: IvrStartContext, now: Date): IvrStep;
  /** Steps a call with the flow version it started with. */
  step(state: IvrState, event: IvrEvent, now: Date): IvrStep;
  /** Stops watching the flow files. */
  close(): void;
}
