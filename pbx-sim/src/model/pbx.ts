import type { Logger } from 'pino';
import type { SimEvent } from '@cc1357/contracts';
import { type StasisApps } from './apps';
import type { Scheduler } from './clock';
import type { Dialplan } from './dialplan';
import { ariError } from './errors';
import type { ChannelStateName, SimChannel } from './types';
import type { MediaCatalog } from '../media/durations';
import type { RecordingStore } from '../media/store';
import { BridgeEngine } from './bridges';
import { ChannelEvents, channelJson } from './channel-events';
import { ChannelTable } from './channel-table';
import { Dialing, splitArgs, type OriginateParams } from './dialing';
import { DtmfEngine, type DigitTiming } from './dtmf';
import { Hangups, type HangupOptions } from './hangup';
import { OutsideWorld } from './outside';
import { PlaybackEngine } from './playbacks';
import { RecordingEngine } from './recordings';
import { SimEventBus } from './sim-events';
import { StasisSessions } from './stasis';

/** What the simulated PBX is built on. */
export interface PbxDeps {
  scheduler: Scheduler;
  apps: StasisApps;
  dialplan: Dialplan;
  media: MediaCatalog;
  store: RecordingStore;
  logger: Logger;
  asteriskId: string;
  /**
   * The longest any recording runs (seconds; absent: no limit but the request's own), as if every
   * record request had asked for `maxDurationSeconds` at most this: a recording is finished at that
   * length while its call goes on. A load run holding 10,000 calls at 5× speed otherwise writes
   * hundreds of gigabytes of simulated audio (one such run filled this machine's disk).
   */
  maxRecordingSeconds?: number;
}

/**
 * The simulated PBX: channels and their lifecycle (originate, answer, hang-up, Stasis entry/exit),
 * with bridges, playbacks and recordings in sibling engines. Every visible change is published as
 * an ARI event through `StasisApps.deliver`, in the order ARI-FACTS and the reference traces show.
 *
 * This class is the facade the ARI routes, the steering API and the engines use; the channel work
 * is done by the parts it wires together: the channel table (ids, lookups, construction), channel
 * events, Stasis sessions, dialing (originate / create / dial) and hang-ups.
 */
export class Pbx {
  readonly channels: Map<string, SimChannel>;
  readonly bridges: BridgeEngine;
  readonly playbacks: PlaybackEngine;
  readonly recordings: RecordingEngine;
  private readonly dtmf: DtmfEngine;
  /** The world outside the PBX: the PSTN, callers' keypads, agent phones. */
  readonly outside: OutsideWorld;
  readonly startedAt: number;
  private readonly simEvents: SimEventBus;
  private readonly events: ChannelEvents;
  private readonly table: ChannelTable;
  private readonly stasis: StasisSessions;
  private readonly hangups: Hangups;
  private readonly dialing: Dialing;

  constructor(readonly deps: PbxDeps) {
    const { scheduler, apps } = deps;
    this.startedAt = scheduler.now();
    this.simEvents = new SimEventBus(() => scheduler.now(), deps.logger);
    this.events = new ChannelEvents(apps);
    this.table = new ChannelTable(scheduler, this.events);
    this.channels = this.table.channels;
    this.stasis = new StasisSessions(apps, this.events);
    this.bridges = new BridgeEngine(this);
    this.playbacks = new PlaybackEngine(this);
    this.recordings = new RecordingEngine(this);
    this.dtmf = new DtmfEngine(this);
    this.outside = new OutsideWorld(this);
    const { table, events, stasis, bridges, playbacks, outside, simEvents } = this;
    this.hangups = new Hangups({ scheduler, apps, table, events, stasis, playbacks, bridges, outside, simEvents });
    const hangups = this.hangups;
    this.dialing = new Dialing({ scheduler, apps, dialplan: deps.dialplan, table, events, stasis, hangups, outside });
  }

  get apps(): StasisApps {
    return this.deps.apps;
  }
  get scheduler(): Scheduler {
    return this.deps.scheduler;
  }
  get asteriskId(): string {
    return this.deps.asteriskId;
  }
  get log(): Logger {
    return this.deps.logger;
  }

  // ---- ids, names, JSON, events -------------------------------------------------------------

  newUniqueId(): string {
    return this.table.newUniqueId();
  }

  nextNameSeq(tech: string): string {
    return this.table.nextNameSeq(tech);
  }

  channelJson(ch: SimChannel): Record<string, unknown> {
    return channelJson(ch);
  }

  emitChannel(type: string, ch: SimChannel, extra: Record<string, unknown> = {}): void {
    this.events.emitChannel(type, ch, extra);
  }

  /** @internal for the engines */
  emitDial(ch1: SimChannel, status: string): void {
    this.events.emitDial(ch1, status);
  }

  onSimEvent(listener: (e: SimEvent) => void): () => void {
    return this.simEvents.on(listener);
  }

  simEvent(event: Omit<SimEvent, 'at'> & Record<string, unknown>): void {
    this.simEvents.publish(event);
  }

  // ---- lookups with ARI's error semantics (ARI-FACTS §7) ----------------------------------

