import type { Logger } from 'pino';
import { type HereNow, type Repair, reconcile } from '../../core/reconcile';
import type { LiveCall } from '../../core/call';
import type { AriPort } from '../../adapters/ari/port';
import type { LiveState } from '../../adapters/redis/live-state';
import type { AcdDispatcher } from './acd-dispatcher';
import type { Announcer } from './announcer';
import type { CallChains } from './call-chains';
import type { CallStepper } from './call-stepper';
import type { IvrDriver } from './ivr-driver';
import type { IvrRequests } from './ivr-requests';
import type { RingTimers } from './ring-timers';

export interface ResyncDeps {
  node: string;
  ari: AriPort;
  state: LiveState;
  chains: CallChains;
  stepper: CallStepper;
  timers: RingTimers;
  ivr: IvrDriver;
  requests: IvrRequests;
  announcer: Announcer;
  dispatcher: AcdDispatcher;
  log: Logger;
}

/**
 * Brings this node's calls in line with Asterisk after an ARI gap or a restart: reads what
 * Asterisk and this process know, asks the pure reconciler what to repair, carries it out, then
 * runs the ACD (agents may have become free meanwhile).
 */
export class Resync {
  constructor(private readonly deps: ResyncDeps) {}

  async run(): Promise<void> {
    const { ari, state, log } = this.deps;
    const channels = new Map((await ari.listChannels()).map((c) => [c.id, c]));
    const calls = (await state.listCalls()).filter((c) => c.node === this.deps.node);
    log.info({ channels: channels.size, calls: calls.length }, 'resync with Asterisk');
    await Promise.all(
      calls.map((stale) =>
        this.deps.chains.serial(stale.callId, async () => {
          const call = await state.getCall(stale.callId);
          if (!call) return;
          for (const repair of reconcile(call, channels, await this.here(call))) await this.perform(call, repair);
        }),
      ),
    );
    await this.deps.dispatcher.dispatch();
  }

  private async here(call: LiveCall): Promise<HereNow> {
    const { callId } = call;
    return {
      ringTimerArmed: this.deps.timers.armed(callId),
      ivrSession: this.deps.ivr.has(callId),
      busy: this.deps.requests.busyWith(callId) || this.deps.announcer.busyWith(callId),
      queued: call.state === 'queued' && call.queue ? await this.deps.state.isQueued(call.queue, callId) : false,
    };
  }

  /** Inside `serial(call.callId)`. */
  private async perform(call: LiveCall, repair: Repair): Promise<void> {
    switch (repair.type) {
      case 'event':
        if (repair.event.type === 'callerHangup')
          this.deps.log.info({ callId: call.callId }, 'caller vanished during the gap');
        return this.deps.stepper.step(call, repair.event);
      case 'requeue':
        return this.deps.state.enqueue(repair.queue, call.callId, repair.score);
      case 'hangupCaller':
        await this.deps.ari.hangup(call.callerChannelId).catch(() => undefined);
        return;
      case 'resumeIvr':
        return this.deps.ivr.resync(call.callId);
      case 'restartIvr':
        return this.deps.ivr.start(call.callId, call.callerChannelId, call.callerNumber); // restarted process: menu again
    }
  }
}
