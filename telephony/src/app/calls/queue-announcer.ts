import { randomUUID } from 'node:crypto';
import { QUEUE_IDS, type QueueId } from '@cc1357/contracts';
import type { Logger } from 'pino';
import type { AriPort } from '../../adapters/ari/port';
import { type PlatformPromptId, promptMedia } from '../../adapters/ivr';
import type { LiveState } from '../../adapters/redis/live-state';
import type { Scheduler, TimerHandle } from '../../clock/scheduler';
import type { CallEvent, LiveCall } from '../../core/call';
import {
  type QueuePromptId,
  type QueueWaitSettings,
  announcementDue,
  maxWaitDue,
  placesInLine,
} from '../../core/queue-announce';
import type { CallFeed, CallMemory, EffectHandlers } from './effects';

/** Compile-time check: every prompt the core names is one of ivr-flows' platform prompts. */
const asPlatformPrompt = (id: QueuePromptId): PlatformPromptId => id;

/** Longest an announcement is taken to play when its PlaybackFinished never came (scheduler ms). */
const PLAYING_GUARD_MS = 120_000;

/** Longest the queue is looked at for callers' places (the ones further back hear "many"). */
const QUEUE_SCAN = 200;

export interface QueueAnnouncerDeps {
  node: string;
  ari: AriPort;
  state: LiveState;
  scheduler: Scheduler;
  calls: CallFeed;
  settings: QueueWaitSettings;
  /** The estimated wait of a caller with `ahead` callers before them (IvrFacts, core/wait-estimate). */
  waitFor(queue: QueueId, ahead: number): Promise<number>;
  /** The places (scores) of the queue's virtual-hold tickets below `below`, at most `limit`. */
  ticketScores?(queue: QueueId, below: number, limit: number): Promise<number[]>;
  log: Logger;
}

/**
 * Queue announcements and the maximum wait (issue 16), the effects side: a sweep over this node's
 * queued callers (every few seconds, from the call records in Redis, so a restart loses nothing)
 * feeds `queueAnnounce` / `maxWait` to the machine when due; the machine decides and asks for
 * `playQueueAnnouncement` / `stopQueueAnnouncement`. Playbacks of ours are told apart by id; one
 * that is still playing is not followed by another.
 */
export class QueueAnnouncer implements CallMemory {
  /** callId → our playback: its id, the play request, and whether it is over. */
  private readonly playing = new Map<
    string,
    { playbackId: string; request: Promise<void>; done: boolean; startedMs: number }
  >();
  /** callId → the stop of its announcement under way (the bridge move waits for it). */
  private readonly stopping = new Map<string, Promise<void>>();
  /** Calls with an event of ours on its way to the machine (not fed twice by overlapping sweeps). */
  private readonly pending = new Set<string>();
  private timer: TimerHandle | null = null;
  private sweeping = false;
  private closed = false;

  constructor(private readonly deps: QueueAnnouncerDeps) {}

  /** Whether anything is configured (no sweep otherwise). */
  get enabled(): boolean {
    const { announceSeconds, maxWaitSeconds } = this.deps.settings;
    return announceSeconds > 0 || Object.keys(maxWaitSeconds).length > 0;
  }

  handlers(): Pick<EffectHandlers, 'playQueueAnnouncement' | 'stopQueueAnnouncement'> {
    return {
      playQueueAnnouncement: async (effect, { call, log }) => {
        const media = effect.prompts.map((id) => promptMedia(asPlatformPrompt(id)));
        const entry = {
          playbackId: effect.playbackId,
          done: false,
          startedMs: this.deps.scheduler.now().getTime(),
          request: this.deps.ari.play(call.callerChannelId, media, effect.playbackId).catch((err: unknown) => {
            log.warn({ err: String(err) }, 'queue announcement did not play');
            entry.done = true;
          }),
        };
        this.playing.set(call.callId, entry);
        await entry.request;
      },
      // Not awaited by the offer (the ring goes first); the bridge move awaits `quiet`.
      stopQueueAnnouncement: async (effect, { call }) => {
        this.stopping.set(call.callId, this.stop(call.callId, effect.playbackId));
      },
    };
  }

  /** Resolves once the call's announcement is stopped (or there is none): before the caller is bridged. */
  async quiet(callId: string): Promise<void> {
    await this.stopping.get(callId);
  }

  /** A PlaybackFinished that may be one of ours; true if it was. */
  playbackFinished(playbackId: string): boolean {
    for (const entry of this.playing.values()) {
      if (entry.playbackId !== playbackId) continue;
      entry.done = true;
      return true;
    }
    return false;
  }

