import type { Logger } from 'pino';
import type { SimEvent } from '@cc1357/contracts';
import { StasisApps } from './apps';
import { ariTimestamp, type Scheduler } from './clock';
import { causeText, SOFT_HANGUP_EXPLICIT } from './causes';
import { localBehaviour, type Dialplan } from './dialplan';
import { ariError, channelNotFound, invalidState, notInStasis, SimError } from './errors';
import type { CallerId, ChannelStateName, DialState, SimChannel } from './types';
import type { MediaCatalog } from '../media/durations';
import type { RecordingStore } from '../media/store';
import { BridgeEngine } from './bridges';
import { PlaybackEngine } from './playbacks';
import { RecordingEngine } from './recordings';
import { OutsideWorld } from './outside';

/**
 * The simulated PBX: channels and their lifecycle (originate, answer, hang-up, Stasis entry/exit),
 * with bridges, playbacks and recordings in sibling engines. Every visible change is published as
 * an ARI event through `StasisApps.deliver`, in the order ARI-FACTS and the reference traces show.
 */
export interface PbxDeps {
  scheduler: Scheduler;
  apps: StasisApps;
  dialplan: Dialplan;
  media: MediaCatalog;
  store: RecordingStore;
  logger: Logger;
  asteriskId: string;
}

export interface OriginateParams {
  endpoint?: string;
  app?: string;
  appArgs?: string;
  extension?: string;
  context?: string;
  priority?: number;
  callerId?: string;
  timeout?: number;
  channelId?: string;
  otherChannelId?: string;
  variables?: Record<string, string>;
}

/** Wall-clock time between an ARI hang-up request and the channel actually going (not scaled). */
const HANGUP_LATENCY_MS = 15;

interface HangupRequest {
  cause?: number;
  soft?: boolean;
}

export class Pbx {
  readonly channels = new Map<string, SimChannel>();
  readonly bridges: BridgeEngine;
  readonly playbacks: PlaybackEngine;
  readonly recordings: RecordingEngine;
  /** The world outside the PBX: the PSTN, callers' keypads, agent phones. */
  readonly outside: OutsideWorld;
  private readonly simListeners = new Set<(e: SimEvent) => void>();
  private uniqueSeq = 0;
  private readonly nameSeq = new Map<string, number>();
  readonly startedAt: number;

