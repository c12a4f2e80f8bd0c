import { describe, expect, it } from 'vitest';
import { callRecordOf, type StoredCallEvent } from '../../src/domain/callRecord';

const at = (s: number) => new Date(Date.parse('2025-03-14T01:00:00Z') + s * 1000);
let n = 0;
const ev = (type: StoredCallEvent['type'], s: number, extra: Partial<StoredCallEvent> = {}): StoredCallEvent => ({
  id: `e${++n}`,
  callId: 'c1',
  type,
  at: at(s),
  queue: null,
  agentId: null,
  callerNumber: null,
  data: {},
  ...extra,
});

describe('callRecordOf', () => {
  it('an answered call: queue, agent, times and recording', () => {
    const events = [
      ev('call.arrived', 0, { callerNumber: '01012345678' }),
      ev('queue.entered', 30, { queue: 'fund' }),
      ev('call.connected', 45, { queue: 'fund', agentId: '1001' }),
      ev('recording.started', 45, { data: { recordingName: 'rec-c1' } }),
      ev('call.ended', 300),
    ];
    // Delivery order does not matter.
    expect(callRecordOf('c1', [...events].reverse())).toEqual({
      callId: 'c1',
      callerNumber: '01012345678',
      queue: 'fund',
      agentId: '1001',
      arrivedAt: at(0),
      queuedAt: at(30),
      connectedAt: at(45),
      endedAt: at(300),
      outcome: 'answered',
      recordingName: 'rec-c1',
      direction: 'inbound',
    });
  });

  it.each<[string, StoredCallEvent[], string]>([
    ['in progress', [ev('call.arrived', 0), ev('queue.entered', 5, { queue: 'rnd' })], 'inProgress'],
    [
      'abandoned in queue',
      [ev('call.arrived', 0), ev('queue.entered', 5, { queue: 'rnd' }), ev('call.abandoned', 9), ev('call.ended', 9)],
      'abandoned',
    ],
    ['hung up in the IVR', [ev('call.arrived', 0), ev('ivr.step', 2), ev('call.ended', 9)], 'ivrOnly'],
    [
      'queued then ended another way (e.g. transferred out)',
      [ev('call.arrived', 0), ev('queue.entered', 5, { queue: 'rnd' }), ev('call.ended', 9)],
      'ended',
    ],
  ])('%s → %s', (_label, events, outcome) => {
    expect(callRecordOf('c1', events).outcome).toBe(outcome);
  });

  it('the queue is the last one entered (overflow)', () => {
    const r = callRecordOf('c1', [
      ev('queue.entered', 0, { queue: 'fund' }),
      ev('queue.entered', 60, { queue: 'general' }),
    ]);
    expect(r).toMatchObject({ queue: 'general', queuedAt: at(0), arrivedAt: at(0) });
  });
});
