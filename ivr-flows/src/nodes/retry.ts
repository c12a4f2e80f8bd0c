import type { Runtime } from '../runner/runtime';

/** What menu and collect share: a number of tries, then a node to fall back to (or a hang-up). */
export interface RetryingInput {
  prompts: string[];
  retries: number;
  invalidPrompts?: string[] | undefined;
  timeoutPrompts?: string[] | undefined;
  onFail?: string | undefined;
}

/**
 * One failed try (a wrong key or silence): counts it, gives up to `onFail` — or hangs up with
 * `giveUpReason` — once the tries are spent, otherwise re-prompts with the invalid or timeout
 * prompts (timeout falls back to the invalid ones) followed by the node's own prompts.
 */
export function retryOrGiveUp(
  rt: Runtime,
  n: RetryingInput,
  kind: 'invalid' | 'timeout',
  what: string,
  giveUpReason: string,
  reprompt: (ids: string[]) => void,
): void {
  rt.clearWaits();
  rt.state.attempts += 1;
  if (rt.state.attempts > n.retries) {
    if (n.onFail) return rt.goto(n.onFail, `${what}, retries exhausted`);
    return rt.finish({ kind: 'hangup', reason: giveUpReason });
  }
  const extra = kind === 'invalid' ? n.invalidPrompts : (n.timeoutPrompts ?? n.invalidPrompts);
  reprompt([...(extra ?? []), ...n.prompts]);
}
