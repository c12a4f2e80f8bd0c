import type { StasisApps } from './apps';
import type { ChannelEvents } from './channel-events';
import type { ChannelTable } from './channel-table';
import type { Scheduler } from './clock';
import { localBehaviour, type Dialplan, type LocalBehaviour } from './dialplan';
import { ariError, SimError } from './errors';
import type { Hangups } from './hangup';
import type { OutsideWorld } from './outside';
import type { StasisSessions } from './stasis';
import type { CallerId, DialState, SimChannel } from './types';

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

/** What placing an outbound leg touches. */
export interface DialingDeps {
  scheduler: Scheduler;
  apps: StasisApps;
  dialplan: Dialplan;
  table: ChannelTable;
  events: ChannelEvents;
  stasis: StasisSessions;
  hangups: Pick<Hangups, 'hangup'>;
  outside: Pick<OutsideWorld, 'dialPhone' | 'legAnswered'>;
}

/** The fields both kinds of originated leg share. */
type LegInit = Pick<SimChannel, 'caller' | 'appName' | 'appData' | 'baseApp' | 'dormant'>;

/**
 * Outbound legs: `POST /channels` (originate), `/channels/create` and `/channels/{id}/dial`,
 * through ringing to the far end answering (a Local channel's dialplan, or a simulated phone).
 */
export class Dialing {
  constructor(private readonly d: DialingDeps) {}

  originate(p: OriginateParams, mode: 'originate' | 'create'): SimChannel {
    if (!p.endpoint) throw ariError(400, 'Endpoint must be specified');
    if (mode === 'originate' && !p.app && !p.extension)
      throw ariError(400, 'Application or extension must be specified');
    if (mode === 'create' && !p.app) throw ariError(400, 'Application must be specified');
    if (this.d.table.idTaken(p.channelId) || this.d.table.idTaken(p.otherChannelId)) {
      throw ariError(409, 'Channel with given unique ID already exists');
    }
    const slash = p.endpoint.indexOf('/');
    const tech = slash > 0 ? p.endpoint.slice(0, slash).toLowerCase() : '';
    const rest = slash > 0 ? p.endpoint.slice(slash + 1) : '';
    if ((tech !== 'pjsip' && tech !== 'local') || !rest) {
      throw new SimError(500, { error: 'Allocation failed' }, 'INTERNAL');
    }
    const created = mode === 'create';
    const base = created ? { name: '', data: '' } : { name: 'AppDial2', data: '(Outgoing Line)' };
    const dial: DialState = {
      app: p.app ?? null,
      appArgs: splitArgs(p.appArgs),
      dialstring: rest,
      timeoutSec: p.timeout ?? 30,
    };
    const leg: LegInit = {
      caller: parseCallerId(p.callerId),
      appName: base.name,
      appData: base.data,
      baseApp: base,
      dormant: created,
    };
    const ch1 = tech === 'local' ? this.makeLocalPair(p, rest, leg) : this.makePjsipLeg(p, rest, leg);
    for (const [k, v] of Object.entries(p.variables ?? {})) ch1.vars.set(k, String(v));
    if (p.app) this.d.apps.subscribeChannel(p.app, ch1.id, 'origin');
    ch1.dial = dial;
    if (created) {
      // Stasis starts right away on the Down channel; the answer to the request goes first.
      this.d.scheduler.defer(() => {
        if (ch1.hungUp) return;
        if (!this.d.stasis.enter(ch1, dial.app ?? '', dial.appArgs))
          this.d.hangups.hangup(ch1, { hr: null, cause: 16 });
      });
    } else {
      this.d.scheduler.defer(() => this.startDial(ch1));
    }
    return ch1;
  }

  /** `Local/exten@context`: the ;1 half is the originated leg, the ;2 half runs the dialplan. */
  private makeLocalPair(p: OriginateParams, rest: string, leg: LegInit): SimChannel {
    const { table } = this.d;
    const [extenAt = rest] = rest.split('/');
    const at = extenAt.lastIndexOf('@');
    const exten = at >= 0 ? extenAt.slice(0, at) : extenAt;
    const context = at >= 0 ? extenAt.slice(at + 1) : 'default';
    const seq = table.nextNameSeq('Local');
    const id1 = p.channelId ?? table.newUniqueId();
    const id2 = p.otherChannelId ?? (p.channelId ? `${p.channelId};2` : table.newUniqueId());
    const ch1 = table.make({
      ...leg,
      id: id1,
      name: `Local/${exten}@${context}-${seq};1`,
      tech: 'Local',
      state: 'Down',
      half: 1,
      peerId: id2,
      originated: true,
      context: p.context ?? 'default',
      exten: p.extension ?? 's',
      priority: p.priority ?? 1,
    });
    table.make({
      id: id2,
      name: `Local/${exten}@${context}-${seq};2`,
      tech: 'Local',
      state: 'Ring',
      half: 2,
      peerId: id1,
      caller: leg.caller,
      context,
      exten,
      dormant: leg.dormant,
    });
    if (p.app) this.d.apps.subscribeChannel(p.app, id2, 'origin');
    return ch1;
  }

