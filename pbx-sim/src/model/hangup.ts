import type { StasisApps } from './apps';
import type { BridgeEngine } from './bridges';
import { causeText, SOFT_HANGUP_EXPLICIT } from './causes';
import type { ChannelEvents } from './channel-events';
import type { ChannelTable } from './channel-table';
import type { Scheduler } from './clock';
import type { OutsideWorld } from './outside';
import type { PlaybackEngine } from './playbacks';
import type { SimEventBus } from './sim-events';
import type { StasisSessions } from './stasis';
import type { SimChannel } from './types';

/** Wall-clock time between an ARI hang-up request and the channel actually going (not scaled). */
const HANGUP_LATENCY_MS = 15;

export interface HangupRequest {
  cause?: number;
  soft?: boolean;
}

/**
 * `hr` is the ChannelHangupRequest to report first (null when Asterisk reports none, e.g. an
 * unanswered dial given up); `cause` is what ChannelDestroyed says; `dialOutcome` ends a Dial.
 */
export interface HangupOptions {
  hr: HangupRequest | null;
  cause: number;
  dialOutcome?: string;
}

/** What a leaving channel has to be taken out of. */
export interface HangupDeps {
  scheduler: Scheduler;
  apps: StasisApps;
  table: ChannelTable;
  events: ChannelEvents;
  stasis: StasisSessions;
  playbacks: Pick<PlaybackEngine, 'channelGone'>;
  bridges: Pick<BridgeEngine, 'leave' | 'publishDestroyed'>;
  outside: Pick<OutsideWorld, 'channelGone'>;
  simEvents: Pick<SimEventBus, 'publish'>;
}

/** Channels going away, with the events in the order Asterisk 22 reports them. */
export class Hangups {
  constructor(private readonly d: HangupDeps) {}

  /** ARI `DELETE /channels/{id}`: soft hangup flag 32 first, the real cause on ChannelDestroyed. */
  byApp(ch: SimChannel, cause: number): void {
    ch.hangupRequested = true;
    const hr = { cause: SOFT_HANGUP_EXPLICIT, soft: true };
    // A channel under Stasis control gets its hangup request before the 204 (trace P6); the
    // rest of the teardown follows the answer after Asterisk's processing latency.
    if (ch.stasisApp) this.emitRequest(ch, hr);
    // An originated leg still ringing is given up: its Dial ends NOANSWER (trace R5).
    const dialOutcome = ch.originated && ch.dial && !ch.dormant && ch.state !== 'Up' ? 'NOANSWER' : undefined;
    this.d.scheduler.afterWall(HANGUP_LATENCY_MS, () =>
      this.hangup(ch, { hr: ch.stasisApp ? null : hr, cause, dialOutcome }),
    );
  }

  /** Hang a channel up (and the other half of a Local pair with it). */
  hangup(ch: SimChannel, o: HangupOptions): void {
    if (ch.hungUp) return;
    ch.hungUp = true;
    const peer = this.d.table.peerOf(ch);
    if (ch.tech === 'Local' && peer && !peer.hungUp) {
      this.hangupLocalPair(ch, peer, o);
      return;
    }
    if (o.hr) this.emitRequest(ch, o.hr);
    if (o.dialOutcome) this.d.events.emitDial(ch, o.dialOutcome);
    this.teardown(ch);
    this.destroy(ch, o.cause);
  }

  /** Order observed on Asterisk 22 for a Local pair (traces P1, P4, P5). */
  private hangupLocalPair(x: SimChannel, y: SimChannel, o: HangupOptions): void {
    y.hungUp = true;
    if (o.hr) this.emitRequest(x, o.hr);
    if (o.dialOutcome) this.d.events.emitDial(x, o.dialOutcome);
    this.teardown(x);
    if (x.half === 2 && !x.dormant) this.emitRequest(x, { cause: 16, soft: true });
    if (!y.dormant) this.emitRequest(y, { cause: o.cause });
    this.destroy(x, o.cause);
    this.teardown(y);
    if (y.half === 2 && !y.dormant) this.emitRequest(y, { cause: 16, soft: true });
    this.destroy(y, o.cause, y.dormant);
  }

  private emitRequest(ch: SimChannel, hr: HangupRequest): void {
    const extra: Record<string, unknown> = {};
    if (hr.cause !== undefined) extra.cause = hr.cause;
    if (hr.soft) extra.soft = true;
    this.d.events.emitChannel('ChannelHangupRequest', ch, extra);
  }

  /** Everything a leaving channel ends: media, snoops, bridge, Stasis. */
  private teardown(ch: SimChannel): void {
    ch.dial?.timeoutTimer?.cancel();
    ch.dial?.answerTimer?.cancel();
    this.d.playbacks.channelGone(ch);
    // The snoop's audiohooks go with the target; the snoop channel notices afterwards and leaves
    // without a hang-up request of its own (observed: only left-bridge and StasisEnd, after the
    // target's teardown events).
    const snoops = [...this.d.table.channels.values()].filter((other) => other.snoopOf === ch.id && !other.hungUp);
    if (snoops.length > 0) {
      this.d.scheduler.defer(() => {
        for (const snoop of snoops) this.hangup(snoop, { hr: null, cause: 16 });
      });
    }
    if (ch.bridgeId) this.d.bridges.leave(ch, 'hangup');
    if (ch.pendingBridgeDestroyed) {
      const snap = ch.pendingBridgeDestroyed;
      ch.pendingBridgeDestroyed = undefined;
      this.d.bridges.publishDestroyed(snap);
    }
    this.d.stasis.exit(ch);
  }

  private destroy(ch: SimChannel, cause: number, silent = false): void {
    ch.hungUp = true;
    const keepsDialApp = ch.originated && ch.half !== 2;
    ch.appName = keepsDialApp ? ch.baseApp.name : '';
    ch.appData = keepsDialApp ? ch.baseApp.data : '';
    if (!silent) this.d.events.emitChannel('ChannelDestroyed', ch, { cause, cause_txt: causeText(cause) });
    this.d.table.channels.delete(ch.id);
    this.d.apps.forgetChannel(ch.id);
    this.d.outside.channelGone(ch, cause);
    if (!silent) this.d.simEvents.publish({ type: 'channel.hungup', channelId: ch.id, cause });
  }
}
