import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentSupervisionStore } from '../../src/adapters/redis/agent-supervision';
import { LiveState } from '../../src/adapters/redis/live-state';
import { testRedis } from '../support/redis';

/** The supervisor's Redis records: changed skills, and each agent's day (real Redis, own prefix). */
describe('AgentSupervisionStore', () => {
  let r: ReturnType<typeof testRedis>;
  let store: AgentSupervisionStore;
  beforeEach(() => {
    r = testRedis();
    store = new AgentSupervisionStore(new LiveState(r.redis, r.prefix));
  });
  afterEach(() => r.cleanup());

  it('keeps the last skills a supervisor set, with when', async () => {
    expect(await store.skillsOf('1001')).toBeNull();
    await store.setSkills('1001', ['fund'], new Date('2026-03-03T01:00:00.000Z'));
    await store.setSkills('1001', ['hr', 'general'], new Date('2026-03-03T02:00:00.000Z'));
    expect(await store.skillsOf('1001')).toEqual({ skills: ['hr', 'general'], at: '2026-03-03T02:00:00.000Z' });
  });

  it('keeps the levels set with the skills, and drops them with a change that has none', async () => {
    await store.setSkills('1001', ['fund', 'hr'], new Date('2026-03-03T01:00:00.000Z'), { fund: 5 });
    expect(await store.skillsOf('1001')).toEqual({
      skills: ['fund', 'hr'],
      skillLevels: { fund: 5 },
      at: '2026-03-03T01:00:00.000Z',
    });
    await store.setSkills('1001', ['fund'], new Date('2026-03-03T02:00:00.000Z'));
    expect(await store.skillsOf('1001')).toEqual({ skills: ['fund'], at: '2026-03-03T02:00:00.000Z' });
  });

  it('adds handled calls and seconds per agent and Seoul day, which starts at 15:00 UTC', async () => {
    const day = new Date('2026-03-03T03:00:00.000Z'); // 12:00 in Seoul
    await store.addHandled('1001', day, { calls: 1, seconds: 95.5 });
    await store.addHandled('1001', day, { calls: 0, seconds: 30 });
    await store.addHandled('1002', day, { calls: 1, seconds: 40 });
    // 00:30 the next day in Seoul: another day.
    await store.addHandled('1001', new Date('2026-03-03T15:30:00.000Z'), { calls: 1, seconds: 10 });
    const today = await store.dayOf(new Date('2026-03-03T14:59:00.000Z'));
    expect(Object.fromEntries(today)).toEqual({
      '1001': { calls: 1, seconds: 125.5 },
      '1002': { calls: 1, seconds: 40 },
    });
    expect(Object.fromEntries(await store.dayOf(new Date('2026-03-04T00:00:00.000Z')))).toEqual({
      '1001': { calls: 1, seconds: 10 },
    });
    expect(await r.redis.ttl(`${r.prefix}agents:day:2026-03-03`)).toBeGreaterThan(86_400);
  });
});
