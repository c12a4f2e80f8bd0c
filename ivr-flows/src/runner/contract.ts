/**
 * The contract between the pure IVR runner and whoever drives it (telephony over ARI, the
 * simulator CLI, tests). The runner never does I/O and never reads the clock: it maps
 * `(state, event, now) → (state, effects)`. The driver performs the effects and feeds what
 * happened back in as events.
 *
 * State is plain JSON so telephony can keep it in Redis and a restarted process can resume.
 */
import type { PartnerId, QueueId } from '@cc1357/contracts';

/** One prompt to play: its id in the prompt catalogue, its Korean text and a playable media URI. */
export interface PromptRef {
  id: string;
  text: string;
  /** What Asterisk plays, e.g. `sound:cc1357/ko/notice` (no extension). */
  media: string;
  /**
   * How long the prompt plays: the real WAV length when audio was generated, otherwise an
   * estimate from the text (so pbx-sim can time playbacks without audio). Added later; optional.
   */
  durationMs?: number;
}

/** Facts the runner cannot know by itself; it asks with a `query` effect. */
export type FactKey = 'callerKnown' | 'estimatedWaitSeconds';

/** What a callback / SMS node asks the driver to get done (crm-api, for telephony). */
export type IvrRequest =
  | { kind: 'callback'; queue: QueueId | null; number: string | null }
  | { kind: 'sms'; topic: string; number: string | null };

/**
 * How a request ended: taken (`ok`, or `duplicate` when one was already open — the caller hears
 * the same confirmation) or refused, with the reason the apology names.
 */
export type IvrRequestResult = 'ok' | 'duplicate' | 'optedOut' | 'notMobile' | 'failed';

export type IvrEvent =
  /** All prompts of a `play` effect finished (or failed: the caller still moves on). */
  | { type: 'promptFinished'; playId: string }
  | { type: 'digit'; digit: string }
  | { type: 'timer'; timerId: string }
  | { type: 'fact'; key: FactKey; value: unknown; queue?: QueueId }
  /** The driver's answer to a `request` effect. */
  | { type: 'requestDone'; requestId: string; result: IvrRequestResult };

export type IvrOutcome =
  | { kind: 'queue'; queue: QueueId; priority: number }
  | { kind: 'transfer'; partner: PartnerId }
  | { kind: 'callback'; queue: QueueId | null; number: string | null }
  | { kind: 'sms'; topic: string; number: string | null }
  | { kind: 'hangup'; reason: string };

export type IvrEffect =
  /** Play these prompts in order under one `playId`; `bargeIn` = a digit may cut them short. */
  | { type: 'play'; playId: string; prompts: PromptRef[]; bargeIn: boolean }
  /** Stop the prompts of `playId` (barge-in). */
  | { type: 'stopPlay'; playId: string }
  | { type: 'startTimer'; timerId: string; ms: number }
  | { type: 'cancelTimer'; timerId: string }
  /** Ask the driver for a fact; the answer comes back as a `fact` event. */
  | { type: 'query'; key: FactKey; queue?: QueueId }
  /**
   * Ask the driver to carry out a request; the answer comes back as a `requestDone` event, after
   * which the node plays `confirmation` (taken) or an apology (refused) and finishes. The
   * confirmation is listed here too so a driver can report what the node plays.
   */
  | { type: 'request'; requestId: string; request: IvrRequest; confirmation: PromptRef[] }
  /** A step worth recording as a call event (reports show where callers drop out). */
  | { type: 'step'; nodeId: string; nodeType: string; detail: Record<string, unknown> }
  /**
   * The IVR is over; the driver carries out the outcome. `vars` (added later, optional for
   * drivers) holds what the caller chose or typed on the way, e.g. `topic: 예비창업` for the pop.
   */
  | { type: 'finish'; outcome: IvrOutcome; path: string[]; vars?: Record<string, string | number | boolean> };

export interface IvrStartContext {
  callId: string;
  callerNumber: string | null;
  /** Initial variables (e.g. values the CRM prefetch already knows). */
  vars?: Record<string, string | number | boolean>;
}