  forget(callId: string): void {
    this.playing.delete(callId);
    this.stopping.delete(callId);
  }

  start(): void {
    if (!this.enabled || this.closed) return;
    const { settings, scheduler } = this.deps;
    // Often enough for the shortest setting, never more than once a second (of the scheduler's clock).
    const periods = [settings.announceSeconds, ...Object.values(settings.maxWaitSeconds)].filter((s) => s > 0);
    const everyMs = Math.min(5_000, Math.max(1_000, (Math.min(...periods) * 1000) / 5));
    const loop = () => {
      if (this.closed) return;
      void this.sweep().finally(() => {
        if (!this.closed) this.timer = scheduler.setTimeout(loop, everyMs);
      });
    };
    this.timer = scheduler.setTimeout(loop, everyMs);
  }

  close(): void {
    this.closed = true;
    if (this.timer) this.deps.scheduler.clearTimeout(this.timer);
    this.playing.clear();
    this.stopping.clear();
  }

  /** One look at every queue: this node's waiting callers due an announcement or at the maximum wait. */
  async sweep(): Promise<void> {
    if (this.sweeping || this.closed) return;
    this.sweeping = true;
    try {
      for (const queue of QUEUE_IDS) await this.sweepQueue(queue);
    } catch (err) {
      if (!this.closed) this.deps.log.error({ err: String(err) }, 'queue announcement sweep failed');
    } finally {
      this.sweeping = false;
    }
  }

  private async sweepQueue(queue: QueueId): Promise<void> {
    const { state, scheduler, settings } = this.deps;
    const head = await state.queueHeadScored(queue, QUEUE_SCAN);
    if (head.length === 0) return;
    const now = scheduler.now();
    const records = await state.getCalls(head.map((h) => h.callId));
    // The line: callers still waiting (stale entries of vanished calls skipped), in order.
    const line = head
      .map((h, i) => ({ score: h.score, call: records[i] }))
      .filter((w): w is { score: number; call: LiveCall } => {
        const call = w.call;
        return !!call && call.queue === queue && call.state === 'queued';
      });
    if (line.length === 0) return;
    // Callers on virtual hold keep their places among them: a place counts their tickets ahead.
    const tickets = (await this.deps.ticketScores?.(queue, line.at(-1)!.score, QUEUE_SCAN)) ?? [];
    const places = placesInLine(
      line.map((w) => w.score),
      tickets,
    );
    for (const [i, { call }] of line.entries()) {
      const position = places[i]!;
      if (call.node !== this.deps.node || this.pending.has(call.callId)) continue;
      if (maxWaitDue(call, now, settings)) {
        this.feed(call.callId, {
          type: 'maxWait',
          overflowTo: settings.overflowTo[queue] ?? null,
          playbackId: this.newPlaybackId(call),
        });
        continue;
      }
      if (!announcementDue(call, now, settings.announceSeconds) || this.stillPlaying(call.callId)) continue;
      const estimatedWaitSeconds = await this.deps.waitFor(queue, position - 1);
      this.feed(call.callId, {
        type: 'queueAnnounce',
        position,
        estimatedWaitSeconds,
        playbackId: this.newPlaybackId(call),
      });
    }
  }

  private feed(callId: string, event: CallEvent): void {
    this.pending.add(callId);
    void this.deps.calls
      .feed(callId, event)
      .catch((err: unknown) => this.deps.log.error({ err: String(err), callId }, 'queue announcement not fed'))
      .finally(() => this.pending.delete(callId));
  }

  /** Whether our last announcement to the call may still play (a PlaybackFinished lost in an ARI gap expires). */
  private stillPlaying(callId: string): boolean {
    const entry = this.playing.get(callId);
    return !!entry && !entry.done && this.deps.scheduler.now().getTime() - entry.startedMs < PLAYING_GUARD_MS;
  }

  private newPlaybackId(call: LiveCall): string {
    return `${call.callId}-qa-${randomUUID().slice(0, 8)}`;
  }

  /** Stops our playback once its play request is answered (so the id exists); gone already is fine. */
  private async stop(callId: string, playbackId: string): Promise<void> {
    const entry = this.playing.get(callId);
    if (entry?.playbackId === playbackId) {
      await entry.request;
      if (entry.done) return;
      entry.done = true;
    }
    // After a restart this process does not know whether it still plays: ask Asterisk to stop it.
    await this.deps.ari
      .stopPlayback(playbackId)
      .catch((err: unknown) =>
        this.deps.log.warn({ err: String(err), callId, playbackId }, 'announcement stop failed'),
      );
  }
}
