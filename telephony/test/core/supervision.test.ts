import { describe, expect, it } from 'vitest';
import { applyAgentEvent, newAgent } from '../../src/core/agent-state';
import {
  floorDetailOf,
  handledDelta,
  skillProfileAtLogin,
  skillsAtLogin,
  supervisorRefusal,
} from '../../src/core/supervision';

const t0 = new Date('2026-03-02T01:00:00.000Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000).toISOString();

describe('supervisor actions on an agent (pure rules)', () => {
  it('refuses Not ready and log out while the agent holds a caller, and for an agent not logged in', () => {
    for (const state of ['reserved', 'ringing', 'onCall'] as const) {
      expect(supervisorRefusal({ agentId: '1001', state }, 'logout')).toBe(
        `agent 1001 has a caller (${state}): log out is possible once the call ends`,
      );
      expect(supervisorRefusal({ agentId: '1001', state }, 'notReady')).toMatch(
        /Not ready is possible once the call ends/,
      );
    }
    expect(supervisorRefusal({ agentId: '1001', state: 'offline' }, 'notReady')).toBe('the agent is not logged in');
    expect(supervisorRefusal(null, 'logout')).toBe('the agent is not logged in');
    for (const state of ['ready', 'notReady', 'wrapUp'] as const)
      expect(supervisorRefusal({ agentId: '1001', state }, 'logout')).toBeNull();
  });

  it('changes skills in any state without moving the state or its since (the ACD idle order)', () => {
    const ready = { ...newAgent('1001', '김상담', ['fund'], t0), state: 'ready' as const };
    const r = applyAgentEvent(ready, { type: 'skills', skills: ['hr', 'general'] }, new Date(at(30)));
    expect(r).toMatchObject({
      ok: true,
      changed: true,
      agent: { state: 'ready', since: ready.since, skills: ['hr', 'general'] },
    });
    const onCall = { ...ready, state: 'onCall' as const, callId: 'c1' };
    expect(applyAgentEvent(onCall, { type: 'skills', skills: [] }, t0)).toMatchObject({
      ok: true,
      agent: { state: 'onCall', callId: 'c1', skills: [] },
    });
    expect(applyAgentEvent(ready, { type: 'skills', skills: ['fund'] }, t0)).toMatchObject({
      ok: true,
      changed: false,
    });
  });

  it('counts a handled call when the call ends, talk then wrap-up seconds as handle time', () => {
    expect(handledDelta({ state: 'onCall', since: at(0) }, { state: 'wrapUp', since: at(95) })).toEqual({
      calls: 1,
      seconds: 95,
    });
    expect(handledDelta({ state: 'wrapUp', since: at(95) }, { state: 'ready', since: at(125) })).toEqual({
      calls: 0,
      seconds: 30,
    });
    expect(handledDelta({ state: 'onCall', since: at(0) }, { state: 'ready', since: at(40) })).toEqual({
      calls: 1,
      seconds: 40,
    });
    expect(handledDelta({ state: 'ringing', since: at(0) }, { state: 'onCall', since: at(3) })).toBeNull();
    expect(handledDelta({ state: 'wrapUp', since: at(0) }, { state: 'wrapUp', since: at(0) })).toBeNull();
  });

  it("prefers a supervisor's skills changed after the token was signed, the token's when signed later", () => {
    const changed = { skills: ['hr'], at: at(60) };
    const iatOf = (s: number) => Math.floor(Date.parse(at(s)) / 1000);
    expect(skillsAtLogin({ skills: ['fund'], iat: iatOf(0) }, changed)).toEqual(['hr']);
    expect(skillsAtLogin({ skills: ['fund', 'rnd'], iat: iatOf(120) }, changed)).toEqual(['fund', 'rnd']);
    expect(skillsAtLogin({ skills: ['fund'], iat: iatOf(0) }, null)).toEqual(['fund']);
    expect(skillsAtLogin({ skills: ['fund'] }, changed)).toEqual(['hr']);
  });

  it('takes the levels from the same side as the skills, dropping defaults and levels of skills not held', () => {
    const changed = { skills: ['hr'], skillLevels: { hr: 5 }, at: at(60) };
    const iatOf = (s: number) => Math.floor(Date.parse(at(s)) / 1000);
    const token = { skills: ['fund', 'rnd'], skillLevels: { fund: 2, rnd: 3, hr: 4 } };
    expect(skillProfileAtLogin({ ...token, iat: iatOf(0) }, changed)).toEqual({
      skills: ['hr'],
      skillLevels: { hr: 5 },
    });
    expect(skillProfileAtLogin({ ...token, iat: iatOf(120) }, changed)).toEqual({
      skills: ['fund', 'rnd'],
      skillLevels: { fund: 2 },
    });
    // A supervisor's entry stored before levels existed: the skills without levels = all at the default.
    expect(skillProfileAtLogin({ ...token, iat: iatOf(0) }, { skills: ['hr'], at: at(60) })).toEqual({
      skills: ['hr'],
      skillLevels: {},
    });
    expect(skillProfileAtLogin({ skills: ['fund'] }, null)).toEqual({ skills: ['fund'], skillLevels: {} });
  });

  it("describes an agent's call with a masked number and the single matched company", () => {
    const pop = { companies: [{ name: '한빛정밀' }] } as never;
    const call = { callId: 'c1', queue: 'fund' as const, callerNumber: '01012345678' };
    expect(floorDetailOf({ agentId: '1001', callId: 'c1' }, call, pop, { calls: 3, seconds: 412.6 })).toEqual({
      agentId: '1001',
      call: { callId: 'c1', queue: 'fund', callerNumber: '010-****-5678', company: '한빛정밀' },
      handledToday: 3,
      handleSecondsToday: 413,
    });
    const two = { companies: [{ name: 'A' }, { name: 'B' }] } as never;
    expect(floorDetailOf({ agentId: '1001', callId: 'c1' }, call, two, undefined)).toMatchObject({
      call: { company: null },
      handledToday: 0,
      handleSecondsToday: 0,
    });
    expect(floorDetailOf({ agentId: '1001', callId: null }, null, null, undefined).call).toBeNull();
  });
});
