import { randomUUID } from 'node:crypto';
import { seoulDate } from '@cc1357/contracts';
import type { Logger } from 'pino';
import { newCall } from '../../core/call';
import { isNotFound } from '../../adapters/ari/errors';
import type { AriPort } from '../../adapters/ari/port';
import type { ConsoleBus } from '../../adapters/console/bus';
import type { LiveState } from '../../adapters/redis/live-state';
import type { Scheduler } from '../../clock/scheduler';
import type { CallChains } from './call-chains';
import type { CallRecords } from './call-records';
import type { CallerPops } from './caller-pops';
import type { CallMemory, EffectHandlers } from './effects';
import type { IvrDriver } from './ivr-driver';
import type { CallNotifier } from './notifier';

export interface CallIntakeDeps {
  node: string;
  ari: AriPort;
  state: LiveState;
  bus: ConsoleBus;
  chains: CallChains;
  records: CallRecords;
  pops: CallerPops;
  ivr: IvrDriver;
  notifier: CallNotifier;
  scheduler: Scheduler;
  log: Logger;
  /** Every unit that remembers calls in this process, told when a call is forgotten. */
  memories: CallMemory[];
  /** Refuses new callers while this process falls behind or above the arrival limit (app/door.ts). Absent: always open. */
  door?: { admit(): boolean; refused(): void };
}

/** A call's arrival on this node (answered, pop prefetched, IVR started) and its departure (forgotten everywhere). */
export class CallIntake {
  constructor(private readonly deps: CallIntakeDeps) {}

  async inbound(channelId: string, callerNumber: string | null): Promise<void> {
    const { records, scheduler } = this.deps;
    const callId = randomUUID();
    if (this.deps.door && !this.deps.door.admit()) return this.refuse(callId, channelId, callerNumber);
    await this.deps.chains.serial(callId, async () => {
      const call = newCall({ callId, node: this.deps.node, callerChannelId: channelId, callerNumber }, scheduler.now());
      const log = this.deps.log.child({ callId, channelId });
      log.info({ callerNumber }, `call ${callId} arrived`);
      // The call and its arrival in one step: never one without the other (CallRecords.saveArrived).
      await records.saveArrived(call);
      // Prefetch: the pop is ready long before an agent is.
      this.deps.pops.prefetch(callId, callerNumber);
      if (!(await this.answer(channelId, log))) return;
      await records.record(call, 'call.answered', {});
      await this.deps.ivr.start(callId, channelId, callerNumber);
    });
  }

  /**
   * The door is closed: the caller is let go before anything is spent on them (no answer, no
   * IVR, no live state), and their attempt is still recorded — arrived, then ended at the door —
   * and counted for the wallboard's day (a count that fails is logged; the refusal stands). The
   * wallboard is not woken per caller: while a door is closed it is built again every few
   * seconds anyway (app/floor.ts).
   */
  private async refuse(callId: string, channelId: string, callerNumber: string | null): Promise<void> {
    const { state, records, scheduler } = this.deps;
    const log = this.deps.log.child({ callId, channelId });
    log.warn(
      { callerNumber },
      `call ${callId} refused at the door (this process falls behind, or callers come faster than its limit)`,
    );
    this.deps.door?.refused();
    // Congestion (Q.850 34): the carrier gets 503 Service Unavailable, "overloaded, try again",
    // rather than the 603 Decline of a plain hang-up, which says the callee will not take calls.
    await this.deps.ari
      .hangup(channelId, 'congestion')
      .catch((err: unknown) => log.error({ err: String(err) }, 'hang-up of a refused caller failed'));
    await state
      .countDoorRefused(seoulDate(scheduler.now()))
      .catch((err: unknown) => log.error({ err: String(err) }, 'could not count a caller refused at the door'));
    const call = newCall({ callId, node: this.deps.node, callerChannelId: channelId, callerNumber }, scheduler.now());
    await records.record(call, 'call.arrived', {});
    await records.record(call, 'call.ended', { reason: 'refusedAtDoor', stage: 'door', talkSeconds: 0 });
  }

  /**
   * Answers the caller; false when that could not be done. A caller gone meanwhile (404) ends
   * through their StasisEnd. Any other failure — a request that timed out on a loaded PBX — leaves
   * a caller who may still be ringing: never answered, nothing would ever end their call (under
   * load, callers sat a minute with only `call.arrived` recorded). So one more try, then the
   * caller is let go: the hang-up brings the StasisEnd that closes their call record.
   */
  private async answer(channelId: string, log: Logger): Promise<boolean> {
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        await this.deps.ari.answer(channelId);
        return true;
      } catch (err) {
        if (isNotFound(err)) {
          log.info('caller gone before the answer');
          return false;
        }
        log.warn({ err: String(err), attempt }, 'answer failed');
      }
    }
    log.error('could not answer the caller; hanging up rather than leaving them ringing');
    await this.deps.ari
      .hangup(channelId)
      .catch((err: unknown) => log.error({ err: String(err) }, 'hang-up after the failed answer failed too'));
    return false;
  }

  handlers(): Pick<EffectHandlers, 'forget'> {
    return {
      forget: async (_effect, { before, call }) => {
        for (const memory of this.deps.memories) memory.forget(call.callId);
        const legs = [before.agentChannelId, before.partnerChannelId, call.partnerChannelId].filter(
          (id): id is string => !!id,
        );
        await this.deps.state.deleteCall(call, [call.callerChannelId, ...legs]);
        await this.deps.notifier.dropOffer(call.callId);
        this.deps.bus.nudgeFloor();
      },
    };
  }
}
