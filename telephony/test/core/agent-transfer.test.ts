import { describe, expect, it } from 'vitest';
import { queueScore } from '../../src/core/acd';
import type { AgentTransferEvent } from '../../src/core/agent-transfer';
import { type CallEvent, type LiveCall, applyCallEvent, newCall } from '../../src/core/call';

const T0 = new Date('2026-11-26T01:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const opts = { wrapUpSeconds: 10 };

const base = newCall({ callId: 'c1', node: 'n1', callerChannelId: 'ch-caller', callerNumber: '01012345678' }, T0);
const connected: LiveCall = {
  ...base,
  state: 'connected',
  queue: 'fund',
  priority: 2,
  enqueuedAt: T0.toISOString(),
  holdingBridgeId: 'c1-hold',
  agentId: '1001',
  agentChannelId: 'ch-agent',
  offeredAt: at(5).toISOString(),
  connectedAt: at(10).toISOString(),
  mixingBridgeId: 'c1-mix',
  recordingName: 'cc/2026-11-26/c1',
};
const context = { notes: '이미 신청함', category: 'export' as const, draft: { summary: '문의' } };
const toQueue: AgentTransferEvent = {
  type: 'transferBlind',
  fromAgentId: '1001',
  fromName: '김상담',
  target: { kind: 'queue', queue: 'export' },
  context,
};
const toAgent: AgentTransferEvent = {
  ...toQueue,
  target: { kind: 'agent', agentId: '1002', agentChannelId: 'ch-1002' },
};

const types = (effects: { type: string; eventType?: string }[]) =>
  effects.map((e) => (e.type === 'callEvent' ? `event:${e.eventType}` : e.type));

describe('blind transfer of a connected call', () => {
  it('to a queue: music before the counselor leaves, wrap-up for them, the old place in the new queue', () => {
    const { call, effects } = applyCallEvent(connected, toQueue, at(70), opts);
    expect(types(effects)).toEqual([
      'holdCaller',
      'hangup',
      'dropConversation',
      'event:call.transferred',
      'agent',
      'notifyEnded',
      'enqueue',
      'dispatch',
    ]);
    expect(effects).toContainEqual({ type: 'hangup', channelId: 'ch-agent' });
    expect(effects).toContainEqual({ type: 'dropConversation', bridgeId: 'c1-mix' });
    expect(effects).toContainEqual({
      type: 'agent',
      agentId: '1001',
      event: { type: 'callEnded', callId: 'c1', wrapUpSeconds: 10 },
    });
    expect(effects).toContainEqual({ type: 'notifyEnded', agentId: '1001', reason: 'transferred', wrapUpSeconds: 10 });
    expect(effects).toContainEqual({ type: 'enqueue', queue: 'export', score: queueScore(T0.toISOString(), 2) });
    expect(effects).toContainEqual({
      type: 'callEvent',
      eventType: 'call.transferred',
      data: { from: '1001', target: { kind: 'queue', queue: 'export' }, mode: 'blind', talkSeconds: 60 },
    });
    expect(call).toMatchObject({
      state: 'queued',
      queue: 'export',
      agentId: null,
      agentChannelId: null,
      mixingBridgeId: null,
      recordingName: null,
      segments: 1,
      agentTransfer: { fromAgentId: '1001', fromName: '김상담', mode: 'blind', ...context },
    });
  });

  it('the next answer records under its own name and a hold running at the transfer is closed', () => {
    const held = applyCallEvent(connected, { type: 'hold', held: true }, at(20), opts).call;
    const moved = applyCallEvent(held, toQueue, at(30), opts);
    expect(types(moved.effects)).toContain('event:call.resumed');
    expect(moved.call.heldAt).toBeNull();
    const offered = applyCallEvent(
      moved.call,
      { type: 'offer', agentId: '1002', agentChannelId: 'ch-2' },
      at(31),
      opts,
    );
    const answered = applyCallEvent(offered.call, { type: 'agentAnswered', agentChannelId: 'ch-2' }, at(32), opts);
    expect(answered.call.recordingName).toBe('cc/2026-11-26/c1~2');
    // A new bridge too: Asterisk refuses, for a moment, the id of the bridge just deleted.
    expect(answered.call.mixingBridgeId).toBe('c1-mix-2');
    expect(answered.call.agentTransfer?.fromAgentId).toBe('1001');
  });

  it('to a named counselor: rings only them; unanswered, back to the call queue at its old place', () => {
    const { call, effects } = applyCallEvent(connected, toAgent, at(70), opts);
    expect(types(effects)).toEqual([
      'holdCaller',
      'hangup',
      'dropConversation',
      'event:call.transferred',
      'agent',
      'notifyEnded',
      'originate',
      'agent',
      'startRingTimer',
      'event:agent.offered',
      'notifyOffered',
    ]);
    expect(call).toMatchObject({ state: 'offering', agentId: '1002', agentChannelId: 'ch-1002', queue: 'fund' });
    expect(effects).not.toContainEqual(expect.objectContaining({ type: 'enqueue' }));
    const missed = applyCallEvent(call, { type: 'ringTimeout', agentChannelId: 'ch-1002' }, at(90), opts);
    expect(missed.call).toMatchObject({ state: 'queued', queue: 'fund', agentId: null, missedBy: ['1002'] });
    expect(missed.effects).toContainEqual({ type: 'enqueue', queue: 'fund', score: queueScore(T0.toISOString(), 2) });
  });

  it('to a queue, of a caller who never queued (a direct line): a new place, stamped at the transfer', () => {
    const direct: LiveCall = { ...connected, enqueuedAt: null, priority: 0 };
    const { call, effects } = applyCallEvent(direct, toQueue, at(70), opts);
    expect(call).toMatchObject({ state: 'queued', queue: 'export', enqueuedAt: at(70).toISOString() });
    expect(effects).toContainEqual({
      type: 'takePlace',
      queue: 'export',
      score: queueScore(at(70).toISOString(), 0),
      priority: 0,
    });
    expect(effects).not.toContainEqual(expect.objectContaining({ type: 'enqueue' }));
  });

  const notConnected: [string, LiveCall][] = [
    ['already transferred (double click)', applyCallEvent(connected, toQueue, at(70), opts).call],
    ['ended', { ...connected, state: 'ended' }],
    ['with another counselor', { ...connected, agentId: '1009' }],
    ['still ringing', { ...connected, state: 'offering', connectedAt: null }],
  ];
  it.each(notConnected)('a call %s is left alone; a reserved target is released', (_what, call) => {
    expect(applyCallEvent(call, toQueue, at(80), opts)).toEqual({ call, effects: [] });
    expect(applyCallEvent(call, toAgent, at(80), opts)).toEqual({
      call,
      effects: [{ type: 'agent', agentId: '1002', event: { type: 'release', callId: 'c1' } }],
    });
  });

  it('a caller who hangs up while waiting after a transfer is an abandon marked as such', () => {
    const moved = applyCallEvent(connected, toQueue, at(70), opts).call;
    const gone = applyCallEvent(moved, { type: 'callerHangup' } as CallEvent, at(80), opts);
    expect(gone.effects).toContainEqual(
      expect.objectContaining({ eventType: 'call.abandoned', data: expect.objectContaining({ afterTransfer: true }) }),
    );
  });
});
