import { ariError, recordingNotFound } from './errors';
import type { Pbx } from './pbx';
import type { SimBridge, SimChannel, SimRecording } from './types';
import { RECORDING_FORMATS } from '../media/wav';

/**
 * Live recordings (ARI-FACTS §4). Bridge recordings run beside the call through a hidden
 * Recorder channel; channel recordings queue behind playbacks and fail on bridged channels.
 * On finish the file is written as `<dir>/<name>.<format>`, as long as the *simulated* duration.
 */
export class RecordingEngine {
  readonly live = new Map<string, SimRecording>();

  constructor(private readonly pbx: Pbx) {}

  json(rec: SimRecording): Record<string, unknown> {
    const out: Record<string, unknown> = {
      name: rec.name,
      format: rec.format,
      target_uri: `${rec.targetKind}:${rec.targetId}`,
      state: rec.state,
    };
    if (rec.duration !== undefined) out.duration = rec.duration;
    if (rec.cause !== undefined) out.cause = rec.cause;
    return out;
  }

  require(name: string): SimRecording {
    const rec = this.live.get(name);
    if (!rec) throw recordingNotFound();
    return rec;
  }

  private emit(type: string, rec: SimRecording): void {
    const subjects = rec.targetKind === 'channel' ? { channels: [rec.targetId] } : { bridges: [rec.targetId] };
    this.pbx.apps.deliver(type, { recording: this.json(rec) }, subjects);
  }

  record(
    target: { kind: 'channel'; ch: SimChannel } | { kind: 'bridge'; b: SimBridge },
    o: { name: string; format: string; maxDurationSeconds?: number; ifExists?: string; app: string | null },
  ): Record<string, unknown> {
    if (!(RECORDING_FORMATS as readonly string[]).includes(o.format)) {
      throw ariError(422, 'specified format is unknown on this system');
    }
    const ifExists = o.ifExists ?? 'fail';
    if (ifExists !== 'fail' && ifExists !== 'overwrite' && ifExists !== 'append') {
      throw ariError(400, 'ifExists invalid');
    }
    if (!this.pbx.deps.store.pathOf(o.name, o.format)) throw ariError(422, 'Recording name is invalid');
    const exists = () => ariError(409, `Recording '${o.name}' already exists and can not be overwritten`);
    if (this.live.has(o.name)) throw exists();
    if (ifExists === 'fail' && this.pbx.deps.store.find(o.name)) throw exists();
    const targetId = target.kind === 'channel' ? target.ch.id : target.b.id;
    const rec: SimRecording = {
      name: o.name,
      format: o.format,
      targetKind: target.kind,
      targetId,
      state: 'queued',
      ifExists,
      maxDurationSeconds: effectiveMaxSeconds(o.maxDurationSeconds ?? 0, this.pbx.deps.maxRecordingSeconds),
      pausedTotalWall: 0,
      app: o.app,
    };
    const snapshot = this.json(rec);
    if (target.kind === 'channel') {
      if (target.ch.bridgeId) {
        // Asterisk 22.10.1 cannot record a bridged channel: 201 first, then RecordingFailed.
        this.pbx.scheduler.defer(() => this.fail(rec, 'Cannot record channel while in bridge'));
        return snapshot;
      }
      this.live.set(rec.name, rec);
      const idle = target.ch.media.length === 0;
      target.ch.media.push({ kind: 'recording', name: rec.name });
      if (idle) {
        // Nothing plays: it starts at once and the answer already says `recording` (trace R3).
        this.start(rec);
        return this.json(rec);
      }
      this.pbx.scheduler.defer(() => this.pbx.playbacks.advanceTarget('channel', targetId));
      return snapshot;
    }
    this.live.set(rec.name, rec);
    const b = target.b;
    rec.recorderId = `Recorder/ARI-${this.pbx.nextNameSeq('Recorder')};2`;
    b.recorders.push(rec.recorderId);
    this.pbx.bridges.recompute(b);
    if (o.app) this.pbx.apps.bridgeRef(o.app, b.id, 1);
    this.pbx.scheduler.defer(() => this.start(rec));
    return snapshot;
  }

  /** A channel recording reached the head of its channel's media queue. */
  startQueued(name: string): void {
    const rec = this.live.get(name);
    if (rec && rec.state === 'queued') this.start(rec);
  }

  private start(rec: SimRecording): void {
    if (!this.live.has(rec.name) || rec.state !== 'queued') return;
    rec.state = 'recording';
    rec.startedWall = this.pbx.scheduler.now();
    this.emit('RecordingStarted', rec);
    if (rec.maxDurationSeconds > 0) {
      rec.maxTimer = this.pbx.scheduler.after(rec.maxDurationSeconds * 1000, () =>
        this.finish(rec, 'keep', 'now', 'maxDuration'),
      );
    }
  }

  private fail(rec: SimRecording, cause: string): void {
    rec.state = 'failed';
    rec.cause = cause;
    this.emit('RecordingFailed', rec);
    this.live.delete(rec.name);
  }

  /** Wall ms spent paused so far. */
  private pausedWallMs(rec: SimRecording, now: number): number {
    return rec.pausedTotalWall + (rec.pausedWall !== undefined ? now - rec.pausedWall : 0);
  }

