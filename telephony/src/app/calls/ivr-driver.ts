import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { isNotFound } from '../../adapters/ari/errors';
import type { AriPort } from '../../adapters/ari/port';
import type { IvrEffect, IvrEngine, IvrEvent, IvrState } from '../../adapters/ivr';
import type { Scheduler, TimerHandle } from '../../clock/scheduler';
import type { CallChains } from './call-chains';
import type { CallRecords } from './call-records';
import type { CallMemory } from './effects';
import type { IvrFacts } from './ivr-facts';
import type { IvrOutcomes } from './ivr-outcomes';
import type { IvrRequests } from './ivr-requests';

/**
 * Runs the pure IVR runner for the calls of this process: performs its effects over ARI
 * (play / stop / timers / facts) and feeds back what happened. Sessions live in memory; a call
 * whose session is lost (process restart) starts the IVR again.
 */
interface Session {
  callId: string;
  channelId: string;
  state: IvrState;
  /** ARI playback id → the runner's playId. */
  playbacks: Map<string, string>;
  timers: Map<string, TimerHandle>;
  done: boolean;
  /** Steps so far (orders ivr.step events that share a millisecond). */
  seq: number;
}

export interface IvrDriverDeps {
  engine: IvrEngine;
  ari: AriPort;
  scheduler: Scheduler;
  log: Logger;
  /** Serialises work per call (shared with the call machine). */
  chains: CallChains;
  facts: IvrFacts;
  /** Each step becomes an `ivr.step` call event. */
  records: CallRecords;
  /** Where the IVR's outcome goes when it finishes. */
  outcomes: IvrOutcomes;
  /** Carries out what a callback / SMS node asks for; the result goes back to the runner. */
  requests: IvrRequests;
}

export class IvrDriver implements CallMemory {
  private readonly sessions = new Map<string, Session>();
  private readonly byPlayback = new Map<string, string>();

  constructor(private readonly deps: IvrDriverDeps) {}

  has(callId: string): boolean {
    return this.sessions.has(callId);
  }

  /** Must be called inside `serial(callId)`. */
  async start(callId: string, channelId: string, callerNumber: string | null): Promise<void> {
    const step = this.deps.engine.start({ callId, callerNumber }, this.deps.scheduler.now());
    const session: Session = {
      callId,
      channelId,
      state: step.state,
      playbacks: new Map(),
      timers: new Map(),
      done: false,
      seq: 0,
    };
    this.sessions.set(callId, session);
    await this.perform(session, step.effects);
  }

  /** Feeds an event from outside (queued behind other work of the call). */
  feed(callId: string, event: IvrEvent): Promise<void> {
    return this.deps.chains.serial(callId, async () => {
      const session = this.sessions.get(callId);
      if (!session || session.done) return;
      const step = this.deps.engine.step(session.state, event, this.deps.scheduler.now());
      session.state = step.state;
      await this.perform(session, step.effects);
    });
  }

  digit(callId: string, digit: string): void {
    void this.feed(callId, { type: 'digit', digit });
  }

  /**
   * A PlaybackFinished from ARI; true if it was one of ours. Only `done` means the caller heard
   * the prompt. `failed` comes when the caller hangs up mid-prompt (Asterisk: hang-up request →
   * PlaybackFinished failed → StasisEnd), and also when the media is missing: the IVR moves on
   * only if the channel is still there, so a caller who left is never walked through the menu.
   */
  playbackFinished(playbackId: string, state: string = 'done'): boolean {
    const callId = this.byPlayback.get(playbackId);
    if (!callId) return false;
    this.byPlayback.delete(playbackId);
    const session = this.sessions.get(callId);
    const playId = session?.playbacks.get(playbackId);
    session?.playbacks.delete(playbackId);
    if (!session || !playId) return true;
    if (state === 'failed') void this.promptFailed(session, playId);
    else void this.feed(callId, { type: 'promptFinished', playId });
    return true;
  }

  /**
   * The channel is hanging up or gone (ChannelHangupRequest, StasisEnd): its IVR stops at once,
   * before any PlaybackFinished of the same hang-up is handled. The call itself ends on StasisEnd.
   */
  channelLeaving(channelId: string): void {
    for (const session of this.sessions.values()) if (session.channelId === channelId) this.stop(session.callId);
  }

