import { describe, expect, it } from 'vitest';
import type { AgentConsultEvent } from '../../src/core/agent-consult';
import { type CallEvent, type LiveCall, applyCallEvent, newCall } from '../../src/core/call';

const T0 = new Date('2026-11-26T01:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const opts = { wrapUpSeconds: 10 };
const connected: LiveCall = {
  ...newCall({ callId: 'c1', node: 'n1', callerChannelId: 'ch-caller', callerNumber: '01012345678' }, T0),
  state: 'connected',
  queue: 'fund',
  enqueuedAt: T0.toISOString(),
  holdingBridgeId: 'c1-hold',
  agentId: '1001',
  agentChannelId: 'ch-agent',
  connectedAt: at(10).toISOString(),
  mixingBridgeId: 'c1-mix',
};
const start: AgentConsultEvent = {
  type: 'consultStart',
  fromAgentId: '1001',
  fromName: '김상담',
  agentId: '1002',
  channelId: 'ch-consult',
  context: { notes: '메모', category: 'export', draft: null },
};
const types = (effects: { type: string; eventType?: string; step?: string }[]) =>
  effects.map((e) =>
    e.type === 'callEvent' ? `event:${e.eventType}` : e.type === 'consultMedia' ? `media:${e.step}` : e.type,
  );
function run(call: LiveCall, events: CallEvent[]) {
  const all: string[][] = [];
  for (const [i, event] of events.entries()) {
    const step = applyCallEvent(call, event, at(20 + i), opts);
    call = step.call;
    all.push(types(step.effects));
  }
  return { call, effects: all };
}

describe('attended transfer: the consult', () => {
  it('start holds the caller with music and rings the target; answered, the counselor talks to the target', () => {
    const { call, effects } = run(connected, [start, { type: 'consultAnswered', channelId: 'ch-consult' }]);
    expect(effects[0]).toEqual([
      'holdMedia',
      'event:consult.started',
      'originateConsult',
      'agent',
      'startConsultTimer',
      'notifyOffered',
      'notifyConsult',
    ]);
    expect(effects[1]).toEqual([
      'cancelConsultTimer',
      'agent',
      'media:talkToTarget',
      'notifyConnected',
      'notifyConsult',
    ]);
    expect(call).toMatchObject({ state: 'connected', agentId: '1001', consult: { phase: 'talking', with: 'target' } });
  });

  it('swap goes to the caller and back; complete gives the caller to the target and the first to wrap-up', () => {
    const talking = run(connected, [start, { type: 'consultAnswered', channelId: 'ch-consult' }]).call;
    const swapped = run(talking, [{ type: 'consultSwap', fromAgentId: '1001' }]);
    expect(swapped.call.consult?.with).toBe('caller');
    expect(swapped.effects[0]).toEqual(['media:talkToCaller', 'notifyConsult']);
    expect(run(swapped.call, [{ type: 'consultSwap', fromAgentId: '1001' }]).effects[0]).toContain(
      'media:talkToTarget',
    );
    const done = run(talking, [{ type: 'consultComplete', fromAgentId: '1001' }]);
    expect(done.effects[0]).toEqual([
      'media:complete',
      'hangup',
      'event:call.transferred',
      'agent',
      'notifyEnded',
      'notifyControls',
    ]);
    expect(done.call).toMatchObject({
      agentId: '1002',
      agentChannelId: 'ch-consult',
      consult: null,
      agentTransfer: { fromAgentId: '1001', mode: 'attended', notes: '메모' },
    });
    // Completed already: a second click changes nothing.
    expect(run(done.call, [{ type: 'consultComplete', fromAgentId: '1001' }]).effects[0]).toEqual([]);
  });

  it.each([
    ['no answer', { type: 'consultLost', channelId: 'ch-consult', reason: 'noAnswer' }, 'missed'],
    ['cancelled while ringing', { type: 'consultCancel', fromAgentId: '1001' }, 'release'],
  ] as const)('%s: the caller is given back, the target %s', (_what, event, targetEvent) => {
    const { call, effects } = run(connected, [start, event]);
    expect(effects[1]).toEqual([
      'cancelConsultTimer',
      'hangup',
      'media:backToCaller',
      'holdMedia',
      'agent',
      'notifyEnded',
      'event:consult.ended',
      'notifyConsult',
    ]);
    const step = applyCallEvent(run(connected, [start]).call, event, at(30), opts);
    expect(step.effects).toContainEqual({ type: 'holdMedia', held: false });
    expect(step.effects).toContainEqual(
      expect.objectContaining({ agentId: '1002', event: expect.objectContaining({ type: targetEvent }) }),
    );
    expect(call.consult).toBeNull();
    expect(call.agentId).toBe('1001');
  });

  it('complete and swap while the target still rings change nothing; a second consult releases its target', () => {
    const ringing = run(connected, [start]).call;
    expect(applyCallEvent(ringing, { type: 'consultComplete', fromAgentId: '1001' }, at(30), opts).effects).toEqual([]);
    expect(applyCallEvent(ringing, { type: 'consultSwap', fromAgentId: '1001' }, at(30), opts).effects).toEqual([]);
    expect(applyCallEvent(ringing, { ...start, agentId: '1003' }, at(30), opts).effects).toEqual([
      { type: 'agent', agentId: '1003', event: { type: 'release', callId: 'c1' } },
    ]);
    // Hold is not the counselor's during a consult.
    expect(applyCallEvent(ringing, { type: 'hold', held: false }, at(30), opts).effects).toEqual([]);
  });

  it('the caller hanging up during a consult ends the consult leg and frees the target', () => {
    const ringing = run(connected, [start]).call;
    const { effects } = applyCallEvent(ringing, { type: 'callerHangup' }, at(30), opts);
    expect(effects).toContainEqual({ type: 'hangup', channelId: 'ch-consult' });
    expect(effects).toContainEqual({ type: 'agent', agentId: '1002', event: { type: 'release', callId: 'c1' } });
    expect(effects).toContainEqual({ type: 'dropConversation', bridgeId: 'c1-consult' });
  });
});
