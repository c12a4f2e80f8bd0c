import { parseCallRecordingName, type CallEventV1 } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { LiveCall } from '../../core/call';
import type { CallEventOutbox, NewCallEvent } from '../../adapters/crm/outbox';
import type { LiveState } from '../../adapters/redis/live-state';
import type { Scheduler } from '../../clock/scheduler';
import type { EffectHandlers } from './effects';

export interface CallRecordsDeps {
  outbox: CallEventOutbox;
  state: LiveState;
  scheduler: Scheduler;
  log: Logger;
}

/** The call's history for crm-api: every call event goes through the outbox from here. */
export class CallRecords {
  constructor(private readonly deps: CallRecordsDeps) {}

  async record(
    call: LiveCall,
    type: CallEventV1['type'],
    data: Record<string, unknown>,
    agentId?: string | null,
  ): Promise<void> {
    await this.deps.outbox.record(this.eventOf(call, type, data, agentId));
  }

  /**
   * A new call and its `call.arrived`, in one Redis step: a process killed between the two
   * writes left a live call without its arrival (the bench's SIGKILL drill lost one so), or, the
   * other way round, an arrival whose call nobody would ever end.
   */
  async saveArrived(call: LiveCall): Promise<void> {
    const done: (() => unknown)[] = [];
    await this.deps.state.saveCall(call, (multi) => {
      done.push(this.deps.outbox.recordIn(multi, this.eventOf(call, 'call.arrived', {})));
    });
    for (const recorded of done) recorded();
  }

  private eventOf(
    call: LiveCall,
    type: CallEventV1['type'],
    data: Record<string, unknown>,
    agentId?: string | null,
  ): NewCallEvent {
    return {
      callId: call.callId,
      type,
      at: this.deps.scheduler.now().toISOString(),
      queue: call.queue,
      agentId: agentId ?? call.agentId,
      callerNumber: call.callerNumber,
      data,
    };
  }

  /** An IVR step of a call still known (a step after the call ended is dropped). */
  async ivrStep(callId: string, data: Record<string, unknown>): Promise<void> {
    const call = await this.deps.state.getCall(callId);
    if (call)
      await this.record(call, 'ivr.step', data).catch((err: unknown) =>
        this.deps.log.error({ err: String(err) }, 'could not record ivr.step'),
      );
  }

  /** Asterisk finished (or failed) a recording named `cc/<day>/<callId>`; the call may be long gone. */
  recordingFinished(recording: {
    name: string;
    state: string;
    duration?: number | undefined;
    cause?: string | undefined;
  }): void {
    // Every conversation of a transferred call has its own recording, all of the one call.
    const callId = parseCallRecordingName(recording.name)?.callId;
    if (!callId) return;
    void this.deps.outbox
      .record({
        callId,
        type: 'recording.finished',
        at: this.deps.scheduler.now().toISOString(),
        data: {
          name: recording.name,
          state: recording.state,
          durationSeconds: recording.duration ?? null,
          cause: recording.cause ?? null,
        },
      })
      .catch((err: unknown) => this.deps.log.error({ err: String(err) }, 'could not record recording.finished'));
  }

  handlers(): Pick<EffectHandlers, 'callEvent'> {
    return {
      callEvent: (effect, { before, call }) =>
        this.record(
          call,
          effect.eventType,
          withPlace(effect.eventType, effect.data, call),
          before.agentId ?? call.agentId,
        ),
    };
  }
}

/**
 * `queue.entered` carries the caller's place as the queue holds it (`data.enqueuedAt`, the time the
 * queue is ordered by). Only the saved call knows it: the queue may have moved a new place behind a
 * later stamp (`takePlace`), and an overflow keeps the place the caller already had.
 */
function withPlace(type: CallEventV1['type'], data: Record<string, unknown>, call: LiveCall): Record<string, unknown> {
  return type === 'queue.entered' && call.enqueuedAt ? { ...data, enqueuedAt: call.enqueuedAt } : data;
}