  /** `PJSIP/resource`: one leg towards a (simulated) phone or trunk. */
  private makePjsipLeg(p: OriginateParams, rest: string, leg: LegInit): SimChannel {
    const { table } = this.d;
    const resource = rest.split('/')[0] ?? rest;
    return table.make({
      ...leg,
      id: p.channelId ?? table.newUniqueId(),
      name: `PJSIP/${resource}-${table.nextNameSeq('PJSIP')}`,
      tech: 'PJSIP',
      state: 'Down',
      originated: true,
      endpoint: `PJSIP/${resource}`,
      context: p.context ?? 'default',
      exten: p.extension ?? 's',
    });
  }

  /** `POST /channels/{id}/dial`: a created channel starts ringing its far end. */
  dialCreated(ch: SimChannel, timeoutSec: number): void {
    if (!ch.dormant || !ch.dial) throw ariError(409, 'Channel is not in a state to be dialed');
    ch.dial.timeoutSec = timeoutSec;
    this.d.scheduler.defer(() => this.startDial(ch));
  }

  private startDial(ch1: SimChannel): void {
    if (ch1.hungUp || !ch1.dial) return;
    const dial = ch1.dial;
    if (dial.app && !this.d.apps.isActive(dial.app)) {
      // The app is not connected: Asterisk answers 200 but the channel is gone a moment later.
      this.d.hangups.hangup(ch1, { hr: null, cause: 16 });
      return;
    }
    ch1.dormant = false;
    const ch2 = this.d.table.peerOf(ch1);
    if (ch2) ch2.dormant = false;
    this.d.events.emitDial(ch1, '');
    if (ch1.tech === 'Local' && ch2) {
      const behaviour = localBehaviour(this.d.dialplan, ch2.exten, ch2.context);
      if (!behaviour) this.d.hangups.hangup(ch1, { hr: null, cause: 1 });
      else this.runLocalDialplan(ch1, ch2, behaviour);
      return;
    }
    this.d.outside.dialPhone(ch1);
  }

  /** What the ;2 half of a Local pair does with the call, as the simulated dialplan says. */
  private runLocalDialplan(ch1: SimChannel, ch2: SimChannel, behaviour: LocalBehaviour): void {
    const { events } = this.d;
    switch (behaviour.kind) {
      case 'answer':
        ch2.appName = 'Answer';
        events.setState(ch2, 'Up');
        this.answered(ch1);
        ch2.appName = 'Wait';
        ch2.appData = '60';
        return;
      case 'ring':
        ch2.appName = 'Ringing';
        events.setState(ch1, 'Ringing');
        events.emitDial(ch1, 'RINGING');
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
        if (!this.d.stasis.enter(ch2, behaviour.app, behaviour.args ?? [])) {
          // STASISSTATUS=FAILED and the dialplan goes on to the next priority (observed on
          // 22.10.1 for Local channels too): a fallback that rings, or the end of the dialplan.
          if (behaviour.fallback === 'end')
            this.d.scheduler.defer(() => this.d.hangups.hangup(ch2, { hr: null, cause: 16 }));
          else {
            // The fallback rings until the caller gives up: Ringing() reaches the ;1 half
            // (state Ringing, Dial RINGING), then Wait(60) (trace R5).
            ch2.priority += 2;
            ch2.appName = 'Wait';
            ch2.appData = '60';
            events.setState(ch1, 'Ringing');
            events.emitDial(ch1, 'RINGING');
          }
        }
        return;
    }
  }

  /** The caller gives up after the dial timeout (cause 19, no answer). */
  armTimeout(ch1: SimChannel): void {
    const sec = ch1.dial?.timeoutSec ?? 30;
    if (!ch1.dial || sec <= 0) return;
    ch1.dial.timeoutTimer = this.d.scheduler.after(sec * 1000, () => {
      if (ch1.hungUp || ch1.state === 'Up') return;
      this.d.hangups.hangup(ch1, { hr: null, cause: 19 });
    });
  }

  /** The far end answered an outbound leg (Local dialplan Answer(), or a simulated phone). */
  answered(ch1: SimChannel): void {
    if (ch1.hungUp || ch1.state === 'Up') return;
    ch1.dial?.timeoutTimer?.cancel();
    ch1.dial?.answerTimer?.cancel();
    this.d.events.setState(ch1, 'Up');
    this.d.events.emitDial(ch1, 'ANSWER');
    this.d.outside.legAnswered(ch1);
    const app = ch1.dial?.app;
    // A channel made by /channels/create is already in Stasis when it is dialled.
    if (app && !ch1.stasisApp && !this.d.stasis.enter(ch1, app, ch1.dial?.appArgs ?? [])) {
      this.d.scheduler.defer(() => this.d.hangups.hangup(ch1, { hr: null, cause: 16 }));
    }
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
