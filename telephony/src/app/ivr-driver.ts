import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { AriPort } from '../adapters/ari/port';
import type { IvrEffect, IvrEngine, IvrEvent, IvrOutcome, PromptRef } from '../adapters/ivr';
import type { Scheduler, TimerHandle } from './scheduler';

/**
 * Runs the pure IVR runner for the calls of this process: performs its effects over ARI
 * (play / stop / timers / facts) and feeds back what happened. Sessions live in memory; a call
 * whose session is lost (process restart) starts the IVR again.
 */
interface Session {
  callId: string;
  channelId: string;
  state: unknown;
  /** ARI playback id → the runner's playId. */
  playbacks: Map<string, string>;
  timers: Map<string, TimerHandle>;
  done: boolean;
  /** Steps so far (orders ivr.step events that share a millisecond). */
  seq: number;
  /** Set at a callback/SMS node: its confirmation waits until crm-api has the request. */
  deferring: boolean;
  deferred: PromptRef[];
}

/**
 * Terminal nodes whose prompts only make sense once the outcome worked ("콜백 요청이
 * 접수되었습니다", "문자로 보내 드리겠습니다"): the driver tells the runner they played at once
 * and hands them to the call service, which plays them — or an apology — after crm-api answers.
 */
const DEFERRED_NODE_TYPES = new Set(['callback', 'sms']);

export interface IvrDriverDeps {
  engine: IvrEngine;
  ari: AriPort;
  scheduler: Scheduler;
  log: Logger;
  /** Serialises work per call (shared with the call service). */
  serial: (callId: string, work: () => Promise<void>) => Promise<void>;
  facts: (callId: string, key: 'callerKnown' | 'estimatedWaitSeconds', queue?: string) => Promise<unknown>;
  /** `data` = the step's `detail` plus `seq` and the prompts the node plays (`[{ id, text }]`). */
  onStep: (callId: string, effect: Extract<IvrEffect, { type: 'step' }>, data: Record<string, unknown>) => void;
  /** `deferredPrompts`: the confirmation of a callback/SMS node, not played yet. */
  onFinish: (callId: string, outcome: IvrOutcome, path: string[], deferredPrompts: PromptRef[]) => Promise<void>;
}

export class IvrDriver {
  private readonly sessions = new Map<string, Session>();
  private readonly byPlayback = new Map<string, string>();

  constructor(private readonly deps: IvrDriverDeps) {}

  has(callId: string): boolean {
    return this.sessions.has(callId);
  }

  /** Must be called inside `serial(callId)`. */
  async start(callId: string, channelId: string, callerNumber: string | null): Promise<void> {
    const session: Session = { callId, channelId, state: null, playbacks: new Map(), timers: new Map(), done: false, seq: 0, deferring: false, deferred: [] };
    this.sessions.set(callId, session);
    const step = this.deps.engine.start({ callId, callerNumber }, this.deps.scheduler.now());
    session.state = step.state;
    await this.perform(session, step.effects);
  }

  /** Feeds an event from outside (queued behind other work of the call). */
  feed(callId: string, event: IvrEvent): Promise<void> {
    return this.deps.serial(callId, async () => {
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

  /** A PlaybackFinished from ARI; true if it was one of ours. */
  playbackFinished(playbackId: string): boolean {
    const callId = this.byPlayback.get(playbackId);
    if (!callId) return false;
    this.byPlayback.delete(playbackId);
    const session = this.sessions.get(callId);
    const playId = session?.playbacks.get(playbackId);
    session?.playbacks.delete(playbackId);
    if (playId) void this.feed(callId, { type: 'promptFinished', playId });
    return true;
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
    let skippedPlay: string | null = null;
    for (const [index, effect] of effects.entries()) {
      if (session.done) return;
      switch (effect.type) {
        case 'play': {
          if (session.deferring) {
            session.deferred.push(...effect.prompts);
            skippedPlay = effect.playId;
            break;
          }
          const playbackId = randomUUID();
          session.playbacks.set(playbackId, effect.playId);
          this.byPlayback.set(playbackId, session.callId);
          try {
            await ari.play(session.channelId, effect.prompts.map((p) => p.media), playbackId);
          } catch (err) {
            // A prompt that cannot play must not strand the caller: the runner moves on.
            log.warn({ callId: session.callId, err: String(err) }, 'IVR prompt failed');
            this.playbackFinished(playbackId);
          }
          break;
        }
        case 'stopPlay':
          for (const [playbackId, playId] of session.playbacks) {
            if (playId === effect.playId) await ari.stopPlayback(playbackId).catch((err: unknown) => log.warn({ err: String(err) }, 'stop playback failed'));
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
          void this.deps
            .facts(session.callId, key, queue)
            .catch(() => null)
            .then((value) => this.feed(session.callId, { type: 'fact', key, value, ...(queue ? { queue } : {}) }));
          break;
        }
        case 'step': {
          // The prompts this node plays come in the same batch, before the next step.
          const following = effects.slice(index + 1);
          const nextStep = following.findIndex((e) => e.type === 'step');
          const play = (nextStep < 0 ? following : following.slice(0, nextStep)).find((e) => e.type === 'play');
          const prompts = play?.type === 'play' ? play.prompts.map((p) => ({ id: p.id, text: p.text })) : [];
          session.deferring = DEFERRED_NODE_TYPES.has(effect.nodeType);
          this.deps.onStep(session.callId, effect, { ...effect.detail, seq: session.seq++, prompts });
          break;
        }
        case 'finish': {
          const deferred = session.deferred;
          this.stop(session.callId);
          await this.deps.onFinish(session.callId, effect.outcome, effect.path, deferred);
          return;
        }
      }
    }
    if (skippedPlay && !session.done) {
      // The deferred prompts count as played: the runner finishes now.
      const step = this.deps.engine.step(session.state, { type: 'promptFinished', playId: skippedPlay }, this.deps.scheduler.now());
      session.state = step.state;
      await this.perform(session, step.effects);
    }
  }
}
