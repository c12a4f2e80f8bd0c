import type { PhoneMode } from '@cc1357/contracts';
import { ariError } from './errors';
import type { Pbx } from './pbx';
import type { SimChannel } from './types';

export interface PhoneState {
  endpoint: string;
  mode: PhoneMode;
  answerAfterMs: number;
  ringingChannelId: string | null;
  activeChannelId: string | null;
}

export interface CallRecord {
  channelId: string;
  from: string;
  to: string;
  route: 'stasis' | 'fallback' | 'unrouted';
  hungUp: boolean;
  cause: number | null;
}

const MAX_REMEMBERED_CALLS = 10_000;

/**
 * The outside world the steering API plays: the PSTN delivering calls to the trunk, callers'
 * keypads and hang-ups, and the agents' phones (PJSIP endpoints) ringing, answering, rejecting.
 */
export class OutsideWorld {
  readonly phones = new Map<string, PhoneState>();
  readonly calls = new Map<string, CallRecord>();

  constructor(private readonly pbx: Pbx) {}

  phone(endpoint: string): PhoneState {
    let phone = this.phones.get(endpoint);
    if (!phone) {
      phone = { endpoint, mode: 'manual', answerAfterMs: 500, ringingChannelId: null, activeChannelId: null };
      this.phones.set(endpoint, phone);
    }
    return phone;
  }

  dialPhone(ch1: SimChannel): void {
    const phone = this.phone(ch1.endpoint ?? `PJSIP/${ch1.name}`);
    switch (phone.mode) {
      case 'offline':
        this.pbx.emitDial(ch1, 'CHANUNAVAIL');
        this.pbx.hangupChannel(ch1, { hr: null, cause: 20 });
        return;
      case 'reject':
        this.pbx.emitDial(ch1, 'BUSY');
        this.pbx.hangupChannel(ch1, { hr: null, cause: 17 });
        return;
      default:
        this.pbx.setState(ch1, 'Ringing');
        this.pbx.emitDial(ch1, 'RINGING');
        phone.ringingChannelId = ch1.id;
        this.pbx.simEvent({ type: 'phone.ringing', endpoint: phone.endpoint, channelId: ch1.id });
        this.pbx.armTimeout(ch1);
        if (phone.mode === 'autoAnswer' && ch1.dial) {
          ch1.dial.answerTimer = this.pbx.scheduler.after(phone.answerAfterMs, () => this.pbx.answered(ch1));
        }
    }
  }

  answerPhone(endpoint: string): void {
    const phone = this.phones.get(endpoint);
    const ch = phone?.ringingChannelId ? this.pbx.channels.get(phone.ringingChannelId) : undefined;
    if (!phone || !ch || ch.hungUp) throw ariError(409, `Phone ${endpoint} is not ringing`);
    this.pbx.answered(ch);
  }

  rejectPhone(endpoint: string): void {
    const phone = this.phones.get(endpoint);
    const ch = phone?.ringingChannelId ? this.pbx.channels.get(phone.ringingChannelId) : undefined;
    if (!phone || !ch || ch.hungUp) throw ariError(409, `Phone ${endpoint} is not ringing`);
    this.pbx.emitDial(ch, 'BUSY');
    this.pbx.hangupChannel(ch, { hr: null, cause: 17 });
  }

  placeCall(from: string, to: string, callerName?: string): CallRecord {
    const trunk = this.pbx.deps.dialplan.trunk;
    const route = this.pbx.deps.dialplan.inbound[to];
    const ch = this.pbx.makeChannel({
      id: this.pbx.newUniqueId(),
      name: `PJSIP/${trunk}-${this.pbx.nextNameSeq('PJSIP')}`,
      tech: 'PJSIP',
      state: 'Ring',
      caller: { name: callerName ?? '', number: from },
      context: 'from-pstn',
      exten: to,
      endpoint: `PJSIP/${trunk}`,
    });
    const call: CallRecord = { channelId: ch.id, from, to, route: 'unrouted', hungUp: false, cause: null };
    this.calls.set(ch.id, call);
    // Keep the fate of recent calls only (Maps iterate oldest first).
    if (this.calls.size > MAX_REMEMBERED_CALLS) this.calls.delete(this.calls.keys().next().value ?? '');
    if (!route) {
      this.pbx.scheduler.defer(() => this.pbx.hangupChannel(ch, { hr: null, cause: 1 }));
      return call;
    }
    if (this.pbx.enterStasis(ch, route.app, route.args)) {
      call.route = 'stasis';
    } else {
      // STASISSTATUS=FAILED: the dialplan's fallback priority takes the call; the caller hears
      // ringing until they give up.
      call.route = 'fallback';
      ch.appName = 'Ringing';
      ch.appData = '';
      this.pbx.simEvent({ type: 'call.fallback', channelId: ch.id });
    }
    return call;
  }

  /** The outside party hangs up (SIP BYE: no cause in ChannelHangupRequest). */
  remoteHangup(ch: SimChannel, cause = 16): void {
    if (ch.tech === 'Local') {
      const target = ch.half === 2 ? (this.pbx.peerOf(ch) ?? ch) : ch;
      this.pbx.hangupChannel(target, { hr: { cause }, cause });
      return;
    }
    if (ch.state !== 'Up' && ch.dial) {
      this.pbx.emitDial(ch, 'CANCEL');
      this.pbx.hangupChannel(ch, { hr: null, cause });
      return;
    }
    this.pbx.hangupChannel(ch, { hr: {}, cause });
  }

  /** The caller presses keys: 100 ms tones `gapMs` apart. */
  pressDigits(ch: SimChannel, digits: string, gapMs: number): void {
    this.pbx.receiveDtmf(ch, digits, { before: 0, between: gapMs, duration: 100, latency: 0 });
  }

  /** An outbound leg to a phone was answered. */
  legAnswered(ch1: SimChannel): void {
    if (!ch1.endpoint) return;
    const phone = this.phones.get(ch1.endpoint);
    if (phone && phone.ringingChannelId === ch1.id) {
      phone.ringingChannelId = null;
      phone.activeChannelId = ch1.id;
    }
    this.pbx.simEvent({ type: 'phone.answered', endpoint: ch1.endpoint, channelId: ch1.id });
  }

  /** A channel is destroyed: free its phone, record the call's fate. */
  channelGone(ch: SimChannel, cause: number): void {
    if (ch.endpoint) {
      const phone = this.phones.get(ch.endpoint);
      if (phone?.ringingChannelId === ch.id) phone.ringingChannelId = null;
      if (phone?.activeChannelId === ch.id) phone.activeChannelId = null;
    }
    const call = this.calls.get(ch.id);
    if (call) {
      call.hungUp = true;
      call.cause = cause;
    }
  }
}
