import type { Pbx } from './pbx';
import type { SimChannel } from './types';

/** When each digit of a string sounds (simulated ms): a pause first, then tone + gap per digit. */
export interface DigitTiming {
  before: number;
  between: number;
  duration: number;
}

/**
 * DTMF: digits an app sends (`POST /channels/{id}/dtmf`), digits heard from outside, and what a
 * bridge passes on. Every digit heard is one ChannelDtmfReceived, reported when its tone ends.
 */
export class DtmfEngine {
  constructor(private readonly pbx: Pbx) {}

  /** A Local channel's digits come out of its other half (100 ms later); a phone just hears them. */
  send(ch: SimChannel, digits: string, o: DigitTiming): void {
    const receiver = ch.tech === 'Local' ? this.pbx.peerOf(ch) : undefined;
    if (receiver) this.receive(receiver, digits, { ...o, latency: 100 });
  }

  /**
   * Reported when each tone has ended (plus `latency`); a receiver that hangs up hears no more.
   * Each digit's timer is armed by the one before: Node runs timers of different durations in
   * their lists' order, so on a busy machine a later digit armed alongside could fire first.
   */
  receive(receiver: SimChannel, digits: string, o: DigitTiming & { latency: number }): void {
    const sequence = [...digits];
    const hear = (i: number, delay: number): void => {
      if (i >= sequence.length) return;
      this.pbx.scheduler.after(delay, () => {
        if (receiver.hungUp) return;
        const digit = sequence[i]!;
        this.pbx.emitChannel('ChannelDtmfReceived', receiver, { digit, duration_ms: o.duration });
        this.passThroughBridge(receiver, digit, o.duration);
        hear(i + 1, o.duration + o.between);
      });
    };
    hear(0, o.before + o.duration + o.latency);
  }

  /**
   * A mixing bridge (plain or `dtmf_events`) passes a digit on to the other parties; for the
   * near half of a Local pair it comes out of the far half, which reports it at the same moment
   * (trace R4). A holding bridge passes nothing; a phone just hears the tone.
   */
  private passThroughBridge(from: SimChannel, digit: string, duration: number): void {
    const b = from.bridgeId ? this.pbx.bridges.bridges.get(from.bridgeId) : undefined;
    if (!b || b.type !== 'mixing') return;
    for (const id of b.channels) {
      if (id === from.id) continue;
      const party = this.pbx.channels.get(id);
      const far = party?.tech === 'Local' ? this.pbx.peerOf(party) : undefined;
      if (far && !far.hungUp) this.pbx.emitChannel('ChannelDtmfReceived', far, { digit, duration_ms: duration });
    }
  }
}
