import { describe, expect, it } from 'vitest';
import { pickAgent, queueScore } from '../../src/core/acd';
import { type AgentRecord, newAgent } from '../../src/core/agent-state';

const T = '2026-11-26T01:00:00.000Z';
const agent = (id: string, state: AgentRecord['state'], skills: string[], since: string): AgentRecord => ({
  ...newAgent(id, id, skills, new Date(T)),
  state,
  since,
});

describe('pickAgent', () => {
  const floor = [
    agent('1001', 'ready', ['fund'], '2026-11-26T01:00:10.000Z'),
    agent('1002', 'ready', ['fund', 'startup'], '2026-11-26T01:00:05.000Z'),
    agent('1003', 'notReady', ['fund'], '2026-11-26T00:00:00.000Z'),
    agent('1004', 'ready', ['startup'], '2026-11-26T00:59:00.000Z'),
    agent('1005', 'onCall', ['general'], '2026-11-26T00:00:00.000Z'),
  ];
  const rows: [string, string, string[], string | null][] = [
    ['longest idle with the skill wins', 'fund', [], '1002'],
    ['excluded agents are skipped', 'fund', ['1002'], '1001'],
    ['only ready agents', 'general', [], null],
    ['skill must match', 'startup', [], '1004'],
    ['nobody has the skill', 'export', [], null],
  ];
  it.each(rows)('%s', (_n, skill, exclude, expected) => {
    expect(pickAgent(floor, skill, new Set(exclude))?.agentId ?? null).toBe(expected);
  });

  it('breaks ties by agent id so every process picks the same', () => {
    const tie = [agent('2002', 'ready', ['fund'], T), agent('2001', 'ready', ['fund'], T)];
    expect(pickAgent(tie, 'fund')?.agentId).toBe('2001');
  });
});

describe('queueScore', () => {
  it('puts a higher priority a minute ahead per level', () => {
    expect(queueScore('2026-11-26T01:01:00.000Z', 1)).toBe(Date.parse('2026-11-26T01:00:00.000Z'));
    expect(queueScore(T, 0)).toBeLessThan(queueScore('2026-11-26T01:00:00.001Z', 0));
  });
});