  getChannel(id: string): SimChannel | undefined {
    return this.table.get(id);
  }

  requireChannel(id: string): SimChannel {
    return this.table.require(id);
  }

  /** find_control: 404 when gone, 409 when it exists outside Stasis. */
  requireControl(id: string): SimChannel {
    return this.table.requireControl(id);
  }

  /** channel_state_invalid: Down / Rsrved / Ringing cannot take media operations. */
  requireUsable(ch: SimChannel): SimChannel {
    return this.table.requireUsable(ch);
  }

  /** @internal for the engines */
  peerOf(ch: SimChannel): SimChannel | undefined {
    return this.table.peerOf(ch);
  }

  /** @internal for the engines */
  makeChannel(init: Partial<SimChannel> & Pick<SimChannel, 'id' | 'name' | 'tech' | 'state'>): SimChannel {
    return this.table.make(init);
  }

  // ---- originate / create / dial (see Dialing) ----------------------------------------------

  originate(p: OriginateParams, mode: 'originate' | 'create'): SimChannel {
    return this.dialing.originate(p, mode);
  }

  /** `POST /channels/{id}/dial`: a created channel starts ringing its far end. */
  dialCreated(ch: SimChannel, timeoutSec: number): void {
    this.dialing.dialCreated(ch, timeoutSec);
  }

  /** @internal for the engines */
  armTimeout(ch1: SimChannel): void {
    this.dialing.armTimeout(ch1);
  }

  /** The far end answered an outbound leg (Local dialplan Answer(), or a simulated phone). */
  answered(ch1: SimChannel): void {
    this.dialing.answered(ch1);
  }

  enterStasis(ch: SimChannel, app: string, args: string[]): boolean {
    return this.stasis.enter(ch, app, args);
  }

  // ---- channel operations (ARI) ---------------------------------------------------------------

  setState(ch: SimChannel, state: ChannelStateName): void {
    this.events.setState(ch, state);
  }

  setVar(ch: SimChannel, variable: string, value: string): void {
    this.events.setVar(ch, variable, value);
  }

  answer(ch: SimChannel): void {
    this.requireUsable(ch);
    if (ch.state === 'Up') return;
    this.setState(ch, 'Up');
    const peer = this.peerOf(ch);
    // The ;1 half is answered before the 204 goes out (traces R1-R4: its Up, Dial ANSWER and
    // StasisStart always preceded the answer's response; P5 saw both orders).
    if (ch.half === 2 && peer && peer.state !== 'Up') this.answered(peer);
  }

  /** ARI `POST /channels/{id}/dtmf` (see DtmfEngine). */
  sendDtmf(ch: SimChannel, dtmf: string, o: { before: number; between: number; duration: number }): void {
    this.dtmf.send(ch, dtmf, o);
  }

  /** Digits heard on a channel from outside (see DtmfEngine). */
  receiveDtmf(receiver: SimChannel, digits: string, o: DigitTiming & { latency: number }): void {
    this.dtmf.receive(receiver, digits, o);
  }

  snoop(target: SimChannel, o: { app: string; appArgs?: string; snoopId?: string }): SimChannel {
    // Asterisk's channel allocation refuses a taken unique id and the snoop handler reports only
    // that no snoop was made (res/ari/resource_channels.c), unlike originate's 409.
    if (this.table.idTaken(o.snoopId)) throw ariError(500, 'Snoop channel could not be created');
    const ch = this.makeChannel({
      id: o.snoopId ?? this.newUniqueId(),
      name: `Snoop/${target.id}-${this.nextNameSeq('Snoop')}`,
      tech: 'Snoop',
      state: 'Up',
      originated: true,
      snoopOf: target.id,
      caller: { ...target.caller },
    });
    // Unlike an originated channel, the app is subscribed to a snoop only through its Stasis
    // session: after StasisEnd it hears nothing more (no ChannelDestroyed, observed on 22.10.1).
    const args = splitArgs(o.appArgs);
    this.scheduler.defer(() => {
      if (ch.hungUp) return;
      if (!this.enterStasis(ch, o.app, args)) this.hangupChannel(ch, { hr: null, cause: 16 });
    });
    return ch;
  }

  // ---- hang-up (see Hangups) ----------------------------------------------------------------

  /** ARI `DELETE /channels/{id}`: soft hangup flag 32 first, the real cause on ChannelDestroyed. */
  hangupByApp(ch: SimChannel, cause: number): void {
    this.hangups.byApp(ch, cause);
  }

  /**
   * Hang a channel up. `hr` is the ChannelHangupRequest to report first (null when Asterisk
   * reports none, e.g. an unanswered dial given up); `cause` is what ChannelDestroyed says.
   */
  hangupChannel(ch: SimChannel, o: HangupOptions): void {
    this.hangups.hangup(ch, o);
  }

  close(): void {
    for (const ch of this.channels.values()) {
      ch.dial?.timeoutTimer?.cancel();
      ch.dial?.answerTimer?.cancel();
    }
    this.playbacks.close();
    this.recordings.close();
  }
}
