import { ariTimestamp } from './clock';
import { ariError, bridgeNotFound } from './errors';
import type { Pbx } from './pbx';
import type { SimBridge, SimBridgeSnapshot, SimChannel } from './types';

const BRIDGE_ATTRIBUTES = new Set([
  'mixing',
  'holding',
  'dtmf_events',
  'proxy_media',
  'video_sfu',
  'video_single',
  'sdp_label',
]);

/** Wall-clock time Asterisk takes to pull members out of a destroyed bridge. */
const BRIDGE_TEARDOWN_MS = 50;

export type LeaveReason = 'move' | 'remove' | 'hangup' | 'destroy';

/** Stasis bridges: membership, the smart-bridge technology switch, MOH, subscriptions. */
export class BridgeEngine {
  readonly bridges = new Map<string, SimBridge>();

  constructor(private readonly pbx: Pbx) {}

  json(b: SimBridge): SimBridgeSnapshot {
    return {
      id: b.id,
      technology: b.technology,
      bridge_type: b.type,
      bridge_class: 'stasis',
      creator: 'Stasis',
      name: b.name,
      channels: [...b.channels],
      video_mode: 'talker',
      creationtime: ariTimestamp(b.creationtime),
    };
  }

  require(id: string): SimBridge {
    const b = this.bridges.get(id);
    if (!b) throw bridgeNotFound();
    return b;
  }

