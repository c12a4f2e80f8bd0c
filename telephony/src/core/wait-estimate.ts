import type { AgentRecord } from './agent-state';

/**
 * How long a new caller of a queue will wait, pure. The estimate the IVR's `waitAbove` asks for
 * used to be a flat minute per caller ahead, so six callers ahead sent the next one to the
 * overflow menu while hundreds of agents were Ready. Here it depends on who staffs the queue and
 * how long its calls take:
 *
 *   Ready agents with the skill ≥ callers ahead + 1  →  0 (an agent is free for this caller)
 *   otherwise  →  (callers ahead + 1 − Ready) ÷ staffed agents × average handle time
 *   nobody staffs the queue  →  callers ahead × `unstaffedSecondsPerCaller` (the old flat rule:
 *     with no agent logged in yet there is no staffing to go by, and a caller alone should still
 *     be queued for the first agent of the morning rather than sent away)
 */

/** The average handle time of one queue: talk plus wrap-up, weighted towards recent calls. */
export interface HandleTime {
  seconds: number;
  samples: number;
}

/** Weight of the newest call in the moving average: about the last ten calls count. */
export const HANDLE_TIME_WEIGHT = 0.2;

/**
 * One more handled call. The first sample replaces the prior outright (a guess should not linger),
 * then each new call moves the average by `weight` of its difference. Negative or non-finite
 * observations are ignored (a clock step must not poison the average).
 */
export function observeHandleTime(
  previous: HandleTime | null,
  seconds: number,
  weight: number = HANDLE_TIME_WEIGHT,
): HandleTime | null {
  if (!Number.isFinite(seconds) || seconds < 0) return previous;
  if (!(weight > 0 && weight <= 1)) throw new RangeError(`handle-time weight must be in (0, 1], got ${weight}`);
  if (!previous || previous.samples === 0) return { seconds, samples: 1 };
  return { seconds: previous.seconds + weight * (seconds - previous.seconds), samples: previous.samples + 1 };
}

/** Who can take a queue's calls: Ready now, and working (will be Ready again after their call). */
export interface Staffing {
  ready: number;
  busy: number;
}

const WORKING: ReadonlySet<AgentRecord['state']> = new Set(['reserved', 'ringing', 'onCall', 'wrapUp']);

/** The staffing of the queue served by `skill`, from the agent floor. */
export function staffingOf(agents: Iterable<AgentRecord>, skill: string): Staffing {
  let ready = 0;
  let busy = 0;
  for (const agent of agents) {
    if (!agent.skills.includes(skill)) continue;
    if (agent.state === 'ready') ready++;
    else if (WORKING.has(agent.state)) busy++;
  }
  return { ready, busy };
}

export interface WaitInput {
  /** Callers already waiting in the queue (the new caller would be behind them). */
  ahead: number;
  staffing: Staffing;
  /** Average handle time of the queue's calls (seconds). */
  handleSeconds: number;
  /** Seconds per caller ahead when nobody staffs the queue. */
  unstaffedSecondsPerCaller: number;
}

/** Estimated wait in whole seconds for a caller joining the queue now. */
export function estimateWaitSeconds(input: WaitInput): number {
  const { ahead, staffing, handleSeconds, unstaffedSecondsPerCaller } = input;
  for (const [name, value] of Object.entries({ ahead, handleSeconds, unstaffedSecondsPerCaller, ...staffing })) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`wait estimate: ${name} must be ≥ 0, got ${value}`);
  }
  if (staffing.ready > ahead) return 0;
  const staffed = staffing.ready + staffing.busy;
  if (staffed === 0) return Math.round(ahead * unstaffedSecondsPerCaller);
  const mustWait = ahead + 1 - staffing.ready; // callers (this one included) waiting for a busy agent
  return Math.round((mustWait / staffed) * handleSeconds);
}
