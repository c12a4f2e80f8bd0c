import { ariError, playbackNotFound } from './errors';
import type { Pbx } from './pbx';
import type { SimBridge, SimChannel, SimPlayback } from './types';

type Target = { kind: 'channel'; ch: SimChannel } | { kind: 'bridge'; b: SimBridge };

/**
 * Playbacks queue per channel (shared with channel recordings) or per bridge. The 201 answer
 * carries state `queued`; PlaybackStarted follows right after (ARI-FACTS §5).
 */
export class PlaybackEngine {
  readonly playbacks = new Map<string, SimPlayback>();

  /** Requests waiting for channels' playbacks to end (bridge moves of a channel playing in a bridge). */
  private quietWaiters: { channelIds: string[]; resolve: () => void }[] = [];

  constructor(private readonly pbx: Pbx) {}

  /**
   * Resolves when none of these channels has a playback of its own (playing or queued) while it
   * is in a bridge. Observed on 22.10.1: a channel in a bridge plays synchronously on its Stasis
   * control thread, so a later command for it — `removeChannel`, `addChannel` to another bridge —
   * is answered only after that playback ended (stopped, finished, or the channel hung up).
   */
  whenQuiet(channelIds: string[]): Promise<void> {
    if (!this.busyInBridge(channelIds)) return Promise.resolve();
    return new Promise((resolve) => this.quietWaiters.push({ channelIds, resolve }));
  }

  private busyInBridge(channelIds: string[]): boolean {
    return channelIds.some((id) => {
      const ch = this.pbx.channels.get(id);
      return !!ch && !ch.hungUp && !!ch.bridgeId && ch.media.some((m) => m.kind === 'playback');
    });
  }

  private wakeQuiet(): void {
    if (this.quietWaiters.length === 0) return;
    const still: typeof this.quietWaiters = [];
    for (const w of this.quietWaiters) {
      if (this.busyInBridge(w.channelIds)) still.push(w);
      else w.resolve();
    }
    this.quietWaiters = still;
  }

  json(pb: SimPlayback): Record<string, unknown> {
    const out: Record<string, unknown> = {
      id: pb.id,
      media_uri: pb.media[pb.index] ?? '',
      target_uri: `${pb.targetKind}:${pb.targetId}`,
      language: pb.language,
      // A paused playback still reports `playing`: the spec's state list has no `paused`.
      state: pb.state === 'paused' ? 'playing' : pb.state,
    };
    const next = pb.media[pb.index + 1];
    if (next !== undefined) out.next_media_uri = next;
    return out;
  }

  require(id: string): SimPlayback {
    const pb = this.playbacks.get(id);
    if (!pb) throw playbackNotFound();
    return pb;
  }

  private emit(type: string, pb: SimPlayback): void {
    const subjects = pb.targetKind === 'channel' ? { channels: [pb.targetId] } : { bridges: [pb.targetId] };
    this.pbx.apps.deliver(type, { playback: this.json(pb) }, subjects);
  }

  /** Queue a playback; returns the `queued` snapshot for the 201 answer. */
  play(target: Target, media: string[], o: { playbackId?: string; lang?: string }): Record<string, unknown> {
    const id = o.playbackId ?? crypto.randomUUID();
    if (this.playbacks.has(id)) throw ariError(409, `Playback with id '${id}' already exists`);
    const targetId = target.kind === 'channel' ? target.ch.id : target.b.id;
    const pb: SimPlayback = {
      id,
      media,
      index: 0,
      targetKind: target.kind,
      targetId,
      language: o.lang ?? 'en',
      state: 'queued',
      currentDurationMs: 0,
    };
    this.playbacks.set(id, pb);
    const snapshot = this.json(pb);
    if (target.kind === 'channel') target.ch.media.push({ kind: 'playback', id });
    else target.b.media.push(id);
    this.pbx.scheduler.defer(() => this.advanceTarget(pb.targetKind, pb.targetId));
    return snapshot;
  }

  /** Start whatever is at the head of a target's queue if nothing is active. */
  advanceTarget(kind: 'channel' | 'bridge', id: string): void {
    if (kind === 'channel') {
      const ch = this.pbx.channels.get(id);
      if (!ch || ch.hungUp) return;
      const head = ch.media[0];
      if (!head) return;
      if (head.kind === 'recording') {
        this.pbx.recordings.startQueued(head.name);
        return;
      }
      const pb = this.playbacks.get(head.id);
      if (pb && pb.state === 'queued') this.start(pb);
    } else {
      const b = this.pbx.bridges.bridges.get(id);
      const head = b?.media[0];
      const pb = head ? this.playbacks.get(head) : undefined;
      if (pb && pb.state === 'queued') this.start(pb);
    }
  }

  private start(pb: SimPlayback): void {
    pb.state = 'playing';
    this.emit('PlaybackStarted', pb);
    // On a holding bridge that plays music the playback starts and fails at once (observed on
    // 22.10.1: 201, PlaybackStarted, PlaybackFinished failed); stop the music first to be heard.
    const b = pb.targetKind === 'bridge' ? this.pbx.bridges.bridges.get(pb.targetId) : undefined;
    if (b && b.type === 'holding' && b.moh) {
      this.finish(pb, 'failed');
      return;
    }
    this.runCurrentMedia(pb);
  }

