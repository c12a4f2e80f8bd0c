import { describe, expect, it } from 'vitest';
import { agent } from '../../../test/factories';
import { agentRows, queueCoverage, stuckQueues } from './coverage-model';

const queues = (waiting: Partial<Record<string, number>>) =>
  Object.entries(waiting).map(([queue, n]) => ({ queue: queue as 'fund', waiting: n ?? 0, longestWaitSeconds: 30 }));

describe('who can take a queue', () => {
  // The demo run: two agents Ready, eight callers waiting for a skill neither has.
  const agents = [
    agent({ agentId: '1001', state: 'ready', skills: ['fund', 'general'] }),
    agent({ agentId: '1002', state: 'ready', skills: ['startup'] }),
    agent({ agentId: '1003', state: 'onCall', callId: 'c1', skills: ['hr', 'fund'] }),
    agent({ agentId: '1004', state: 'offline', skills: ['hr'] }),
    agent({ agentId: '1005', state: 'notReady', skills: ['export'] }),
  ];
  const coverage = queueCoverage({ agents, queues: queues({ hr: 8, fund: 2, export: 1 }) });
  const of = (q: string) => coverage.find((c) => c.queue === q)!;

  it('counts agents logged in with the skill and how many of them are Ready (offline agents do not count)', () => {
    expect(of('fund')).toEqual({ queue: 'fund', waiting: 2, able: 2, ready: 1, readyElsewhere: 1, stuck: false });
    expect(of('hr')).toEqual({ queue: 'hr', waiting: 8, able: 1, ready: 0, readyElsewhere: 2, stuck: true });
    expect(of('export')).toMatchObject({ able: 1, ready: 0, stuck: true });
    expect(of('rnd')).toEqual({ queue: 'rnd', waiting: 0, able: 0, ready: 0, readyElsewhere: 2, stuck: false });
  });

  it('flags queues whose callers wait with no Ready agent of the skill, most callers first', () => {
    expect(stuckQueues(coverage).map((c) => [c.queue, c.waiting])).toEqual([
      ['hr', 8],
      ['export', 1],
    ]);
    // A Ready agent of the skill clears the flag even with callers waiting (the ACD will offer).
    const covered = queueCoverage({
      agents: [agent({ state: 'ready', skills: ['hr'] })],
      queues: queues({ hr: 8 }),
    });
    expect(stuckQueues(covered)).toEqual([]);
  });
});

describe('agent rows', () => {
  it('joins each agent with their call and today’s counts, average handle time from the totals', () => {
    const rows = agentRows(
      [agent({ agentId: '1001', state: 'onCall', callId: 'c1' }), agent({ agentId: '1002' })],
      [
        {
          agentId: '1001',
          call: { callId: 'c1', queue: 'fund', callerNumber: '010-****-5678', company: '(주)한빛전자' },
          handledToday: 4,
          handleSecondsToday: 1000,
        },
        { agentId: '1002', call: null, handledToday: 0, handleSecondsToday: 0 },
      ],
    );
    expect(rows[0]).toMatchObject({ agentId: '1001', averageHandleSeconds: 250, detail: { handledToday: 4 } });
    expect(rows[1]).toMatchObject({ agentId: '1002', averageHandleSeconds: null });
    // An older telephony sends no details: rows still come, without them.
    expect(agentRows([agent()], undefined)[0]).toMatchObject({ detail: null, averageHandleSeconds: null });
  });
});
