import { describe, expect, it } from 'vitest';
import { recordingPauses, type PauseContext, type RecordingEvent } from '../../src/domain/recordingPauses';

const NAME = 'cc/2026-11-26/c1';
const T0 = Date.parse('2026-11-26T01:00:00.000Z');
/** An event `seconds` after the recording's start. */
const ev = (type: string, seconds: number, data: Record<string, unknown> = {}, name = NAME): RecordingEvent => ({
  type: `recording.${type}`,
  at: new Date(T0 + seconds * 1000),
  data: { name, ...data },
});
const ctx: PauseContext = { name: NAME, startedAt: null, durationMs: null };
const brief = (events: RecordingEvent[], c: Partial<PauseContext> = {}) =>
  recordingPauses(events, { ...ctx, ...c }).map((p) => [p.offsetMs, p.pausedMs, p.untilEnd]);

describe('recording pauses: where in the file, for how long', () => {
  it('a pause is at the audio recorded before it; its length is wall-clock time', () => {
    const pauses = recordingPauses(
      [ev('started', 0), ev('paused', 30), ev('resumed', 102, { pausedSeconds: 72 }), ev('finished', 160)],
      ctx,
    );
    expect(pauses).toEqual([
      { offsetMs: 30_000, pausedMs: 72_000, pausedAt: '2026-11-26T01:00:30.000Z', untilEnd: false },
    ]);
  });

  it('each later pause is moved back by the earlier ones (their audio is not in the file)', () => {
    // Recorded 0–30 s, paused 72 s, recorded 102–150 (48 s), paused 10 s, recorded 160–170.
    const events = [
      ev('started', 0),
      ev('paused', 30),
      ev('resumed', 102),
      ev('paused', 150),
      ev('resumed', 160),
      ev('finished', 170),
    ];
    expect(brief(events)).toEqual([
      [30_000, 72_000, false],
      [78_000, 10_000, false],
    ]);
    // The same events in any order (the outbox may deliver a batch late) give the same answer.
    expect(brief([...events].reverse())).toEqual(brief(events));
  });

  it('a pause never resumed lasts to the end: byHangup, or the finish, or (neither known yet) 0 ms', () => {
    expect(brief([ev('started', 0), ev('paused', 20), ev('resumed', 45, { byHangup: true })])).toEqual([
      [20_000, 25_000, true],
    ]);
    expect(brief([ev('started', 0), ev('paused', 20), ev('finished', 50)])).toEqual([[20_000, 30_000, true]]);
    expect(brief([ev('started', 0), ev('paused', 20)])).toEqual([[20_000, 0, true]]);
  });

  it("counts only this recording's events (a transferred call's other conversation has its own)", () => {
    const other = `${NAME}~2`;
    const events = [
      ev('started', 0),
      ev('paused', 10),
      ev('resumed', 20),
      ev('finished', 30),
      ev('started', 40, {}, other),
      ev('paused', 55, {}, other),
      ev('resumed', 65, {}, other),
      { type: 'call.held', at: new Date(T0 + 12_000), data: { name: NAME } },
    ];
    expect(brief(events)).toEqual([[10_000, 10_000, false]]);
    expect(brief(events, { name: other })).toEqual([[15_000, 10_000, false]]);
  });

  it('without recording.started the call’s connect time is the start; without either there is no offset', () => {
    const events = [ev('paused', 30), ev('resumed', 40)];
    expect(brief(events, { startedAt: new Date(T0 + 5_000) })).toEqual([[25_000, 10_000, false]]);
    expect(brief(events)).toEqual([]);
  });

  it('repeats and noise change nothing; offsets stay within the file', () => {
    const events = [
      ev('started', 0),
      ev('resumed', 5), // no pause running
      ev('paused', 10),
      ev('paused', 12), // a second press while paused
      ev('resumed', 20),
      ev('resumed', 21),
      ev('paused', 90),
      ev('resumed', 95),
    ];
    expect(brief(events)).toEqual([
      [10_000, 10_000, false],
      [80_000, 5_000, false],
    ]);
    // The file is shorter than the events say (the PBX's clock and ours): the marker stays on it.
    expect(brief(events, { durationMs: 60_000 })).toEqual([
      [10_000, 10_000, false],
      [60_000, 5_000, false],
    ]);
    // A pause stamped before the start (clock skew) sits at 0, and one resume at the pause's instant lasts 0 ms.
    expect(brief([ev('started', 5), ev('paused', 4), ev('resumed', 4)])).toEqual([[0, 0, false]]);
  });
});