  /** Simulated ms recorded so far (pauses excluded). */
  private recordedMs(rec: SimRecording): number {
    if (rec.startedWall === undefined) return 0;
    const now = this.pbx.scheduler.now();
    return Math.max(0, this.pbx.scheduler.toSimMs(now - rec.startedWall - this.pausedWallMs(rec, now)));
  }

  /** End a recording: `keep` writes the file (stop, hang-up, max duration), `discard` deletes it (cancel). */
  finish(
    rec: SimRecording,
    how: 'keep' | 'discard',
    announce: 'now' | 'afterReply' = 'now',
    why: 'request' | 'maxDuration' = 'request',
  ): void {
    if (!this.live.has(rec.name)) return;
    rec.maxTimer?.cancel();
    // The max-duration timer ran exactly maxDurationSeconds of wall time after the start, less
    // any pause; measuring it instead could read a millisecond short (Node may fire a timer
    // early against Date.now) and floor to a second less. A late timer must not make it longer.
    const cap = rec.maxDurationSeconds > 0 ? rec.maxDurationSeconds * 1000 : Infinity;
    const pausedSim = this.pbx.scheduler.toSimMs(this.pausedWallMs(rec, this.pbx.scheduler.now()));
    const ms = why === 'maxDuration' ? Math.max(0, cap - pausedSim) : Math.min(this.recordedMs(rec), cap);
    this.live.delete(rec.name);
    this.detach(rec);
    rec.state = 'done';
    const store = this.pbx.deps.store;
    // An append continues the file in this recording's format (as Asterisk's append mode opens it).
    const earlierMs = how === 'keep' && rec.ifExists === 'append' ? (store.durationOf(rec.name, rec.format) ?? 0) : 0;
    const totalMs = ms + earlierMs;
    // A cancelled recording reports duration 0, however long it ran (trace R3).
    rec.duration = how === 'discard' ? 0 : Math.floor(totalMs / 1000);
    // Announce first (so the event's timestamp is the moment the recording ended), then write:
    // the write is synchronous, so no request can ask for the file before it exists.
    // A stop/cancel request is answered (204) before RecordingFinished goes out (trace P6).
    const announceIt = () => {
      this.emit('RecordingFinished', rec);
      // The hidden Recorder leaves the bridge's subscription only once its last event is out.
      if (rec.targetKind === 'bridge' && rec.app) this.pbx.apps.bridgeRef(rec.app, rec.targetId, -1);
    };
    if (announce === 'now') announceIt();
    else this.pbx.scheduler.defer(announceIt);
    if (how === 'discard') {
      store.delete(rec.name);
      return;
    }
    try {
      const file = store.write(rec.name, rec.format, totalMs);
      this.pbx.simEvent({ type: 'recording.stored', name: rec.name, file, durationSeconds: totalMs / 1000 });
    } catch (err) {
      this.pbx.log.error({ err, name: rec.name }, 'writing recording failed');
    }
  }

  private detach(rec: SimRecording): void {
    if (rec.targetKind === 'channel') {
      const ch = this.pbx.channels.get(rec.targetId);
      if (ch) {
        ch.media = ch.media.filter((m) => !(m.kind === 'recording' && m.name === rec.name));
        this.pbx.scheduler.defer(() => this.pbx.playbacks.advanceTarget('channel', rec.targetId));
      }
      return;
    }
    const b = this.pbx.bridges.bridges.get(rec.targetId);
    if (b) {
      b.recorders = b.recorders.filter((id) => id !== rec.recorderId);
      this.pbx.bridges.recompute(b);
    }
  }

  targetGone(name: string): void {
    const rec = this.live.get(name);
    if (rec) this.finish(rec, 'keep');
  }

  /** A bridge recording ends as soon as the last real participant leaves (observed). */
  bridgeEmptied(b: SimBridge): void {
    for (const rec of [...this.live.values()]) {
      if (rec.targetKind === 'bridge' && rec.targetId === b.id) this.finish(rec, 'keep');
    }
  }

  /**
   * Pause, unpause, mute and unmute act only on a recording in session: a queued one (a channel
   * recording waiting behind a playback) is refused (res/res_stasis_recording.c operations table).
   */
  requireInSession(rec: SimRecording): void {
    if (rec.state !== 'recording' && rec.state !== 'paused') throw ariError(409, 'Recording not in session');
  }

  pause(rec: SimRecording): void {
    this.requireInSession(rec);
    if (rec.state === 'recording') {
      rec.state = 'paused';
      rec.pausedWall = this.pbx.scheduler.now();
    }
  }

  unpause(rec: SimRecording): void {
    this.requireInSession(rec);
    if (rec.state === 'paused' && rec.pausedWall !== undefined) {
      rec.pausedTotalWall += this.pbx.scheduler.now() - rec.pausedWall;
      rec.pausedWall = undefined;
      rec.state = 'recording';
    }
  }

  close(): void {
    for (const rec of this.live.values()) rec.maxTimer?.cancel();
  }
}

/** A request's `maxDurationSeconds` (0 = none) under the simulator's own limit, if any. */
export function effectiveMaxSeconds(requested: number, simLimit: number | undefined): number {
  if (!simLimit) return requested;
  return requested > 0 ? Math.min(requested, simLimit) : simLimit;
}
