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

describe('pickAgent with skill levels', () => {
  const leveled = (
    id: string,
    levels: Record<string, number> | undefined,
    since: string,
    state: AgentRecord['state'] = 'ready',
  ): AgentRecord => ({ ...agent(id, state, ['fund', 'hr'], since), ...(levels ? { skillLevels: levels } : {}) });
  // 3001 idle longest at the default level, 3002 a fund expert idle shorter, 3003 a fund expert idle shortest,
  // 3004 the best of all but busy, 3005 a learner idle longest of all.
  const floor = [
    leveled('3001', undefined, '2026-11-26T01:00:00.000Z'),
    leveled('3002', { fund: 5, hr: 1 }, '2026-11-26T01:00:20.000Z'),
    leveled('3003', { fund: 5 }, '2026-11-26T01:00:30.000Z'),
    leveled('3004', { fund: 5, hr: 5 }, '2026-11-26T00:00:00.000Z', 'onCall'),
    leveled('3005', { fund: 1, hr: 2 }, '2026-11-26T00:30:00.000Z'),
  ];
  const rows: [string, string, string[], string][] = [
    ['the highest level wins over a longer idle', 'fund', [], '3002'],
    ['among equal levels the longest idle wins', 'fund', [], '3002'],
    ['excluding the best falls to the next of the same level', 'fund', ['3002'], '3003'],
    ['below the experts, the default level beats a learner idle longer', 'fund', ['3002', '3003'], '3001'],
    ['levels are per skill: no level = default, which beats 1 and 2', 'hr', [], '3001'],
    ['a learner still takes the call when nobody better is Ready', 'hr', ['3001', '3003'], '3005'],
  ];
  it.each(rows)('%s', (_n, skill, exclude, expected) => {
    expect(pickAgent(floor, skill, new Set(exclude))?.agentId).toBe(expected);
  });

  it('an explicit default level ties with no level, and the tie goes to the longest idle', () => {
    const tie = [leveled('4001', { fund: 3 }, '2026-11-26T01:00:09.000Z'), leveled('4002', {}, T)];
    expect(pickAgent(tie, 'fund')?.agentId).toBe('4002');
  });
});

describe('queueScore', () => {
  it('puts a higher priority a minute ahead per level', () => {
    expect(queueScore('2026-11-26T01:01:00.000Z', 1)).toBe(Date.parse('2026-11-26T01:00:00.000Z'));
    expect(queueScore(T, 0)).toBeLessThan(queueScore('2026-11-26T01:00:00.001Z', 0));
  });
});