  create(o: { type?: string; bridgeId?: string; name?: string }): SimBridge {
    const words = (o.type ?? 'mixing')
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean);
    if (words.some((w) => !BRIDGE_ATTRIBUTES.has(w))) {
      throw ariError(500, `Unable to create bridge. Possible duplicate bridge id '${o.bridgeId ?? '(null)'}'`);
    }
    if (o.bridgeId && this.bridges.has(o.bridgeId))
      throw ariError(409, `Bridge with id '${o.bridgeId}' already exists`);
    const type = words.includes('holding') ? 'holding' : 'mixing';
    const b: SimBridge = {
      id: o.bridgeId ?? crypto.randomUUID(),
      type,
      technology: type === 'holding' ? 'holding_bridge' : 'simple_bridge',
      name: o.name ?? '',
      channels: [],
      recorders: [],
      moh: false,
      creationtime: this.pbx.scheduler.now(),
      media: [],
    };
    this.bridges.set(b.id, b);
    this.pbx.apps.deliver('BridgeCreated', { bridge: this.json(b) }, { bridges: [b.id] });
    return b;
  }

  /** Asterisk's smart bridge: two parties talk natively (simple), three or more need softmix. */
  recompute(b: SimBridge): void {
    if (b.type !== 'mixing') return;
    b.technology = b.channels.length + b.recorders.length > 2 ? 'softmix' : 'simple_bridge';
  }

  /** Validate every id first (400 missing / 422 not in Stasis), then move them in. */
  addChannels(b: SimBridge, ids: string[]): void {
    const chans = ids.map((id) => {
      const ch = this.pbx.getChannel(id);
      if (!ch) throw ariError(400, 'Channel not found');
      return ch;
    });
    for (const ch of chans) if (!ch.stasisApp) throw ariError(422, 'Channel not in Stasis application');
    for (const ch of chans) {
      if (ch.bridgeId) {
        const from = this.bridges.get(ch.bridgeId);
        if (from) this.leave(ch, 'move');
      }
      this.enter(ch, b);
    }
  }

  removeChannels(b: SimBridge, ids: string[]): void {
    const chans = ids.map((id) => {
      const ch = this.pbx.getChannel(id);
      if (!ch) throw ariError(400, 'Channel not found');
      return ch;
    });
    for (const ch of chans) {
      if (!ch.stasisApp) throw ariError(422, 'Channel not in Stasis application');
      if (ch.bridgeId !== b.id) throw ariError(422, 'Channel not in this bridge');
    }
    for (const ch of chans) this.leave(ch, 'remove');
  }

  /**
   * The snapshot shows the technology from before the join: a third party entering a two-party
   * mixing bridge is reported with `simple_bridge`, and `softmix` shows from the next event
   * (observed on 22.10.1; the smart bridge switches after the join is announced).
   */
  private enter(ch: SimChannel, b: SimBridge): void {
    b.channels.push(ch.id);
    ch.bridgeId = b.id;
    if (ch.stasisApp) this.pbx.apps.bridgeRef(ch.stasisApp, b.id, 1);
    this.pbx.apps.deliver(
      'ChannelEnteredBridge',
      { bridge: this.json(b), channel: this.pbx.channelJson(ch) },
      { bridges: [b.id] },
    );
    this.recompute(b);
  }

  /** The snapshot shows the technology from before the leave; the switch happens after. */
  leave(ch: SimChannel, reason: LeaveReason, from?: SimBridge): void {
    const b = from ?? (ch.bridgeId ? this.bridges.get(ch.bridgeId) : undefined);
    ch.bridgeId = null;
    if (!b) return;
    b.channels = b.channels.filter((id) => id !== ch.id);
    this.pbx.apps.deliver(
      'ChannelLeftBridge',
      { bridge: this.json(b), channel: this.pbx.channelJson(ch) },
      { bridges: [b.id] },
    );
    if ((reason === 'move' || reason === 'remove') && ch.stasisApp) this.pbx.apps.bridgeRef(ch.stasisApp, b.id, -1);
    this.recompute(b);
    if (b.channels.length === 0) {
      b.moh = false;
      if (reason !== 'destroy') this.pbx.recordings.bridgeEmptied(b);
    }
  }

  /**
   * DELETE /bridges/{id}: gone at once for REST; the members leave right after the answer. An
   * empty holding bridge has nothing to pull out: Asterisk reports it destroyed right after the 204, before
   * a bridge created next under the same id (observed on 22.10.1 — a counselor's hold re-creates
   * the call's holding bridge emptied and destroyed a moment before).
   */
  destroy(b: SimBridge): void {
    this.bridges.delete(b.id);
    // Seen for holding bridges; an emptied mixing bridge still reports ~10 ms late (trace P1).
    const empty = b.type === 'holding' && b.channels.length === 0 && b.recorders.length === 0;
    const teardown = (fn: () => void) =>
      empty ? this.pbx.scheduler.defer(fn) : this.pbx.scheduler.afterWall(BRIDGE_TEARDOWN_MS, fn);
    teardown(() => {
      const members = b.channels.map((id) => this.pbx.channels.get(id)).filter((c): c is SimChannel => !!c);
      let waitingFor: SimChannel | undefined;
      for (const ch of members) {
        this.leave(ch, 'destroy', b);
        // A channel made by /channels/create and never dialled has no thread to leave with:
        // Asterisk only finishes the bridge when that channel goes (trace P6).
        if (ch.dormant) waitingFor = ch;
      }
      this.pbx.playbacks.bridgeGone(b);
      this.pbx.recordings.bridgeEmptied(b);
      b.moh = false;
      const snapshot = this.json(b);
      if (waitingFor) waitingFor.pendingBridgeDestroyed = snapshot;
      else this.publishDestroyed(snapshot);
    });
  }

  publishDestroyed(snapshot: SimBridgeSnapshot): void {
    const id = String(snapshot.id);
    // A bridge made meanwhile under the same id is another bridge: its subscribers are not told
    // the old one's end, and keep their subscription (only subscribeAll apps see the old one go).
    if (this.bridges.has(id)) return void this.pbx.apps.deliver('BridgeDestroyed', { bridge: snapshot }, {});
    this.pbx.apps.deliver('BridgeDestroyed', { bridge: snapshot }, { bridges: [id] });
    this.pbx.apps.forgetBridge(id);
  }

  startMoh(b: SimBridge): void {
    b.moh = true;
  }

  stopMoh(b: SimBridge): void {
    if (!b.moh) throw ariError(409, "Bridge isn't playing music");
    b.moh = false;
  }

  list(): SimBridge[] {
    return [...this.bridges.values()];
  }
}
