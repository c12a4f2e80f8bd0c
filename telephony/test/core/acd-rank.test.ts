import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickAgent, rankReady } from '../../src/core/acd';
import { type AgentRecord, newAgent } from '../../src/core/agent-state';

const T = new Date('2026-11-26T01:00:00.000Z');
const SKILLS = ['fund', 'hr', 'export'];

/** A floor of a few agents with colliding idle times and levels, so every tie-break is exercised. */
const floorOf = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1000, max: 1030 }).map(String),
    state: fc.constantFrom<AgentRecord['state']>('ready', 'ready', 'ready', 'notReady', 'onCall'),
    skills: fc.subarray(SKILLS, { minLength: 1 }),
    idleSeconds: fc.integer({ min: 0, max: 4 }),
    fundLevel: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  }),
  { selector: (a) => a.id, maxLength: 25 },
);
function build(
  floor: { id: string; state: AgentRecord['state']; skills: string[]; idleSeconds: number; fundLevel?: number }[],
): AgentRecord[] {
  return floor.map((a) => ({
    ...newAgent(a.id, a.id, a.skills, T),
    state: a.state,
    since: new Date(T.getTime() - a.idleSeconds * 1000).toISOString(),
    ...(a.fundLevel !== undefined ? { skillLevels: { fund: a.fundLevel } } : {}),
  }));
}

describe('rankReady: pickAgent’s order for a whole line at once', () => {
  it('its first is pickAgent’s pick, and each next one is the pick once those before are taken', () => {
    fc.assert(
      fc.property(
        floorOf,
        fc.constantFrom(...SKILLS),
        fc.subarray(['1000', '1001', '1002', '1003']),
        (floor, skill, out) => {
          const agents = build(floor);
          const exclude = new Set(out);
          const ranked = rankReady(agents, skill, exclude).map((a) => a.agentId);
          // The rule as first written: one scan of the floor per place in line.
          const taken = new Set(exclude);
          const oneByOne: string[] = [];
          for (let pick = pickAgent(agents, skill, taken); pick; pick = pickAgent(agents, skill, taken)) {
            oneByOne.push(pick.agentId);
            taken.add(pick.agentId);
          }
          expect(ranked).toEqual(oneByOne);
        },
      ),
      { numRuns: 500 },
    );
  });
});
