import type { IvrEngine, IvrState, IvrStep } from '../../src/adapters/ivr';
import type { Scheduler } from '../../src/clock/scheduler';
import { systemScheduler } from '../../src/clock/scheduler';

/**
 * Watches the real IVR runner (no behaviour changed) so a test can type digit groups exactly
 * where `ivr simulate` types them: at each new point where the IVR waits for input — or, for
 * barge-in scenarios, as soon as a barge-in prompt starts — once every digit typed so far has
 * reached the runner.
 */
export interface IvrTrack {
  callerNumber: string | null;
  bargeIn: boolean;
  pressed: number;
  fed: number;
  opportunities: number;
  /** A new input point was reached after every typed digit got through; the test clears it when it types. */
  ready: boolean;
  lastWaiting: string | null;
  lastNode: string | null;
}

export class IvrSpy implements IvrEngine {
  readonly tracks = new Map<string, IvrTrack>();
  /** Caller numbers whose scenario types during barge-in prompts. */
  readonly bargeInCallers = new Set<string>();

  constructor(private readonly inner: IvrEngine) {}

  start(ctx: Parameters<IvrEngine['start']>[0], now: Date): IvrStep {
    const track: IvrTrack = {
      callerNumber: ctx.callerNumber,
      bargeIn: !!ctx.callerNumber && this.bargeInCallers.has(ctx.callerNumber),
      pressed: 0,
      fed: 0,
      opportunities: 0,
      ready: false,
      lastWaiting: null,
      lastNode: null,
    };
    this.tracks.set(ctx.callId, track);
    const step = this.inner.start(ctx, now);
    this.observe(track, step);
    return step;
  }

  step(state: IvrState, event: Parameters<IvrEngine['step']>[1], now: Date): IvrStep {
    const track = this.tracks.get(state.callId);
    if (track && event.type === 'digit') track.fed++;
    const step = this.inner.step(state, event, now);
    if (track) this.observe(track, step);
    return step;
  }

  flowSet(): ReturnType<IvrEngine['flowSet']> {
    return this.inner.flowSet();
  }

  onFlowSet(listener: Parameters<IvrEngine['onFlowSet']>[0]): () => void {
    return this.inner.onFlowSet(listener);
  }

  close(): void {
    this.inner.close();
  }

  private observe(track: IvrTrack, step: IvrStep): void {
    const state = step.state;
    if (track.fed >= track.pressed) {
      const bargeInPrompt = track.bargeIn && step.effects.some((e) => e.type === 'play' && e.bargeIn);
      const newInputWait =
        state.waiting === 'input' && !(track.lastWaiting === 'input' && track.lastNode === state.at.node);
      if (bargeInPrompt || newInputWait) {
        track.opportunities++;
        track.ready = true;
      }
    }
    track.lastWaiting = state.waiting;
    track.lastNode = state.at.node;
  }
}

/** A fast clock (like `fastScheduler`) whose date a test can move between phases. */
export function steerableScheduler(factor: number): Scheduler & { setNow(at: Date): void } {
  let base = Date.now();
  let realStart = Date.now();
  return {
    now: () => new Date(base + (Date.now() - realStart) / factor),
    setTimeout: (fn, ms) => systemScheduler.setTimeout(fn, ms * factor),
    clearTimeout: systemScheduler.clearTimeout,
    setNow(at) {
      base = at.getTime();
      realStart = Date.now();
    },
  };
}
