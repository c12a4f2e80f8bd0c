import { describe, expect, it } from 'vitest';
import { type CallEvent, type LiveCall, applyCallEvent, newCall } from '../../src/core/call';

const T0 = new Date('2026-11-26T01:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const opts = { wrapUpSeconds: 10 };

const base = newCall({ callId: 'c1', node: 'n1', callerChannelId: 'ch-caller', callerNumber: '01012345678' }, T0);
const offering: LiveCall = {
  ...base,
  state: 'offering',
  queue: 'fund',
  enqueuedAt: T0.toISOString(),
  holdingBridgeId: 'c1-hold',
  agentId: '1001',
  agentChannelId: 'ch-agent',
  offeredAt: T0.toISOString(),
};
const connected: LiveCall = {
  ...offering,
  state: 'connected',
  connectedAt: T0.toISOString(),
  mixingBridgeId: 'c1-mix',
};

const types = (effects: { type: string; eventType?: string }[]) =>
  effects.map((e) => (e.type === 'callEvent' ? `event:${e.eventType}` : e.type));

/** Runs events one after another, each `seconds` after T0. */
function run(call: LiveCall, steps: [number, CallEvent][]) {
  const effects: string[][] = [];
  for (const [seconds, event] of steps) {
    const step = applyCallEvent(call, event, at(seconds), opts);
    call = step.call;
    effects.push(types(step.effects));
  }
  return { call, effects };
}

describe('hold and mute of a connected call', () => {
  it('hold moves the caller to music and marks the interval; resume closes it and counts it', () => {
    const { call, effects } = run(connected, [
      [10, { type: 'hold', held: true }],
      [40, { type: 'hold', held: false }],
    ]);
    expect(effects).toEqual([
      ['holdMedia', 'event:call.held', 'notifyControls'],
      ['holdMedia', 'event:call.resumed', 'notifyControls'],
    ]);
    expect(call).toMatchObject({ state: 'connected', heldAt: null, heldSeconds: 30 });
    const resumed = applyCallEvent(
      { ...connected, heldAt: at(10).toISOString() },
      { type: 'hold', held: false },
      at(40),
      opts,
    );
    expect(resumed.effects).toContainEqual({ type: 'callEvent', eventType: 'call.resumed', data: { heldSeconds: 30 } });
  });

  it('asking again for the state the call is in changes nothing (a double click)', () => {
    const { call, effects } = run(connected, [
      [10, { type: 'hold', held: true }],
      [11, { type: 'hold', held: true }],
      [12, { type: 'mute', muted: true }],
      [13, { type: 'mute', muted: true }],
      [14, { type: 'hold', held: false }],
      [15, { type: 'hold', held: false }],
      [16, { type: 'mute', muted: false }],
    ]);
    expect(effects).toEqual([
      ['holdMedia', 'event:call.held', 'notifyControls'],
      [],
      ['muteAgent', 'notifyControls'],
      [],
      ['holdMedia', 'event:call.resumed', 'notifyControls'],
      [],
      ['muteAgent', 'notifyControls'],
    ]);
    expect(call).toMatchObject({ heldAt: null, heldSeconds: 4, muted: false });
  });

  it.each<[string, LiveCall]>([
    ['ringing', offering],
    ['queued', { ...offering, state: 'queued', agentId: null, agentChannelId: null }],
    ['ended', { ...connected, state: 'ended' }],
  ])('a %s call is left alone', (_name, call) => {
    for (const event of [
      { type: 'hold', held: true },
      { type: 'mute', muted: true },
    ] satisfies CallEvent[]) {
      expect(applyCallEvent(call, event, at(5), opts)).toEqual({ call, effects: [] });
    }
  });

  it('a call that ends on hold closes the interval, and call.ended counts every hold', () => {
    const { call } = run(connected, [
      [10, { type: 'hold', held: true }],
      [20, { type: 'hold', held: false }],
      [30, { type: 'hold', held: true }],
    ]);
    const ended = applyCallEvent(call, { type: 'callerHangup' }, at(45), opts);
    expect(ended.effects).toContainEqual({
      type: 'callEvent',
      eventType: 'call.resumed',
      data: { heldSeconds: 15, byHangup: true },
    });
    const end = ended.effects.find((e) => e.type === 'callEvent' && e.eventType === 'call.ended');
    expect(end).toMatchObject({ data: { talkSeconds: 45, heldSeconds: 25 } });
  });

  it('a call never held reports no hold time', () => {
    const ended = applyCallEvent(connected, { type: 'agentHangup', agentChannelId: 'ch-agent' }, at(45), opts);
    const end = ended.effects.find((e) => e.type === 'callEvent' && e.eventType === 'call.ended');
    expect(end).toMatchObject({ data: { talkSeconds: 45 } });
    expect(end?.type === 'callEvent' && 'heldSeconds' in end.data).toBe(false);
  });
});