  private promptFailed(session: Session, playId: string): Promise<void> {
    return this.deps.chains.serial(session.callId, async () => {
      if (session.done || this.sessions.get(session.callId) !== session) return;
      const present = await this.deps.ari.channelExists(session.channelId).catch(() => true);
      if (!present) {
        this.stop(session.callId);
        return;
      }
      // The caller is still there but the prompt could not play (missing media): go on rather than strand them.
      this.deps.log.warn({ callId: session.callId, playId }, 'IVR prompt failed to play; moving on');
      const step = this.deps.engine.step(session.state, { type: 'promptFinished', playId }, this.deps.scheduler.now());
      session.state = step.state;
      await this.perform(session, step.effects);
    });
  }

  /** After an ARI gap: playbacks that finished while we were deaf are reported as finished. */
  async resync(callId: string): Promise<void> {
    const session = this.sessions.get(callId);
    if (!session) return;
    for (const playbackId of [...session.playbacks.keys()]) {
      const exists = await this.deps.ari.playbackExists(playbackId).catch(() => true);
      if (!exists) this.playbackFinished(playbackId);
    }
  }

  forget(callId: string): void {
    this.stop(callId);
  }

  stop(callId: string): void {
    const session = this.sessions.get(callId);
    if (!session) return;
    session.done = true;
    for (const t of session.timers.values()) this.deps.scheduler.clearTimeout(t);
    for (const id of session.playbacks.keys()) this.byPlayback.delete(id);
    this.sessions.delete(callId);
  }

  close(): void {
    for (const id of [...this.sessions.keys()]) this.stop(id);
  }

  private async perform(session: Session, effects: IvrEffect[]): Promise<void> {
    const { ari, scheduler, log } = this.deps;
    for (const [index, effect] of effects.entries()) {
      if (session.done) return;
      switch (effect.type) {
        case 'play': {
          const playbackId = randomUUID();
          session.playbacks.set(playbackId, effect.playId);
          this.byPlayback.set(playbackId, session.callId);
          try {
            await ari.play(
              session.channelId,
              effect.prompts.map((p) => p.media),
              playbackId,
            );
          } catch (err) {
            if (isNotFound(err)) {
              // The caller hung up a moment ago (its StasisEnd is on the way): nothing more to play.
              log.debug({ callId: session.callId }, 'caller gone before the prompt; IVR stopped');
              this.stop(session.callId);
              return;
            }
            // A prompt that cannot play must not strand the caller: the runner moves on.
            log.warn({ callId: session.callId, err: String(err) }, 'IVR prompt failed');
            this.playbackFinished(playbackId);
          }
          break;
        }
        case 'stopPlay':
          for (const [playbackId, playId] of session.playbacks) {
            if (playId === effect.playId)
              await ari
                .stopPlayback(playbackId)
                .catch((err: unknown) => log.warn({ err: String(err) }, 'stop playback failed'));
          }
          break;
        case 'startTimer': {
          const old = session.timers.get(effect.timerId);
          if (old) scheduler.clearTimeout(old);
          session.timers.set(
            effect.timerId,
            scheduler.setTimeout(() => {
              session.timers.delete(effect.timerId);
              void this.feed(session.callId, { type: 'timer', timerId: effect.timerId });
            }, effect.ms),
          );
          break;
        }
        case 'cancelTimer': {
          const t = session.timers.get(effect.timerId);
          if (t) scheduler.clearTimeout(t);
          session.timers.delete(effect.timerId);
          break;
        }
        case 'query': {
          const key = effect.key;
          const queue = effect.queue;
          void this.deps.facts
            .fact(session.callId, key, queue)
            .catch(() => null)
            .then((value) => this.feed(session.callId, { type: 'fact', key, value, ...(queue ? { queue } : {}) }));
          break;
        }
        case 'step': {
          // The prompts this node plays come in the same batch, before the next step.
          const following = effects.slice(index + 1);
          const nextStep = following.findIndex((e) => e.type === 'step');
          // A callback / SMS node plays its confirmation later, once its request was taken.
          const play = (nextStep < 0 ? following : following.slice(0, nextStep)).find(
            (e) => e.type === 'play' || e.type === 'request',
          );
          const played = play?.type === 'play' ? play.prompts : play?.type === 'request' ? play.confirmation : [];
          const prompts = played.map((p) => ({ id: p.id, text: p.text }));
          void this.deps.records.ivrStep(session.callId, {
            nodeId: effect.nodeId,
            nodeType: effect.nodeType,
            ...effect.detail,
            seq: session.seq++,
            prompts,
          });
          break;
        }
        case 'request': {
          const { requestId } = effect;
          await this.deps.requests.start(session.callId, effect.request, [...session.state.path], (result) =>
            this.feed(session.callId, { type: 'requestDone', requestId, result }),
          );
          break;
        }
        case 'finish':
          this.stop(session.callId);
          await this.deps.outcomes.finished(session.callId, effect.outcome, effect.path);
          return;
      }
    }
  }
}
