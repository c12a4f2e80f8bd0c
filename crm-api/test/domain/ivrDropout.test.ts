import { describe, expect, it } from 'vitest';
import { type IvrEventFact, ivrDropoutOf } from '../../src/domain/ivrDropout';
import { seoulDay } from '../../src/domain/seoulDay';

const day = seoulDay('2025-03-14');
const at = (hhmmss: string) => `2025-03-14T${hhmmss}+09:00`;
const step = (callId: string, time: string, nodeId: string, extra: Record<string, unknown> = {}): IvrEventFact => ({
  callId,
  type: 'ivr.step',
  at: at(time),
  data: { nodeId, nodeType: extra.nodeType ?? 'menu', flow: 'main', ...extra },
});
const ev = (callId: string, type: string, time: string, data: Record<string, unknown> = {}): IvrEventFact => ({
  callId,
  type,
  at: at(time),
  data,
});

describe('ivrDropoutOf', () => {
  const cases: { name: string; events: IvrEventFact[]; expect: Partial<ReturnType<typeof ivrDropoutOf>> }[] = [
    { name: 'no events', events: [], expect: { enteredIvr: 0, leftInIvr: 0, reachedOutcome: 0, byLastNode: [] } },
    {
      name: 'a call that reached a queue is an outcome, not a drop-out',
      events: [
        step('a', '10:00:00', 'notice', { nodeType: 'play' }),
        step('a', '10:00:05', 'main-menu'),
        ev('a', 'ivr.finished', '10:00:09', { outcome: { kind: 'queue', queue: 'fund' } }),
        ev('a', 'call.ended', '10:05:00'),
      ],
      expect: { enteredIvr: 1, leftInIvr: 0, reachedOutcome: 1, outcomes: { queue: 1 }, byLastNode: [] },
    },
    {
      name: 'a hang-up in the main menu counts against main-menu with its prompt text',
      events: [
        step('b', '10:00:00', 'notice', { nodeType: 'play' }),
        step('b', '10:00:05', 'main-menu', { prompts: [{ id: 'main-menu', text: '1번을 누르세요' }] }),
        ev('b', 'call.ended', '10:00:20', { stage: 'ivr' }),
      ],
      expect: {
        enteredIvr: 1,
        leftInIvr: 1,
        byLastNode: [{ nodeId: 'main-menu', flow: 'main', nodeType: 'menu', promptText: '1번을 누르세요', calls: 1 }],
      },
    },
    {
      name: 'steps in the same millisecond are ordered by seq',
      events: [
        step('c', '10:00:00', 'startup-menu', { seq: 4 }),
        step('c', '10:00:00', 'startup', { seq: 3, nodeType: 'subflow' }),
        ev('c', 'call.ended', '10:00:03'),
      ],
      expect: {
        leftInIvr: 1,
        byLastNode: [{ nodeId: 'startup-menu', flow: 'main', nodeType: 'menu', promptText: null, calls: 1 }],
      },
    },
    {
      name: 'a call without an end yet is still in the IVR',
      events: [step('d', '10:00:00', 'notice')],
      expect: { enteredIvr: 1, leftInIvr: 0, stillInIvr: 1 },
    },
    {
      name: 'a call that never ran a step did not enter the IVR',
      events: [ev('e', 'call.arrived', '10:00:00'), ev('e', 'call.ended', '10:00:01')],
      expect: { enteredIvr: 0, leftInIvr: 0 },
    },
    {
      name: 'a call from the previous day is not counted',
      events: [
        { callId: 'f', type: 'ivr.step', at: '2025-03-13T23:59:59+09:00', data: { nodeId: 'notice' } },
        ev('f', 'call.ended', '00:00:10'),
      ],
      expect: { enteredIvr: 0 },
    },
    {
      name: 'drop-outs are grouped by node, most first; outcomes counted by kind',
      events: [
        step('g1', '11:00:00', 'main-menu'),
        ev('g1', 'call.ended', '11:00:10'),
        step('g2', '11:01:00', 'main-menu'),
        ev('g2', 'call.ended', '11:01:10'),
        step('g3', '11:02:00', 'sms-enter', { nodeType: 'collect', flow: 'sms' }),
        ev('g3', 'call.ended', '11:02:10'),
        step('g4', '11:03:00', 'fta-transfer', { nodeType: 'transfer' }),
        ev('g4', 'ivr.finished', '11:03:03', { outcome: { kind: 'transfer' } }),
        step('g5', '11:04:00', 'ah-callback', { nodeType: 'callback' }),
        ev('g5', 'ivr.finished', '11:04:03', { outcome: { kind: 'callback' } }),
      ],
      expect: {
        enteredIvr: 5,
        leftInIvr: 3,
        reachedOutcome: 2,
        outcomes: { transfer: 1, callback: 1 },
        byLastNode: [
          { nodeId: 'main-menu', flow: 'main', nodeType: 'menu', promptText: null, calls: 2 },
          { nodeId: 'sms-enter', flow: 'sms', nodeType: 'collect', promptText: null, calls: 1 },
        ],
      },
    },
    {
      name: 'malformed step data is ignored, not fatal',
      events: [
        { callId: 'h', type: 'ivr.step', at: at('12:00:00'), data: { nodeId: 42 } },
        ev('h', 'call.ended', '12:00:01'),
      ],
      expect: { enteredIvr: 0 },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(ivrDropoutOf('2025-03-14', day, c.events)).toMatchObject(c.expect);
    });
  }
});
