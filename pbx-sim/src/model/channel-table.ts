import type { ChannelEvents } from './channel-events';
import type { Scheduler } from './clock';
import { channelNotFound, invalidState, notInStasis } from './errors';
import type { SimChannel } from './types';

/**
 * The live channels: their ids and names, their construction, and the lookups the ARI routes
 * make, with ARI's error semantics (ARI-FACTS §7).
 */
export class ChannelTable {
  readonly channels = new Map<string, SimChannel>();
  private uniqueSeq = 0;
  private readonly nameSeq = new Map<string, number>();

  constructor(
    private readonly scheduler: Scheduler,
    private readonly events: ChannelEvents,
  ) {}

  // ---- ids and names ------------------------------------------------------------------------

  newUniqueId(): string {
    return `${Math.floor(this.scheduler.now() / 1000)}.${this.uniqueSeq++}`;
  }

  nextNameSeq(tech: string): string {
    const n = this.nameSeq.get(tech) ?? 0;
    this.nameSeq.set(tech, n + 1);
    return n.toString(16).padStart(8, '0');
  }

  idTaken(id: string | undefined): boolean {
    return !!id && this.channels.has(id);
  }

  // ---- lookups ------------------------------------------------------------------------------

  get(id: string): SimChannel | undefined {
    const ch = this.channels.get(id);
    return ch && !ch.hungUp && !ch.hangupRequested ? ch : undefined;
  }

  require(id: string): SimChannel {
    const ch = this.get(id);
    if (!ch) throw channelNotFound();
    return ch;
  }

  /** find_control: 404 when gone, 409 when it exists outside Stasis. */
  requireControl(id: string): SimChannel {
    const ch = this.require(id);
    if (!ch.stasisApp) throw notInStasis();
    return ch;
  }

  /** channel_state_invalid: Down / Rsrved / Ringing cannot take media operations. */
  requireUsable(ch: SimChannel): SimChannel {
    if (ch.state === 'Down' || ch.state === 'Rsrved' || ch.state === 'Ringing') throw invalidState();
    return ch;
  }

  /** The other half of a Local pair (still known even while it is being torn down). */
  peerOf(ch: SimChannel): SimChannel | undefined {
    return ch.peerId ? this.channels.get(ch.peerId) : undefined;
  }

  // ---- construction -------------------------------------------------------------------------

  make(init: Partial<SimChannel> & Pick<SimChannel, 'id' | 'name' | 'tech' | 'state'>): SimChannel {
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
    if (!ch.dormant || ch.half !== 2) this.events.emitChannel('ChannelCreated', ch);
    return ch;
  }
}
