import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { LiveCall } from '../../core/call';
import type { AriPort } from '../../adapters/ari/port';
import { type PlatformPromptId, promptMedia } from '../../adapters/ivr';
import type { Scheduler, TimerHandle } from '../../clock/scheduler';
import type { CallFeed, CallMemory, EffectHandlers } from './effects';

/** Longest an announcement may take before we stop waiting for its PlaybackFinished (scheduler ms). */
const ANNOUNCE_GUARD_MS = 120_000;

export interface AnnouncerDeps {
  ari: AriPort;
  scheduler: Scheduler;
  calls: CallFeed;
}

/**
 * Prompts played to a caller outside the IVR (an apology after a failed transfer); `announced`
 * goes back to the machine when they finish, fail on a live channel, or never report back.
 */
export class Announcer implements CallMemory {
  /** Playback id → call. */
  private readonly announcements = new Map<string, { callId: string; channelId: string; guard: TimerHandle }>();

  constructor(private readonly deps: AnnouncerDeps) {}

  handlers(): Pick<EffectHandlers, 'announce'> {
    return {
      // `satisfies`: an apology the core names must be one of ivr-flows' platform prompts.
      announce: (effect, { call, log }) =>
        this.announce(call, [promptMedia(effect.apology satisfies PlatformPromptId)], log),
    };
  }

  /**
   * A PlaybackFinished that may be one of our announcements; true if it was. A `failed` one whose
   * caller is gone (a hang-up mid-announcement) is not "announced": the caller's StasisEnd ends the
   * call, instead of it being queued or hung up as if they had heard it.
   */
  playbackFinished(playbackId: string, state: string = 'done'): boolean {
    const a = this.announcements.get(playbackId);
    if (!a) return false;
    this.announcements.delete(playbackId);
    this.deps.scheduler.clearTimeout(a.guard);
    const announced = () => this.deps.calls.feed(a.callId, { type: 'announced' });
    if (state !== 'failed') void announced();
    else
      void this.deps.ari
        .channelExists(a.channelId)
        .catch(() => true)
        .then((present) => (present ? announced() : undefined));
    return true;
  }

  /** Whether a prompt of ours is playing to the call. */
  busyWith(callId: string): boolean {
    return [...this.announcements.values()].some((a) => a.callId === callId);
  }

  forget(callId: string): void {
    for (const [playbackId, a] of this.announcements) {
      if (a.callId !== callId) continue;
      this.deps.scheduler.clearTimeout(a.guard);
      this.announcements.delete(playbackId);
    }
  }

  close(): void {
    for (const a of this.announcements.values()) this.deps.scheduler.clearTimeout(a.guard);
    this.announcements.clear();
  }

  private async announce(call: LiveCall, media: string[], log: Logger): Promise<void> {
    const playbackId = randomUUID();
    const guard = this.deps.scheduler.setTimeout(() => this.playbackFinished(playbackId), ANNOUNCE_GUARD_MS);
    this.announcements.set(playbackId, { callId: call.callId, channelId: call.callerChannelId, guard });
    try {
      await this.deps.ari.play(call.callerChannelId, media, playbackId);
    } catch (err) {
      log.warn({ err: String(err) }, 'announcement failed to play; moving on');
      this.playbackFinished(playbackId);
    }
  }
}
