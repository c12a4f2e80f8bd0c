import { describe, expect, it } from 'vitest';
import type { AgentConsultEvent } from '../../src/core/agent-consult';
import { type CallEvent, type LiveCall, applyCallEvent, newCall } from '../../src/core/call';

/** Three-way conference out of an attended transfer's consult (issue 12 §2), pure. */
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
const talking = run(connected, [start, { type: 'consultAnswered', channelId: 'ch-consult' }]).call;
const conf: CallEvent = { type: 'consultConference', fromAgentId: '1001' };
const inConference = run(talking, [conf]).call;

describe('three-way conference', () => {
  it('from a consult in talk: everyone in the call bridge, recorded as an event, the console told', () => {
    const { call, effects } = run(talking, [conf]);
    expect(effects[0]).toEqual(['media:conference', 'event:conference.started', 'notifyConsult']);
    expect(call.consult).toMatchObject({ agentId: '1002', phase: 'talking', with: 'all' });
    expect(call).toMatchObject({ state: 'connected', agentId: '1001' });
  });

  it('not while the target still rings, not twice, not by another counselor; no swap inside it', () => {
    const ringing = run(connected, [start]).call;
    expect(run(ringing, [conf]).effects[0]).toEqual([]);
    expect(run(inConference, [conf]).effects[0]).toEqual([]);
    expect(run(talking, [{ type: 'consultConference', fromAgentId: '1003' }]).effects[0]).toEqual([]);
    expect(run(inConference, [{ type: 'consultSwap', fromAgentId: '1001' }]).effects[0]).toEqual([]);
  });

  it('the counselor leaves (button or their phone): the caller and the target go on, the counselor wraps up', () => {
    for (const leave of [
      { type: 'consultComplete', fromAgentId: '1001' },
      { type: 'agentHangup', agentChannelId: 'ch-agent' },
    ] as const) {
      const { call, effects } = run(inConference, [leave]);
      expect(effects[0]).toEqual([
        'media:complete',
        'hangup',
        'event:call.transferred',
        'agent',
        'notifyEnded',
        'notifyControls',
      ]);
      expect(call).toMatchObject({ state: 'connected', agentId: '1002', agentChannelId: 'ch-consult', consult: null });
    }
  });

  it('the target leaves (cancel or hangs up): the caller and the counselor go on, no music in between', () => {
    for (const leave of [
      { type: 'consultCancel', fromAgentId: '1001' },
      { type: 'consultLost', channelId: 'ch-consult', reason: 'hangup' },
    ] as const) {
      const { call, effects } = run(inConference, [leave]);
      expect(effects[0]).toContain('media:backToCaller');
      expect(effects[0]).not.toContain('holdMedia');
      expect(call).toMatchObject({ state: 'connected', agentId: '1001', agentChannelId: 'ch-agent', consult: null });
    }
  });

  it('the caller hangs up: the call ends for all three (the target leg too)', () => {
    const { call, effects } = run(inConference, [{ type: 'callerHangup' }]);
    expect(call.state).toBe('ended');
    expect(effects[0]).toContain('event:call.ended');
    expect(effects[0]!.filter((t) => t === 'hangup').length).toBeGreaterThanOrEqual(2);
  });
});
