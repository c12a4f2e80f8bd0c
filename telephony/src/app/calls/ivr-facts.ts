import { QueueId, queueById } from '@cc1357/contracts';
import type { FactKey } from '../../adapters/ivr';
import type { LiveState } from '../../adapters/redis/live-state';
import { type AdmissionDecision, type AdmissionLimits, admission } from '../../core/admission';
import { estimateWaitSeconds, staffingOf } from '../../core/wait-estimate';
import type { AgentFloor } from './agent-floor';
import type { CallerPops } from './caller-pops';
import type { HandleTimes } from './handle-times';

/** What a queue that admits no more callers answers as its wait (seconds): longer than any flow's threshold. */
export const REFUSED_WAIT_SECONDS = 3600;
/** The old flat estimate, for a queue nobody staffs yet: a minute per caller ahead. */
const UNSTAFFED_SECONDS_PER_CALLER = 60;

export interface IvrFactsDeps {
  state: LiveState;
  pops: CallerPops;
  /** The agent floor (this process's copy, shared with the ACD). */
  floor: AgentFloor;
  handleTimes: HandleTimes;
  /** Limits above which a new caller is not queued (none = every caller is). */
  admission?: AdmissionLimits;
  /** Callers of a queue on virtual hold: they keep their places in its line (none = not counted). */
  ticketsWaiting?(queue: QueueId): Promise<number>;
}

/** A queue's figures for a caller about to join it. */
export interface QueueOutlook {
  waiting: number;
  estimatedWaitSeconds: number;
  decision: AdmissionDecision;
}

/** Answers the facts a flow asks about (`query` effects): whether the caller is known, how long the wait is. */
export class IvrFacts {
  constructor(private readonly deps: IvrFactsDeps) {}

  async fact(callId: string, key: FactKey, queue?: string): Promise<unknown> {
    const { state, pops } = this.deps;
    if (key === 'callerKnown') {
      const call = await state.getCall(callId);
      return call ? (await pops.of(call)).status === 'known' : false;
    }
    const q = QueueId.safeParse(queue);
    if (!q.success) return 0;
    const outlook = await this.outlook(q.data);
    // A queue that admits no more callers answers a wait longer than any threshold: a refused
    // caller would never be queued, so every flow's `waitAbove` offers its overflow menu (a
    // callback) before the caller reaches the queue's door.
    return outlook.decision.admit ? outlook.estimatedWaitSeconds : REFUSED_WAIT_SECONDS;
  }

  /**
   * The wait of a caller of `queue` with `ahead` callers before them (a new caller: all who wait;
   * a queued caller's announcement: those ahead of them): Ready and working agents with the
   * queue's skill and the average handle time, through core/wait-estimate.
   */
  async waitFor(queue: QueueId, ahead: number): Promise<number> {
    const { floor, handleTimes } = this.deps;
    const staffing = staffingOf(
      (await floor.current()).map((a) => a.value),
      queueById(queue).skill,
    );
    return estimateWaitSeconds({
      ahead,
      staffing,
      handleSeconds: handleTimes.secondsOf(queue),
      unstaffedSecondsPerCaller: UNSTAFFED_SECONDS_PER_CALLER,
    });
  }

  /**
   * The wait a caller joining `queue` now can expect (see core/wait-estimate) and whether they are
   * admitted: callers ahead (on the line and on virtual hold), Ready and working agents with the queue's skill, the average handle time.
   */
  async outlook(queue: QueueId): Promise<QueueOutlook> {
    // Callers on virtual hold are served in their turn, before a caller joining now.
    const [onLine, held] = await Promise.all([
      this.deps.state.queueLength(queue),
      this.deps.ticketsWaiting?.(queue) ?? 0,
    ]);
    const waiting = onLine + held;
    const estimatedWaitSeconds = await this.waitFor(queue, waiting);
    return {
      waiting,
      estimatedWaitSeconds,
      decision: admission({ waiting, estimatedWaitSeconds }, this.deps.admission ?? {}),
    };
  }
}
