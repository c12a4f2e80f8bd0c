import { describe, expect, it } from 'vitest';
import {
  type MonitorEffect,
  type MonitorEvent,
  type MonitorSession,
  applyMonitorEvent,
  channelsOf,
  newSession,
  snoopDirections,
} from '../../src/core/monitoring';

const T0 = new Date('2026-11-26T01:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

const fresh = (mode: 'listen' | 'whisper' | 'barge' = 'listen') =>
  newSession(
    {
      id: 'm1',
      callId: 'c1',
      agentId: '1001',
      agentChannelId: 'ch-agent',
      supervisorId: 'u-sup',
      supervisorPhone: '2001',
      mode,
    },
    T0,
  );

const brief = (effects: MonitorEffect[]) =>
  effects.map((e) => {
    switch (e.type) {
      case 'createSnoop':
        return `snoop ${e.channelId} spy=${e.directions.spy} whisper=${e.directions.whisper}`;
      case 'bridge':
      case 'hangup':
        return `${e.type} ${e.channelId}`;
      case 'audit':
        return `audit ${e.eventType}`;
      default:
        return e.type;
    }
  });

function run(session: MonitorSession, steps: [number, MonitorEvent][]) {
  const effects: string[][] = [];
  for (const [seconds, event] of steps) {
    const step = applyMonitorEvent(session, event, at(seconds));
    session = step.session;
    effects.push(brief(step.effects));
  }
  return { session, effects };
}

describe('snoop directions per mode (ARI-FACTS §9)', () => {
  it('listens to both sides; whispers to the counselor only; barges to both', () => {
    expect(snoopDirections('listen')).toEqual({ spy: 'both', whisper: 'none' });
    expect(snoopDirections('whisper')).toEqual({ spy: 'both', whisper: 'out' });
    expect(snoopDirections('barge')).toEqual({ spy: 'both', whisper: 'both' });
  });
});

describe('a monitoring session', () => {
  it('bridges the snoop and the answered phone, switches mode with a new snoop (no redial), and cleans up on stop', () => {
    const { session, effects } = run(fresh(), [
      [0, { type: 'snoopReady', channelId: 'm1-snoop1' }],
      [3, { type: 'supervisorAnswered' }],
      [10, { type: 'changeMode', mode: 'whisper' }],
      [10, { type: 'snoopReady', channelId: 'm1-snoop2' }],
      [10, { type: 'snoopGone', channelId: 'm1-snoop1' }],
      [20, { type: 'changeMode', mode: 'barge' }],
      [20, { type: 'snoopReady', channelId: 'm1-snoop3' }],
      [33, { type: 'stop' }],
    ]);
    expect(effects).toEqual([
      ['bridge m1-snoop1'],
      ['bridge m1-sup', 'audit monitor.started', 'notify'],
      ['snoop m1-snoop2 spy=both whisper=out', 'audit monitor.mode', 'notify'],
      ['bridge m1-snoop2', 'hangup m1-snoop1'],
      [],
      ['snoop m1-snoop3 spy=both whisper=both', 'audit monitor.mode', 'notify'],
      ['bridge m1-snoop3', 'hangup m1-snoop2'],
      ['hangup m1-snoop3', 'hangup m1-sup', 'hangup m1-snoop2', 'destroyBridge', 'audit monitor.ended', 'notify'],
    ]);
    expect(session).toMatchObject({ phase: 'ended', reason: 'stopped', mode: 'barge', replacedSnoops: [] });
    // No effect ever originates to the supervisor's phone again: the same call carries every mode.
    expect(
      effects.flat().filter((e) => e.includes('m1-sup') && !e.startsWith('hangup') && !e.startsWith('bridge')),
    ).toEqual([]);
    expect(channelsOf(session)).toEqual(['m1-sup', 'm1-snoop1', 'm1-snoop2', 'm1-snoop3']);
  });

  it('audits who, which mode and for how long', () => {
    let s = fresh('whisper');
    s = applyMonitorEvent(s, { type: 'supervisorAnswered' }, at(2)).session;
    const started = applyMonitorEvent(fresh('whisper'), { type: 'supervisorAnswered' }, at(2)).effects;
    expect(started).toContainEqual({
      type: 'audit',
      eventType: 'monitor.started',
      data: { supervisorId: 'u-sup', supervisorPhone: '2001', mode: 'whisper' },
    });
    const mode = applyMonitorEvent(s, { type: 'changeMode', mode: 'listen' }, at(5)).effects;
    expect(mode).toContainEqual({
      type: 'audit',
      eventType: 'monitor.mode',
      data: { supervisorId: 'u-sup', mode: 'listen', from: 'whisper' },
    });
    const ended = applyMonitorEvent(s, { type: 'supervisorGone' }, at(62)).effects;
    expect(ended).toContainEqual({
      type: 'audit',
      eventType: 'monitor.ended',
      data: {
        supervisorId: 'u-sup',
        supervisorPhone: '2001',
        mode: 'whisper',
        reason: 'supervisorHangup',
        answered: true,
        seconds: 60,
      },
    });
  });

  it('ends with the call: the current snoop leaving hangs up the supervisor and the bridge', () => {
    const { session, effects } = run(fresh(), [
      [0, { type: 'supervisorAnswered' }],
      [9, { type: 'snoopGone', channelId: 'm1-snoop1' }],
      [10, { type: 'supervisorGone' }],
    ]);
    expect(effects[1]).toEqual(['hangup m1-sup', 'destroyBridge', 'audit monitor.ended', 'notify']);
    expect(effects[2]).toEqual([]);
    expect(session.reason).toBe('callEnded');
  });

  it('a phone that is not answered ends the session as noAnswer, hanging up the snoop', () => {
    const { session, effects } = run(fresh(), [
      [0, { type: 'snoopReady', channelId: 'm1-snoop1' }],
      [15, { type: 'supervisorGone' }],
    ]);
    expect(effects[1]).toEqual(['hangup m1-snoop1', 'destroyBridge', 'audit monitor.ended', 'notify']);
    expect(session).toMatchObject({ phase: 'ended', reason: 'noAnswer', activeAt: null });
  });

  it('a session its process left behind (found after a restart) ends as telephonyRestart, hanging up all it made', () => {
    // Answered, then switched to whisper: the listening snoop was never seen gone.
    const { session, effects } = run(fresh(), [
      [0, { type: 'snoopReady', channelId: 'm1-snoop1' }],
      [2, { type: 'supervisorAnswered' }],
      [5, { type: 'changeMode', mode: 'whisper' }],
      [47, { type: 'orphaned' }],
    ]);
    expect(effects[3]).toEqual([
      'hangup m1-snoop2',
      'hangup m1-sup',
      'hangup m1-snoop1',
      'destroyBridge',
      'audit monitor.ended',
      'notify',
    ]);
    expect(session).toMatchObject({ phase: 'ended', reason: 'telephonyRestart', replacedSnoops: [] });
    const audit = applyMonitorEvent(
      run(fresh(), [[2, { type: 'supervisorAnswered' }]]).session,
      { type: 'orphaned' },
      at(47),
    );
    expect(audit.effects).toContainEqual(
      expect.objectContaining({
        eventType: 'monitor.ended',
        data: expect.objectContaining({ reason: 'telephonyRestart', answered: true, seconds: 45 }),
      }),
    );
    // Still ringing when the process went: never answered, the ringing phone is hung up too.
    const ringing = applyMonitorEvent(fresh(), { type: 'orphaned' }, at(3));
    expect(brief(ringing.effects)).toEqual([
      'hangup m1-snoop1',
      'hangup m1-sup',
      'destroyBridge',
      'audit monitor.ended',
      'notify',
    ]);
    expect(ringing.effects).toContainEqual(
      expect.objectContaining({
        data: expect.objectContaining({ reason: 'telephonyRestart', answered: false, seconds: 0 }),
      }),
    );
    // Ended already: nothing more to do.
    expect(applyMonitorEvent(ringing.session, { type: 'orphaned' }, at(4)).effects).toEqual([]);
  });

  it('the same mode again changes nothing; a late or stray snoop is hung up, never bridged', () => {
    const s = fresh('listen');
    expect(applyMonitorEvent(s, { type: 'changeMode', mode: 'listen' }, at(1))).toEqual({ session: s, effects: [] });
    // Two quick switches: the middle snoop shows up after it was already replaced.
    const { effects } = run(s, [
      [1, { type: 'changeMode', mode: 'whisper' }],
      [1, { type: 'changeMode', mode: 'barge' }],
      [2, { type: 'snoopReady', channelId: 'm1-snoop2' }],
      [2, { type: 'snoopReady', channelId: 'm1-snoop3' }],
    ]);
    expect(effects[2]).toEqual(['hangup m1-snoop2']);
    expect(effects[3]).toEqual(['bridge m1-snoop3', 'hangup m1-snoop1', 'hangup m1-snoop2']);
    const ended = applyMonitorEvent(s, { type: 'stop' }, at(1)).session;
    expect(brief(applyMonitorEvent(ended, { type: 'snoopReady', channelId: 'm1-snoop1' }, at(2)).effects)).toEqual([
      'hangup m1-snoop1',
    ]);
    expect(applyMonitorEvent(ended, { type: 'stop' }, at(2)).effects).toEqual([]);
  });
});
