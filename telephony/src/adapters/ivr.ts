/**
 * The IVR as telephony drives it: the pure runner of `@cc1357/ivr-flows` behind a small port,
 * so the call logic does not depend on how flows are loaded or compiled. The event, effect and
 * outcome types are the runner's own contract.
 */
import type { IvrEffect, IvrEvent, IvrStartContext } from '@cc1357/ivr-flows';

export type { IvrEffect, IvrEvent, IvrOutcome, PromptRef } from '@cc1357/ivr-flows';
/** Prompts played outside any flow (telephony's apologies) come from the same catalogue. */
export { type PlatformPromptId, promptMedia } from '@cc1357/ivr-flows';

export interface IvrStep {
  state: unknown;
  effects: IvrEffect[];
}

export interface IvrEngine {
  start(ctx: IvrStartContext, now: Date): IvrStep;
  step(state: unknown, event: IvrEvent, now: Date): IvrStep;
}
