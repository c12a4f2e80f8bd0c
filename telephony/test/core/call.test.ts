import { describe, expect, it } from 'vitest';
import { type CallEvent, type LiveCall, applyCallEvent, newCall, recordingNameOf } from '../../src/core/call';

const T0 = new Date('2026-11-26T01:00:00.000Z');
const T1 = new Date('2026-11-26T01:00:30.000Z');
const opts = { wrapUpSeconds: 10 };

const base = newCall({ callId: 'c1', node: 'n1', callerChannelId: 'ch-caller', callerNumber: '01012345678' }, T0);
const queued: LiveCall = {
  ...base,
  state: 'queued',
  queue: 'fund',
  enqueuedAt: T0.toISOString(),
  holdingBridgeId: 'hb',
};
const offering: LiveCall = {
  ...queued,
  state: 'offering',
  agentId: '1001',
  agentChannelId: 'ch-agent',
  offeredAt: T0.toISOString(),
};
const connected: LiveCall = { ...offering, state: 'connected', connectedAt: T0.toISOString(), mixingBridgeId: 'mb' };

const types = (effects: { type: string; eventType?: string }[]) =>
  effects.map((e) => (e.type === 'callEvent' ? `event:${e.eventType}` : e.type));

type Row = [string, LiveCall, CallEvent, LiveCall['state'], string[]];
const rows: Row[] = [
  [
    'IVR picks a queue',
    base,
    { type: 'ivrFinished', queue: 'fund', priority: 0, path: ['notice', 'main', 'fund'], outcome: {} },
    'queued',
    ['event:ivr.finished', 'takePlace', 'event:queue.entered', 'holdCaller', 'dispatch'],
  ],
  [
    'IVR hangs up',
    base,
    { type: 'ivrFinished', queue: null, priority: 0, path: ['main'], outcome: { kind: 'hangup' } },
    'ivr',
    ['event:ivr.finished', 'hangup'],
  ],
  ['caller hangs up in IVR', base, { type: 'callerHangup' }, 'ended', ['event:call.ended', 'forget']],
  [
    'offer rings the agent',
    queued,
    { type: 'offer', agentId: '1001', agentChannelId: 'ch-agent' },
    'offering',
    ['notifyOffered', 'originate', 'agent', 'startRingTimer', 'event:agent.offered'],
  ],
  [
    'offer to a call no longer queued does nothing',
    base,
    { type: 'offer', agentId: '1001', agentChannelId: 'x' },
    'ivr',
    [],
  ],
  [
    'agent answers',
    offering,
    { type: 'agentAnswered', agentChannelId: 'ch-agent' },
    'connected',
    ['cancelRingTimer', 'agent', 'event:call.connected', 'connect', 'notifyConnected'],
  ],
  [
    'a stale agent leg answering is hung up',
    queued,
    { type: 'agentAnswered', agentChannelId: 'old' },
    'queued',
    ['hangup'],
  ],
  [
    'ring timeout sends the caller back',
    offering,
    { type: 'ringTimeout', agentChannelId: 'ch-agent' },
    'queued',
    ['cancelRingTimer', 'hangup', 'agent', 'event:agent.noAnswer', 'notifyEnded', 'enqueue', 'dispatch'],
  ],
  ['ring timeout of an old leg is ignored', offering, { type: 'ringTimeout', agentChannelId: 'other' }, 'offering', []],
  [
    'agent leg dies while ringing',
    offering,
    { type: 'agentLost', agentChannelId: 'ch-agent', reason: 'rejected' },
    'queued',
    ['cancelRingTimer', 'hangup', 'agent', 'event:agent.noAnswer', 'notifyEnded', 'enqueue', 'dispatch'],
  ],
  [
    'caller abandons in queue',
    queued,
    { type: 'callerHangup' },
    'ended',
    ['dequeue', 'destroyBridges', 'event:call.abandoned', 'event:call.ended', 'forget', 'dispatch'],
  ],
  [
    'caller abandons while the agent rings',
    offering,
    { type: 'callerHangup' },
    'ended',
    [
      'dequeue',
      'cancelRingTimer',
      'hangup',
      'agent',
      'notifyEnded',
      'destroyBridges',
      'event:call.abandoned',
      'event:call.ended',
      'forget',
      'dispatch',
    ],
  ],
  [
    'caller hangs up a connected call',
    connected,
    { type: 'callerHangup' },
    'ended',
    ['hangup', 'destroyBridges', 'notifyEnded', 'event:call.ended', 'agent', 'forget'],
  ],
  [
    'agent hangs up first',
    connected,
    { type: 'agentHangup', agentChannelId: 'ch-agent' },
    'ended',
    ['hangup', 'destroyBridges', 'notifyEnded', 'event:call.ended', 'agent', 'forget'],
  ],
  [
    'agent hangup while ringing = rejected',
    offering,
    { type: 'agentHangup', agentChannelId: 'ch-agent' },
    'queued',
    ['cancelRingTimer', 'hangup', 'agent', 'event:agent.noAnswer', 'notifyEnded', 'enqueue', 'dispatch'],
  ],
  ['a second hangup after the end is a no-op', { ...connected, state: 'ended' }, { type: 'callerHangup' }, 'ended', []],
];

describe('call machine', () => {
  it.each(rows)('%s', (_n, call, event, state, effects) => {
    const step = applyCallEvent(call, event, T1, opts);
    expect(step.call.state).toBe(state);
    expect(types(step.effects)).toEqual(effects);
  });

  it('keeps the caller’s place after a missed offer', () => {
    const step = applyCallEvent(offering, { type: 'ringTimeout', agentChannelId: 'ch-agent' }, T1, opts);
    expect(step.effects).toContainEqual({ type: 'enqueue', queue: 'fund', score: T0.getTime() });
    expect(step.call.missedBy).toEqual(['1001']);
    expect(step.effects).toContainEqual({ type: 'agent', agentId: '1001', event: { type: 'missed', callId: 'c1' } });
  });

  it('hangs up the other leg and starts wrap-up with the configured seconds', () => {
    const step = applyCallEvent(connected, { type: 'callerHangup' }, T1, opts);
    expect(step.effects).toContainEqual({ type: 'hangup', channelId: 'ch-agent' });
    expect(step.effects).toContainEqual({
      type: 'notifyEnded',
      agentId: '1001',
      reason: 'callerHangup',
      wrapUpSeconds: 10,
    });
    const byAgent = applyCallEvent(connected, { type: 'agentHangup', agentChannelId: 'ch-agent' }, T1, opts);
    expect(byAgent.effects).toContainEqual({ type: 'hangup', channelId: 'ch-caller' });
  });

  it('names the recording by Seoul date', () => {
    expect(recordingNameOf('c1', new Date('2026-11-26T16:00:00.000Z'))).toBe('cc/2026-11-27/c1');
  });
});
