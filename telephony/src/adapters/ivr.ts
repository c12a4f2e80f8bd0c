/**
 * The IVR as telephony drives it: the pure runner of `@cc1357/ivr-flows` behind a small port.
 * The types mirror ivr-flows' runner contract (structurally compatible), so the call logic
 * does not depend on how flows are loaded or compiled.
 */
export interface PromptRef {
  id: string;
  text: string;
  media: string;
}

export type IvrEvent =
  | { type: 'promptFinished'; playId: string }
  | { type: 'digit'; digit: string }
  | { type: 'timer'; timerId: string }
  | { type: 'fact'; key: 'callerKnown' | 'estimatedWaitSeconds'; value: unknown; queue?: string };

export type IvrOutcome =
  | { kind: 'queue'; queue: string; priority: number }
  | { kind: 'transfer'; partner: string }
  | { kind: 'callback'; queue: string | null; number: string | null }
  | { kind: 'sms'; topic: string; number: string | null }
  | { kind: 'hangup'; reason: string };

export type IvrEffect =
  | { type: 'play'; playId: string; prompts: PromptRef[]; bargeIn: boolean }
  | { type: 'stopPlay'; playId: string }
  | { type: 'startTimer'; timerId: string; ms: number }
  | { type: 'cancelTimer'; timerId: string }
  | { type: 'query'; key: 'callerKnown' | 'estimatedWaitSeconds'; queue?: string }
  | { type: 'step'; nodeId: string; nodeType: string; detail: Record<string, unknown> }
  | { type: 'finish'; outcome: IvrOutcome; path: string[] };

export interface IvrStep {
  state: unknown;
  effects: IvrEffect[];
}

export interface IvrEngine {
  start(ctx: { callId: string; callerNumber: string | null; vars?: Record<string, string | number | boolean> }, now: Date): IvrStep;
  step(state: unknown, event: IvrEvent, now: Date): IvrStep;
}
