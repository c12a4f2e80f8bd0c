import { describe, expect, it } from 'vitest';
import { agentOfInterface, fallbackCallEvents } from '../../src/adapters/ami/fallback-events';

const at = new Date('2026-12-01T01:00:00.000Z');
// Fields as asterisk-manager hands them over (lower-cased keys), from app_queue's AMI events.
const caller = {
  queue: 'fallback',
  uniqueid: '1796161081.12',
  channel: 'PJSIP/carrier-0000000a',
  calleridnum: '01012345678',
};

describe('fallback queue AMI events → call events', () => {
  it.each([
    [
      'QueueCallerJoin',
      { position: '1', count: '1' },
      [
        ['call.arrived', null, {}],
        ['queue.entered', null, { position: 1 }],
      ],
    ],
    [
      'AgentCalled',
      { interface: 'PJSIP/1001', destchannel: 'PJSIP/1001-0000000b' },
      [['agent.offered', '1001', { channel: 'PJSIP/1001-0000000b' }]],
    ],
    [
      'AgentRingNoAnswer',
      { interface: 'PJSIP/1002', ringtime: '20000' },
      [['agent.noAnswer', '1002', { ringSeconds: 20 }]],
    ],
    [
      'AgentConnect',
      { interface: 'PJSIP/1001', holdtime: '7', ringtime: '1' },
      [['call.connected', '1001', { waitSeconds: 7, ringSeconds: 1 }]],
    ],
    [
      'AgentComplete',
      { interface: 'PJSIP/1001', holdtime: '7', talktime: '42', reason: 'caller' },
      [['call.ended', '1001', { reason: 'callerHangup', waitSeconds: 7, talkSeconds: 42 }]],
    ],
    [
      'AgentComplete',
      { interface: 'PJSIP/1001', holdtime: '7', talktime: '42', reason: 'agent' },
      [['call.ended', '1001', { reason: 'agentHangup' }]],
    ],
    [
      'QueueCallerAbandon',
      { holdtime: '31', position: '2', originalposition: '3' },
      [
        ['call.abandoned', null, { waitSeconds: 31, position: 2 }],
        ['call.ended', null, { reason: 'abandoned' }],
      ],
    ],
  ] as const)('%s', (event, fields, expected) => {
    const out = fallbackCallEvents({ event, ...caller, ...fields }, at);
    expect(out.map((e) => [e.type, e.agentId, e.data])).toEqual(
      expected.map(([type, agent, data]) => [type, agent, expect.objectContaining({ fallback: true, ...data })]),
    );
    for (const e of out)
      expect(e).toMatchObject({
        callId: 'fallback-1796161081.12',
        queue: 'general',
        callerNumber: '01012345678',
        at: at.toISOString(),
      });
  });

  it('ignores other queues, unknown events and events without the caller channel id', () => {
    expect(fallbackCallEvents({ event: 'QueueCallerJoin', ...caller, queue: 'other' }, at)).toEqual([]);
    expect(fallbackCallEvents({ event: 'QueueMemberStatus', ...caller }, at)).toEqual([]);
    expect(fallbackCallEvents({ event: 'QueueCallerJoin', queue: 'fallback' }, at)).toEqual([]);
  });

  it('keeps a withheld caller number out', () => {
    expect(
      fallbackCallEvents({ event: 'QueueCallerJoin', ...caller, calleridnum: '<unknown>' }, at)[0]?.callerNumber,
    ).toBeNull();
  });

  it.each([
    ['PJSIP/1001', '1001'],
    ['Local/1001@agents', 'Local/1001@agents'],
    ['', null],
    [undefined, null],
  ])('agent of member interface %s is %s', (iface, agent) => {
    expect(agentOfInterface(iface)).toBe(agent);
  });
});
