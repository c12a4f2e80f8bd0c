import { describe, expect, it } from 'vitest';
import { type CallEvent, type LiveCall, applyCallEvent, newCall } from '../../src/core/call';

const T0 = new Date('2026-11-26T01:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const opts = { wrapUpSeconds: 10 };

const connected: LiveCall = {
  ...newCall({ callId: 'c1', node: 'n1', callerChannelId: 'ch-caller', callerNumber: '01012345678' }, T0),
  state: 'connected',
  queue: 'fund',
  agentId: '1001',
  agentChannelId: 'ch-agent',
  holdingBridgeId: 'c1-hold',
  mixingBridgeId: 'c1-mix',
  recordingName: 'cc/2026-11-26/c1',
  connectedAt: T0.toISOString(),
};

const pause = (paused: boolean): CallEvent => ({ type: 'recordingPause', paused });

describe('recording pause at the desk', () => {
  it('pauses and resumes the live recording, marking the span with its seconds', () => {
    const paused = applyCallEvent(connected, pause(true), at(5), opts);
    expect(paused.call.recordingPausedAt).toBe(at(5).toISOString());
    expect(paused.effects).toEqual([
      { type: 'pauseRecording', name: 'cc/2026-11-26/c1', paused: true },
      { type: 'callEvent', eventType: 'recording.paused', data: { name: 'cc/2026-11-26/c1' } },
      { type: 'notifyControls', agentId: '1001' },
    ]);
    const resumed = applyCallEvent(paused.call, pause(false), at(17), opts);
    expect(resumed.call).toMatchObject({ recordingPausedAt: null, recordingPausedSeconds: 12 });
    expect(resumed.effects).toEqual([
      { type: 'pauseRecording', name: 'cc/2026-11-26/c1', paused: false },
      { type: 'callEvent', eventType: 'recording.resumed', data: { name: 'cc/2026-11-26/c1', pausedSeconds: 12 } },
      { type: 'notifyControls', agentId: '1001' },
    ]);
    // A second pause adds to the first.
    const again = applyCallEvent(
      applyCallEvent(resumed.call, pause(true), at(20), opts).call,
      pause(false),
      at(23),
      opts,
    );
    expect(again.call.recordingPausedSeconds).toBe(15);
  });

  it('changes nothing when asked for the state it is in, or when the call has no recording', () => {
    expect(applyCallEvent(connected, pause(false), at(1), opts).effects).toEqual([]);
    const paused = applyCallEvent(connected, pause(true), at(1), opts).call;
    expect(applyCallEvent(paused, pause(true), at(2), opts)).toEqual({ call: paused, effects: [] });
    const unrecorded = { ...connected, recordingName: null };
    expect(applyCallEvent(unrecorded, pause(true), at(1), opts).effects).toEqual([]);
    const ringing: LiveCall = { ...connected, state: 'offering' };
    expect(applyCallEvent(ringing, pause(true), at(1), opts).effects).toEqual([]);
  });

  it('closes a pause still running when the call ends, saying so', () => {
    const paused = applyCallEvent(connected, pause(true), at(5), opts).call;
    const ended = applyCallEvent(paused, { type: 'callerHangup' }, at(9), opts);
    const resumed = ended.effects.find((e) => e.type === 'callEvent' && e.eventType === 'recording.resumed');
    expect(resumed).toEqual({
      type: 'callEvent',
      eventType: 'recording.resumed',
      data: { name: 'cc/2026-11-26/c1', pausedSeconds: 4, byHangup: true },
    });
    const order = ended.effects.flatMap((e) => (e.type === 'callEvent' ? [e.eventType] : []));
    expect(order.indexOf('recording.resumed')).toBeLessThan(order.indexOf('call.ended'));
  });
});
