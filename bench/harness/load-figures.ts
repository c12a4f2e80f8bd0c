/**
 * The `real-asterisk` ramp's verdicts, pure: what one step of SIPp callers did according to
 * telephony's own call events (as crm-api stored them), and the figures of the whole ramp.
 * A call is on its path when it has call.arrived → queue.entered → agent.offered →
 * call.connected → call.ended, in that order, and its caller's script met no error.
 */

export const LOAD_PATH = ['call.arrived', 'queue.entered', 'agent.offered', 'call.connected', 'call.ended'] as const;

export interface CallTrace {
  /** Telephony's call id (null: telephony never had the call). */
  callId: string | null;
  /** What went wrong for the caller's script (SIPp, IVR, no agent), or null. */
  error: string | null;
  /** The call's events, any order (ms since epoch). */
  events: { type: string; at: number }[];
}

export interface StepVerdict {
  offeredCps: number;
  placed: number;
  /** Placed calls over the seconds between the first and the last call.arrived (0 with fewer than 2). */
  achievedCps: number;
  onPath: number;
  setupMs: number[];
  sustained: boolean;
  /** Why the step was not sustained (the first few reasons). */
  why: string[];
}

const firstAt = (t: CallTrace, type: string) =>
  t.events.filter((e) => e.type === type).reduce<number | null>((m, e) => (m === null || e.at < m ? e.at : m), null);

/** Null when the call is on its path, else why not. */
export function offPath(t: CallTrace): string | null {
  if (t.error) return t.error;
  let previous = -Infinity;
  for (const type of LOAD_PATH) {
    const at = firstAt(t, type);
    if (at === null) return `${t.callId}: no ${type}`;
    if (at < previous) return `${t.callId}: ${type} out of order`;
    previous = at;
  }
  return null;
}

/** queue.entered → call.connected, the control plane's setup (bench/scenarios/control-plane.ts). */
export function setupMs(t: CallTrace): number | null {
  const queued = firstAt(t, 'queue.entered');
  const connected = firstAt(t, 'call.connected');
  return queued === null || connected === null ? null : connected - queued;
}

export function judgeStep(offeredCps: number, traces: readonly CallTrace[]): StepVerdict {
  const why = traces.map(offPath).filter((w): w is string => w !== null);
  const arrivals = traces
    .map((t) => firstAt(t, 'call.arrived'))
    .filter((a): a is number => a !== null)
    .sort((a, b) => a - b);
  const span = arrivals.length >= 2 ? (arrivals.at(-1)! - arrivals[0]!) / 1000 : 0;
  const achievedCps = span > 0 ? Math.round(((arrivals.length - 1) / span) * 100) / 100 : 0;
  const setup = traces.filter((t) => offPath(t) === null).map((t) => setupMs(t)!);
  const placedTooSlowly = traces.length >= 2 && achievedCps < offeredCps * 0.8;
  return {
    offeredCps,
    placed: traces.length,
    achievedCps,
    onPath: traces.length - why.length,
    setupMs: setup,
    sustained: traces.length > 0 && why.length === 0 && !placedTooSlowly,
    why: [...why.slice(0, 5), ...(placedTooSlowly ? [`placed only ${achievedCps}/s`] : [])],
  };
}

/** Most calls up at once (call.arrived … call.ended) among on-path calls. */
export function maxConcurrent(traces: readonly CallTrace[]): number {
  const edges: [number, number][] = [];
  for (const t of traces) {
    if (offPath(t) !== null) continue;
    edges.push([firstAt(t, 'call.arrived')!, 1], [firstAt(t, 'call.ended')!, -1]);
  }
  // An end and a start at the same ms: the end first (the calls did not overlap).
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let up = 0;
  let max = 0;
  for (const [, d] of edges) max = Math.max(max, (up += d));
  return max;
}