  private runCurrentMedia(pb: SimPlayback): void {
    const uri = pb.media[pb.index] ?? '';
    const ms = this.pbx.deps.media.durationMs(uri);
    if (ms === null) {
      this.finish(pb, 'failed');
      return;
    }
    pb.currentDurationMs = ms;
    pb.timer = this.pbx.scheduler.after(ms, () => this.mediaDone(pb));
  }

  private mediaDone(pb: SimPlayback): void {
    if (!this.playbacks.has(pb.id)) return;
    if (pb.index + 1 < pb.media.length) {
      pb.state = 'continuing';
      this.emit('PlaybackContinuing', pb);
      pb.index += 1;
      pb.state = 'playing';
      this.emit('PlaybackStarted', pb);
      this.runCurrentMedia(pb);
      return;
    }
    this.finish(pb, 'done');
  }

  private dequeue(pb: SimPlayback): void {
    if (pb.targetKind === 'channel') {
      const ch = this.pbx.channels.get(pb.targetId);
      if (ch) ch.media = ch.media.filter((m) => !(m.kind === 'playback' && m.id === pb.id));
    } else {
      const b = this.pbx.bridges.bridges.get(pb.targetId);
      if (b) b.media = b.media.filter((m) => m !== pb.id);
    }
  }

  private finish(pb: SimPlayback, state: 'done' | 'failed', announce: 'now' | 'afterReply' = 'now'): void {
    pb.timer?.cancel();
    pb.state = state;
    this.playbacks.delete(pb.id);
    this.dequeue(pb);
    const announceAndAdvance = () => {
      this.emit('PlaybackFinished', pb);
      this.advanceTarget(pb.targetKind, pb.targetId);
      this.wakeQuiet();
    };
    if (announce === 'now') announceAndAdvance();
    else this.pbx.scheduler.defer(announceAndAdvance);
  }

  /** DELETE /playbacks/{id}: 204 first, then PlaybackFinished `done` and the next queued item (trace P1). */
  stop(pb: SimPlayback): void {
    this.finish(pb, 'done', 'afterReply');
  }

  control(pb: SimPlayback, operation: string, skipMs = 3000): void {
    if (!['restart', 'pause', 'unpause', 'reverse', 'forward'].includes(operation)) {
      throw ariError(400, 'Invalid operation');
    }
    if (pb.state === 'queued') throw ariError(409, 'Playback not playing');
    const reschedule = (ms: number) => {
      pb.timer?.cancel();
      pb.timer = this.pbx.scheduler.after(Math.max(0, ms), () => this.mediaDone(pb));
    };
    const remaining = pb.state === 'paused' ? (pb.pausedRemainingMs ?? 0) : (pb.timer?.remainingSimMs() ?? 0);
    switch (operation) {
      case 'pause':
        if (pb.state === 'paused') return;
        pb.timer?.cancel();
        pb.pausedRemainingMs = remaining;
        pb.state = 'paused';
        return;
      case 'unpause':
        if (pb.state !== 'paused') return;
        pb.state = 'playing';
        reschedule(remaining);
        return;
      case 'restart':
        if (pb.state === 'paused') pb.pausedRemainingMs = pb.currentDurationMs;
        else reschedule(pb.currentDurationMs);
        return;
      case 'reverse':
        if (pb.state === 'paused') pb.pausedRemainingMs = Math.min(pb.currentDurationMs, remaining + skipMs);
        else reschedule(Math.min(pb.currentDurationMs, remaining + skipMs));
        return;
      case 'forward':
        if (pb.state === 'paused') pb.pausedRemainingMs = Math.max(0, remaining - skipMs);
        else reschedule(remaining - skipMs);
        return;
    }
  }

  /**
   * The channel hung up: the playing item fails, queued ones report Started + Finished(failed)
   * in a burst (trace P2); a channel recording ends with what it has.
   */
  channelGone(ch: SimChannel): void {
    const items = ch.media;
    ch.media = [];
    for (const item of items) {
      if (item.kind === 'recording') {
        this.pbx.recordings.targetGone(item.name);
        continue;
      }
      const pb = this.playbacks.get(item.id);
      if (!pb) continue;
      pb.timer?.cancel();
      if (pb.state === 'queued') {
        pb.state = 'playing';
        this.emit('PlaybackStarted', pb);
      }
      pb.state = 'failed';
      this.emit('PlaybackFinished', pb);
      this.playbacks.delete(pb.id);
    }
    this.wakeQuiet();
  }

  bridgeGone(b: SimBridge): void {
    const ids = b.media;
    b.media = [];
    for (const id of ids) {
      const pb = this.playbacks.get(id);
      if (!pb) continue;
      pb.timer?.cancel();
      pb.state = 'done';
      this.emit('PlaybackFinished', pb);
      this.playbacks.delete(id);
    }
  }

  close(): void {
    for (const pb of this.playbacks.values()) pb.timer?.cancel();
    for (const w of this.quietWaiters) w.resolve();
    this.quietWaiters = [];
  }
}