  constructor(readonly deps: PbxDeps) {
    this.startedAt = deps.scheduler.now();
    this.bridges = new BridgeEngine(this);
    this.playbacks = new PlaybackEngine(this);
    this.recordings = new RecordingEngine(this);
    this.outside = new OutsideWorld(this);
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

  // ---- ids, names, JSON -------------------------------------------------------------------

  newUniqueId(): string {
    return `${Math.floor(this.scheduler.now() / 1000)}.${this.uniqueSeq++}`;
  }

  nextNameSeq(tech: string): string {
    const n = this.nameSeq.get(tech) ?? 0;
    this.nameSeq.set(tech, n + 1);
    return n.toString(16).padStart(8, '0');
  }

  channelJson(ch: SimChannel): Record<string, unknown> {
    return {
      id: ch.id,
      name: ch.name,
      state: ch.state,
      protocol_id: '',
      caller: { ...ch.caller },
      connected: { ...ch.connected },
      accountcode: '',
      dialplan: { context: ch.context, exten: ch.exten, priority: ch.priority, app_name: ch.appName, app_data: ch.appData },
      creationtime: ariTimestamp(ch.creationtime),
      language: ch.language,
    };
  }

  emitChannel(type: string, ch: SimChannel, extra: Record<string, unknown> = {}): void {
    this.apps.deliver(type, { ...extra, channel: this.channelJson(ch) }, {
      channels: [ch.id],
      endpoints: ch.endpoint ? [ch.endpoint] : [],
    });
  }

  /**
   * StasisStart/StasisEnd belong to the app's own session with the channel: other apps that
   * watch the channel (e.g. the one that originated the other half of a Local pair) never see them.
   */
  private emitStasis(type: 'StasisStart' | 'StasisEnd', ch: SimChannel, app: string, extra: Record<string, unknown> = {}): void {
    this.apps.deliver(type, { ...extra, channel: this.channelJson(ch) }, { toApp: app });
  }

  onSimEvent(listener: (e: SimEvent) => void): () => void {
    this.simListeners.add(listener);
    return () => this.simListeners.delete(listener);
  }

  simEvent(event: Omit<SimEvent, 'at'> & Record<string, unknown>): void {
    const full = { ...event, at: new Date(this.scheduler.now()).toISOString() } as SimEvent;
    for (const l of this.simListeners) {
      try {
        l(full);
      } catch (err) {
        this.log.warn({ err }, 'sim event listener failed');
      }
    }
  }

  // ---- lookups with ARI's error semantics (ARI-FACTS §7) ----------------------------------

  getChannel(id: string): SimChannel | undefined {
    const ch = this.channels.get(id);
    return ch && !ch.hungUp && !ch.hangupRequested ? ch : undefined;
  }

  requireChannel(id: string): SimChannel {
    const ch = this.getChannel(id);
    if (!ch) throw channelNotFound();
    return ch;
  }

  /** find_control: 404 when gone, 409 when it exists outside Stasis. */
  requireControl(id: string): SimChannel {
    const ch = this.requireChannel(id);
    if (!ch.stasisApp) throw notInStasis();
    return ch;
  }

  /** channel_state_invalid: Down / Rsrved / Ringing cannot take media operations. */
  requireUsable(ch: SimChannel): SimChannel {
    if (ch.state === 'Down' || ch.state === 'Rsrved' || ch.state === 'Ringing') throw invalidState();
    return ch;
  }

  // ---- channel construction ---------------------------------------------------------------

  /** @internal for the engines */
  makeChannel(init: Partial<SimChannel> & Pick<SimChannel, 'id' | 'name' | 'tech' | 'state'>): SimChannel {
    const ch: SimChannel = {
      caller: { name: '', number: '' },
      connected: { name: '', number: '' },
      context: 'default',
      exten: 's',
      priority: 1,
      appName: '',
      appData: '',
      baseApp: { name: '', data: '' },
      creationtime: this.scheduler.now(),
      language: 'en',
      dormant: false,
      originated: false,
      stasisApp: null,
      bridgeId: null,
      vars: new Map(),
      hungUp: false,
      hangupRequested: false,
      media: [],
      ...init,
    };
    this.channels.set(ch.id, ch);
    // Only subscribeAll apps can see this: nobody is subscribed to a channel before it exists.
    if (!ch.dormant || ch.half !== 2) this.emitChannel('ChannelCreated', ch);
    return ch;
  }

  private idTaken(id: string | undefined): boolean {
    return !!id && this.channels.has(id);
  }

  // ---- originate / create / dial ----------------------------------------------------------

  originate(p: OriginateParams, mode: 'originate' | 'create'): SimChannel {
    if (!p.endpoint) throw ariError(400, 'Endpoint must be specified');
    if (mode === 'originate' && !p.app && !p.extension) throw ariError(400, 'Application or extension must be specified');
    if (mode === 'create' && !p.app) throw ariError(400, 'Application must be specified');
    if (this.idTaken(p.channelId) || this.idTaken(p.otherChannelId)) {
      throw ariError(409, 'Channel with given unique ID already exists');
    }
    const slash = p.endpoint.indexOf('/');
    const tech = slash > 0 ? p.endpoint.slice(0, slash).toLowerCase() : '';
    const rest = slash > 0 ? p.endpoint.slice(slash + 1) : '';
    if ((tech !== 'pjsip' && tech !== 'local') || !rest) {
      throw new SimError(500, { error: 'Allocation failed' }, 'INTERNAL');
    }
    const caller = parseCallerId(p.callerId);
    const created = mode === 'create';
    const base = created ? { name: '', data: '' } : { name: 'AppDial2', data: '(Outgoing Line)' };
    const dial: DialState = {
      app: p.app ?? null,
      appArgs: splitArgs(p.appArgs),
      dialstring: rest,
      timeoutSec: p.timeout ?? 30,
    };
    let ch1: SimChannel;
    if (tech === 'local') {
      const [extenAt = rest] = rest.split('/');
      const at = extenAt.lastIndexOf('@');
      const exten = at >= 0 ? extenAt.slice(0, at) : extenAt;
      const context = at >= 0 ? extenAt.slice(at + 1) : 'default';
      const seq = this.nextNameSeq('Local');
      const id1 = p.channelId ?? this.newUniqueId();
      const id2 = p.otherChannelId ?? (p.channelId ? `${p.channelId};2` : this.newUniqueId());
      ch1 = this.makeChannel({
        id: id1,
        name: `Local/${exten}@${context}-${seq};1`,
        tech: 'Local',
        state: 'Down',
        half: 1,
        peerId: id2,
        caller,
        appName: base.name,
        appData: base.data,
        baseApp: base,
        originated: true,
        dormant: created,
        context: p.context ?? 'default',
        exten: p.extension ?? 's',
        priority: p.priority ?? 1,
      });
      this.makeChannel({
        id: id2,
        name: `Local/${exten}@${context}-${seq};2`,
        tech: 'Local',
        state: 'Ring',
        half: 2,
        peerId: id1,
        caller,
        context,
        exten,
        dormant: created,
      });
      if (p.app) this.apps.subscribeChannel(p.app, id2, 'origin');
    } else {
      const resource = rest.split('/')[0] ?? rest;
      ch1 = this.makeChannel({
        id: p.channelId ?? this.newUniqueId(),
        name: `PJSIP/${resource}-${this.nextNameSeq('PJSIP')}`,
        tech: 'PJSIP',
        state: 'Down',
        caller,
        appName: base.name,
        appData: base.data,
        baseApp: base,
        originated: true,
        dormant: created,
        endpoint: `PJSIP/${resource}`,
        context: p.context ?? 'default',
        exten: p.extension ?? 's',
      });
    }
    for (const [k, v] of Object.entries(p.variables ?? {})) ch1.vars.set(k, String(v));
    if (p.app) this.apps.subscribeChannel(p.app, ch1.id, 'origin');
    ch1.dial = dial;
    if (created) {
      // Stasis starts right away on the Down channel; the answer to the request goes first.
      this.scheduler.defer(() => {
        if (ch1.hungUp) return;
        if (!this.enterStasis(ch1, dial.app ?? '', dial.appArgs)) this.hangupChannel(ch1, { hr: null, cause: 16 });
      });
    } else {
      this.scheduler.defer(() => this.startDial(ch1));
    }
    return ch1;
  }

  /** `POST /channels/{id}/dial`: a created channel starts ringing its far end. */
  dialCreated(ch: SimChannel, timeoutSec: number): void {
    if (!ch.dormant || !ch.dial) throw ariError(409, 'Channel is not in a state to be dialed');
    ch.dial.timeoutSec = timeoutSec;
    this.scheduler.defer(() => this.startDial(ch));
  }

  /** @internal for the engines */
  peerOf(ch: SimChannel): SimChannel | undefined {
    return ch.peerId ? this.channels.get(ch.peerId) : undefined;
  }

  /** @internal for the engines */
  emitDial(ch1: SimChannel, status: string): void {
    this.apps.deliver(
      'Dial',
      { dialstatus: status, forward: '', dialstring: ch1.dial?.dialstring ?? '', peer: this.channelJson(ch1) },
      { channels: [ch1.id], endpoints: ch1.endpoint ? [ch1.endpoint] : [] },
    );
  }

  private startDial(ch1: SimChannel): void {
    if (ch1.hungUp || !ch1.dial) return;
    const dial = ch1.dial;
    if (dial.app && !this.apps.isActive(dial.app)) {
      // The app is not connected: Asterisk answers 200 but the channel is gone a moment later.
      this.hangupChannel(ch1, { hr: null, cause: 16 });
      return;
    }
    ch1.dormant = false;
    const ch2 = this.peerOf(ch1);
    if (ch2) ch2.dormant = false;
    this.emitDial(ch1, '');
    if (ch1.tech === 'Local' && ch2) {
      const behaviour = localBehaviour(this.deps.dialplan, ch2.exten, ch2.context);
      if (!behaviour) {
        this.hangupChannel(ch1, { hr: null, cause: 1 });
        return;
      }
      switch (behaviour.kind) {
        case 'answer':
          ch2.appName = 'Answer';
          this.setState(ch2, 'Up');
          this.answered(ch1);
          ch2.appName = 'Wait';
          ch2.appData = '60';
          return;
        case 'ring':
          ch2.appName = 'Ringing';
          this.setState(ch1, 'Ringing');
          this.emitDial(ch1, 'RINGING');
          ch2.appName = 'Wait';
          ch2.appData = '60';
          this.armTimeout(ch1);
          return;
        case 'wait':
          ch2.appName = 'Wait';
          ch2.appData = '60';
          this.armTimeout(ch1);
          return;
        case 'stasis':
          this.armTimeout(ch1);
          if (!this.enterStasis(ch2, behaviour.app, behaviour.args ?? [])) {
            this.scheduler.defer(() => this.hangupChannel(ch2, { hr: null, cause: 16 }));
          }
          return;
      }
    }
    this.outside.dialPhone(ch1);
  }

  /** @internal for the engines */
  armTimeout(ch1: SimChannel): void {
    const sec = ch1.dial?.timeoutSec ?? 30;
    if (!ch1.dial || sec <= 0) return;
    ch1.dial.timeoutTimer = this.scheduler.after(sec * 1000, () => {
      if (ch1.hungUp || ch1.state === 'Up') return;
      this.hangupChannel(ch1, { hr: null, cause: 19 });
    });
  }

  /** The far end answered an outbound leg (Local dialplan Answer(), or a simulated phone). */
  answered(ch1: SimChannel): void {
    if (ch1.hungUp || ch1.state === 'Up') return;
    ch1.dial?.timeoutTimer?.cancel();
    ch1.dial?.answerTimer?.cancel();
    this.setState(ch1, 'Up');
    this.emitDial(ch1, 'ANSWER');
    this.outside.legAnswered(ch1);
    const app = ch1.dial?.app;
    // A channel made by /channels/create is already in Stasis when it is dialled.
    if (app && !ch1.stasisApp && !this.enterStasis(ch1, app, ch1.dial?.appArgs ?? [])) {
      this.scheduler.defer(() => this.hangupChannel(ch1, { hr: null, cause: 16 }));
    }
  }

  // ---- Stasis -------------------------------------------------------------------------------

  enterStasis(ch: SimChannel, app: string, args: string[]): boolean {
    ch.appName = 'Stasis';
    ch.appData = [app, ...args].join(',');
    if (!app || !this.apps.isActive(app)) {
      ch.vars.set('STASISSTATUS', 'FAILED');
      this.emitChannel('ChannelVarset', ch, { variable: 'STASISSTATUS', value: 'FAILED' });
      return false;
    }
    ch.vars.set('STASISSTATUS', '');
    this.emitChannel('ChannelVarset', ch, { variable: 'STASISSTATUS', value: '' });
    ch.stasisApp = app;
    this.apps.subscribeChannel(app, ch.id, 'stasis');
    this.emitStasis('StasisStart', ch, app, { args });
    return true;
  }

  private exitStasis(ch: SimChannel): void {
    const app = ch.stasisApp;
    if (!app) return;
    this.emitStasis('StasisEnd', ch, app);
    ch.stasisApp = null;
    this.apps.unsubscribeChannel(app, ch.id, 'stasis');
    ch.vars.set('STASISSTATUS', 'SUCCESS');
    this.emitChannel('ChannelVarset', ch, { variable: 'STASISSTATUS', value: 'SUCCESS' });
  }

  // ---- channel operations (ARI) ---------------------------------------------------------------

  setState(ch: SimChannel, state: ChannelStateName): void {
    if (ch.state === state) return;
    ch.state = state;
    this.emitChannel('ChannelStateChange', ch);
  }

  answer(ch: SimChannel): void {
    this.requireUsable(ch);
    if (ch.state === 'Up') return;
    this.setState(ch, 'Up');
    const peer = this.peerOf(ch);
    if (ch.half === 2 && peer && peer.state !== 'Up') this.scheduler.defer(() => this.answered(peer));
  }

  /** ARI `DELETE /channels/{id}`: soft hangup flag 32 first, the real cause on ChannelDestroyed. */
  hangupByApp(ch: SimChannel, cause: number): void {
    ch.hangupRequested = true;
    const hr = { cause: SOFT_HANGUP_EXPLICIT, soft: true };
    // A channel under Stasis control gets its hangup request before the 204 (trace P6); the
    // rest of the teardown follows the answer after Asterisk's processing latency.
    if (ch.stasisApp) this.emitHangupRequest(ch, hr);
    this.scheduler.afterWall(HANGUP_LATENCY_MS, () => this.hangupChannel(ch, { hr: ch.stasisApp ? null : hr, cause }));
  }

  sendDtmf(ch: SimChannel, dtmf: string, o: { before: number; between: number; duration: number }): void {
    // A Local channel's digits come out of its other half (100 ms later); a phone just hears them.
    const receiver = ch.tech === 'Local' ? this.peerOf(ch) : undefined;
    if (receiver) this.receiveDtmf(receiver, dtmf, { ...o, latency: 100 });
  }

  /**
   * One ChannelDtmfReceived per digit, reported when its tone has ended (plus `latency`); a
   * receiver that hangs up meanwhile hears no more.
   */
  receiveDtmf(receiver: SimChannel, digits: string, o: { before: number; between: number; duration: number; latency: number }): void {
    [...digits].forEach((digit, i) => {
      this.scheduler.after(o.before + i * (o.duration + o.between) + o.duration + o.latency, () => {
        if (receiver.hungUp) return;
        this.emitChannel('ChannelDtmfReceived', receiver, { digit, duration_ms: o.duration });
      });
    });
  }

  setVar(ch: SimChannel, variable: string, value: string): void {
    ch.vars.set(variable, value);
    this.emitChannel('ChannelVarset', ch, { variable, value });
  }

  snoop(target: SimChannel, o: { app: string; appArgs?: string; snoopId?: string }): SimChannel {
    if (this.idTaken(o.snoopId)) throw ariError(409, 'Channel with given unique ID already exists');
    const ch = this.makeChannel({
      id: o.snoopId ?? this.newUniqueId(),
      name: `Snoop/${target.id}-${this.nextNameSeq('Snoop')}`,
      tech: 'Snoop',
      state: 'Up',
      originated: true,
      snoopOf: target.id,
      caller: { ...target.caller },
    });
    this.apps.subscribeChannel(o.app, ch.id, 'origin');
    const args = splitArgs(o.appArgs);
    this.scheduler.defer(() => {
      if (ch.hungUp) return;
      if (!this.enterStasis(ch, o.app, args)) this.hangupChannel(ch, { hr: null, cause: 16 });
    });
    return ch;
  }

  // ---- hang-up ------------------------------------------------------------------------------

  private emitHangupRequest(ch: SimChannel, hr: HangupRequest): void {
    const extra: Record<string, unknown> = {};
    if (hr.cause !== undefined) extra.cause = hr.cause;
    if (hr.soft) extra.soft = true;
    this.emitChannel('ChannelHangupRequest', ch, extra);
  }

  /**
   * Hang a channel up. `hr` is the ChannelHangupRequest to report first (null when Asterisk
   * reports none, e.g. an unanswered dial given up); `cause` is what ChannelDestroyed says.
   */
  hangupChannel(ch: SimChannel, o: { hr: HangupRequest | null; cause: number }): void {
    if (ch.hungUp) return;
    ch.hungUp = true;
    const peer = this.peerOf(ch);
    if (ch.tech === 'Local' && peer && !peer.hungUp) {
      this.hangupLocalPair(ch, peer, o);
      return;
    }
    if (o.hr) this.emitHangupRequest(ch, o.hr);
    this.teardown(ch);
    this.destroy(ch, o.cause);
  }

  /** Order observed on Asterisk 22 for a Local pair (traces P1, P4, P5). */
  private hangupLocalPair(x: SimChannel, y: SimChannel, o: { hr: HangupRequest | null; cause: number }): void {
    y.hungUp = true;
    if (o.hr) this.emitHangupRequest(x, o.hr);
    this.teardown(x);
    if (x.half === 2 && !x.dormant) this.emitHangupRequest(x, { cause: 16, soft: true });
    if (!y.dormant) this.emitHangupRequest(y, { cause: o.cause });
    this.destroy(x, o.cause);
    this.teardown(y);
    if (y.half === 2 && !y.dormant) this.emitHangupRequest(y, { cause: 16, soft: true });
    this.destroy(y, o.cause, y.dormant);
  }

  /** Everything a leaving channel ends: media, snoops, bridge, Stasis. */
  private teardown(ch: SimChannel): void {
    ch.dial?.timeoutTimer?.cancel();
    ch.dial?.answerTimer?.cancel();
    this.playbacks.channelGone(ch);
    for (const other of this.channels.values()) {
      if (other.snoopOf === ch.id && !other.hungUp) this.hangupChannel(other, { hr: { cause: 16 }, cause: 16 });
    }
    if (ch.bridgeId) this.bridges.leave(ch, 'hangup');
    if (ch.pendingBridgeDestroyed) {
      const snap = ch.pendingBridgeDestroyed;
      ch.pendingBridgeDestroyed = undefined;
      this.bridges.publishDestroyed(snap);
    }
    this.exitStasis(ch);
  }

  private destroy(ch: SimChannel, cause: number, silent = false): void {
    ch.hungUp = true;
    const keepsDialApp = ch.originated && ch.half !== 2;
    ch.appName = keepsDialApp ? ch.baseApp.name : '';
    ch.appData = keepsDialApp ? ch.baseApp.data : '';
    if (!silent) this.emitChannel('ChannelDestroyed', ch, { cause, cause_txt: causeText(cause) });
    this.channels.delete(ch.id);
    this.apps.forgetChannel(ch.id);
    this.outside.channelGone(ch, cause);
    if (!silent) this.simEvent({ type: 'channel.hungup', channelId: ch.id, cause });
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

export function splitArgs(appArgs: string | undefined): string[] {
  return appArgs ? appArgs.split(',') : [];
}

/** `"Name" <number>` or a bare number. */
export function parseCallerId(raw: string | undefined): CallerId {
  if (!raw) return { name: '', number: '' };
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/.exec(raw);
  if (m) return { name: (m[1] ?? '').trim(), number: (m[2] ?? '').trim() };
  return { name: '', number: raw.trim() };
}
