import { describe, expect, it } from 'vitest';
import { type AgentEvent, type AgentRecord, applyAgentEvent, newAgent, snapshotOf } from '../../src/core/agent-state';

const T0 = new Date('2026-11-26T01:00:00.000Z');
const T1 = new Date('2026-11-26T01:00:05.000Z');

function agentIn(state: AgentRecord['state'], patch: Partial<AgentRecord> = {}): AgentRecord {
  return { ...newAgent('1001', '김상담', ['fund'], T0), state, ...patch };
}

type Row = [string, AgentRecord, AgentEvent, Partial<AgentRecord> | 'INVALID_STATE' | 'unchanged'];

const rows: Row[] = [
  [
    'login from offline → notReady',
    agentIn('offline'),
    { type: 'login', displayName: '김상담', skills: ['fund'] },
    { state: 'notReady', reason: null },
  ],
  [
    'login while on a call keeps the call',
    agentIn('onCall', { callId: 'c1' }),
    { type: 'login', displayName: '김상담', skills: ['fund'] },
    'unchanged',
  ],
  [
    'ready from notReady',
    agentIn('notReady', { reason: 'break' }),
    { type: 'ready' },
    { state: 'ready', reason: null, since: T1.toISOString() },
  ],
  [
    'ready from wrapUp (early)',
    agentIn('wrapUp', { callId: 'c1', wrapUpUntil: T1.toISOString() }),
    { type: 'ready' },
    { state: 'ready', callId: null, wrapUpUntil: null },
  ],
  ['ready while ringing is refused', agentIn('ringing', { callId: 'c1' }), { type: 'ready' }, 'INVALID_STATE'],
  ['ready twice is a no-op', agentIn('ready'), { type: 'ready' }, 'unchanged'],
  [
    'notReady keeps its reason',
    agentIn('ready'),
    { type: 'notReady', reason: 'meal' },
    { state: 'notReady', reason: 'meal' },
  ],
  [
    'notReady on a call is refused',
    agentIn('onCall', { callId: 'c1' }),
    { type: 'notReady', reason: 'meal' },
    'INVALID_STATE',
  ],
  ['reserve only from ready', agentIn('ready'), { type: 'reserve', callId: 'c1' }, { state: 'reserved', callId: 'c1' }],
  ['reserve from notReady is refused', agentIn('notReady'), { type: 'reserve', callId: 'c1' }, 'INVALID_STATE'],
  [
    'ring the reserved call',
    agentIn('reserved', { callId: 'c1' }),
    { type: 'ring', callId: 'c1' },
    { state: 'ringing', callId: 'c1' },
  ],
  [
    'ring another call is refused',
    agentIn('reserved', { callId: 'c1' }),
    { type: 'ring', callId: 'c2' },
    'INVALID_STATE',
  ],
  [
    'answer → onCall',
    agentIn('ringing', { callId: 'c1' }),
    { type: 'answer', callId: 'c1' },
    { state: 'onCall', callId: 'c1' },
  ],
  [
    'missed → notReady(other)',
    agentIn('ringing', { callId: 'c1' }),
    { type: 'missed', callId: 'c1' },
    { state: 'notReady', reason: 'other', callId: null },
  ],
  ['missed for a call it no longer has: no-op', agentIn('ready'), { type: 'missed', callId: 'c1' }, 'unchanged'],
  [
    'release → ready',
    agentIn('ringing', { callId: 'c1' }),
    { type: 'release', callId: 'c1' },
    { state: 'ready', callId: null },
  ],
  [
    'callEnded → wrapUp until now+10s',
    agentIn('onCall', { callId: 'c1' }),
    { type: 'callEnded', callId: 'c1', wrapUpSeconds: 10 },
    { state: 'wrapUp', callId: 'c1', wrapUpUntil: '2026-11-26T01:00:15.000Z' },
  ],
  [
    'callEnded with 0 s wrap-up → ready',
    agentIn('onCall', { callId: 'c1' }),
    { type: 'callEnded', callId: 'c1', wrapUpSeconds: 0 },
    { state: 'ready' },
  ],
  [
    'wrap-up not over yet',
    agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:06.000Z' }),
    { type: 'wrapUpElapsed' },
    'unchanged',
  ],
  [
    'wrap-up over → ready',
    agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:05.000Z' }),
    { type: 'wrapUpElapsed' },
    { state: 'ready', callId: null, wrapUpUntil: null },
  ],
  [
    'wrapUpElapsed after going notReady is a no-op',
    agentIn('notReady', { reason: 'break' }),
    { type: 'wrapUpElapsed' },
    'unchanged',
  ],
  // The write-up: an unsaved one holds wrap-up; a save or discard releases it; extend adds time.
  [
    'wrapUpHold keeps the deadline and the time in state, but holds',
    agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:06.000Z' }),
    { type: 'wrapUpHold', callId: 'c1' },
    { state: 'wrapUp', wrapUpHeld: true, wrapUpUntil: '2026-11-26T01:00:06.000Z', since: T0.toISOString() },
  ],
  [
    'wrapUpHold twice is a no-op',
    agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:06.000Z', wrapUpHeld: true }),
    { type: 'wrapUpHold', callId: 'c1' },
    'unchanged',
  ],
  [
    'wrapUpHold for another call is refused',
    agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:06.000Z' }),
    { type: 'wrapUpHold', callId: 'c2' },
    'INVALID_STATE',
  ],
  [
    'wrapUpHold after the wrap-up already ended is refused (the console learns it is Ready)',
    agentIn('ready'),
    { type: 'wrapUpHold', callId: 'c1' },
    'INVALID_STATE',
  ],
  [
    'a held wrap-up does not end at its deadline',
    agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:01.000Z', wrapUpHeld: true }),
    { type: 'wrapUpElapsed' },
    'unchanged',
  ],
  [
    'wrapUpRelease before the deadline: the countdown runs again',
    agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:09.000Z', wrapUpHeld: true }),
    { type: 'wrapUpRelease', callId: 'c1' },
    { state: 'wrapUp', wrapUpHeld: false, wrapUpUntil: '2026-11-26T01:00:09.000Z' },
  ],
  [
    'wrapUpRelease after the deadline → ready at once',
    agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:02.000Z', wrapUpHeld: true }),
    { type: 'wrapUpRelease', callId: 'c1' },
    { state: 'ready', callId: null, wrapUpUntil: null, wrapUpHeld: false, since: T1.toISOString() },
  ],
  ['wrapUpRelease once Ready already: no-op', agentIn('ready'), { type: 'wrapUpRelease', callId: 'c1' }, 'unchanged'],
  [
    'wrapUpExtend adds to a deadline still ahead',
    agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:09.000Z' }),
    { type: 'wrapUpExtend', callId: 'c1', seconds: 30 },
    { state: 'wrapUp', wrapUpUntil: '2026-11-26T01:00:39.000Z', since: T0.toISOString() },
  ],
  [
    'wrapUpExtend counts from now once the deadline passed (held), and stays held',
    agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:01.000Z', wrapUpHeld: true }),
    { type: 'wrapUpExtend', callId: 'c1', seconds: 30 },
    { state: 'wrapUp', wrapUpUntil: '2026-11-26T01:00:35.000Z', wrapUpHeld: true },
  ],
  [
    'wrapUpExtend outside wrap-up is refused',
    agentIn('ready'),
    { type: 'wrapUpExtend', callId: 'c1', seconds: 30 },
    'INVALID_STATE',
  ],
  [
    'ready from a held wrap-up (the counselor chose to go on) clears the hold',
    agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:02.000Z', wrapUpHeld: true }),
    { type: 'ready' },
    { state: 'ready', callId: null, wrapUpUntil: null, wrapUpHeld: false },
  ],
  [
    'notReady from a held wrap-up clears the hold',
    agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:02.000Z', wrapUpHeld: true }),
    { type: 'notReady', reason: 'break' },
    { state: 'notReady', reason: 'break', wrapUpHeld: false },
  ],
  ['logout on a call is refused', agentIn('onCall', { callId: 'c1' }), { type: 'logout' }, 'INVALID_STATE'],
  ['logout from ready', agentIn('ready'), { type: 'logout' }, { state: 'offline' }],
];

describe('agent state machine', () => {
  it.each(rows)('%s', (_name, agent, event, expected) => {
    const result = applyAgentEvent(agent, event, T1);
    if (expected === 'INVALID_STATE') {
      expect(result).toMatchObject({ ok: false, code: 'INVALID_STATE' });
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    if (expected === 'unchanged') {
      expect(result.agent).toEqual(agent);
      expect(result.changed).toBe(false);
      expect(result.agent.state).toBe(agent.state);
      return;
    }
    expect(result.changed).toBe(true);
    expect(result.agent).toMatchObject(expected);
  });

  it('the snapshot tells the console when wrap-up ends and whether it is held, only in wrap-up', () => {
    const held = agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:09.000Z', wrapUpHeld: true });
    expect(snapshotOf(held)).toMatchObject({ wrapUpUntil: '2026-11-26T01:00:09.000Z', wrapUpHeld: true });
    expect(snapshotOf(agentIn('ready'))).not.toHaveProperty('wrapUpUntil');
  });
});

describe('skill levels in the agent record', () => {
  it('a skills change with levels keeps the state and its idle-since, and stores only non-default levels', () => {
    const ready = agentIn('ready', { since: T0.toISOString() });
    const r = applyAgentEvent(ready, { type: 'skills', skills: ['fund', 'hr'], skillLevels: { fund: 5, hr: 3 } }, T1);
    expect(r).toMatchObject({ ok: true, changed: true });
    if (!r.ok) return;
    expect(r.agent).toMatchObject({ state: 'ready', since: T0.toISOString(), skillLevels: { fund: 5 } });
    expect(snapshotOf(r.agent).skillLevels).toEqual({ fund: 5 });
  });

  it('a change of level alone is a change; the same levels again (or explicit defaults) are not', () => {
    const leveled = agentIn('ready', { skillLevels: { fund: 4 } });
    expect(applyAgentEvent(leveled, { type: 'skills', skills: ['fund'], skillLevels: { fund: 2 } }, T1)).toMatchObject({
      changed: true,
      agent: { skillLevels: { fund: 2 } },
    });
    expect(applyAgentEvent(leveled, { type: 'skills', skills: ['fund'], skillLevels: { fund: 4 } }, T1)).toMatchObject({
      changed: false,
    });
    const plain = agentIn('ready');
    expect(applyAgentEvent(plain, { type: 'skills', skills: ['fund'], skillLevels: { fund: 3 } }, T1)).toMatchObject({
      changed: false,
    });
    // Without levels, a skills change puts every skill back at the default.
    expect(applyAgentEvent(leveled, { type: 'skills', skills: ['fund'] }, T1)).toMatchObject({
      changed: true,
      agent: { skillLevels: {} },
    });
  });

  it('a login carries the levels; a reconnect mid-call updates them without touching the call', () => {
    const r = applyAgentEvent(
      agentIn('onCall', { callId: 'c1' }),
      { type: 'login', displayName: '김상담', skills: ['fund'], skillLevels: { fund: 1 } },
      T1,
    );
    expect(r).toMatchObject({
      ok: true,
      changed: true,
      agent: { state: 'onCall', callId: 'c1', skillLevels: { fund: 1 } },
    });
  });

  it('a record without levels (written before they existed) snapshots as before, without the field', () => {
    expect(snapshotOf(agentIn('ready'))).not.toHaveProperty('skillLevels');
    expect(snapshotOf(agentIn('ready', { skillLevels: { fund: 3 } }))).not.toHaveProperty('skillLevels');
  });
});

describe('wrap-up codes (후처리 코드)', () => {
  const inWrap = () =>
    agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:09.000Z', since: T0.toISOString() });

  it('a code for the call in wrap-up is kept: same state, same since, same deadline', () => {
    const r = applyAgentEvent(inWrap(), { type: 'wrapUpCode', callId: 'c1', code: 'followUp' }, T1);
    expect(r).toMatchObject({
      ok: true,
      changed: true,
      agent: {
        state: 'wrapUp',
        since: T0.toISOString(),
        wrapUpUntil: '2026-11-26T01:00:09.000Z',
        wrapUpCode: 'followUp',
      },
    });
    if (!r.ok) return;
    expect(snapshotOf(r.agent)).toMatchObject({ state: 'wrapUp', wrapUpCode: 'followUp' });
    // The same code again changes nothing; another replaces it.
    expect(applyAgentEvent(r.agent, { type: 'wrapUpCode', callId: 'c1', code: 'followUp' }, T1)).toMatchObject({
      changed: false,
    });
    expect(applyAgentEvent(r.agent, { type: 'wrapUpCode', callId: 'c1', code: 'resolved' }, T1)).toMatchObject({
      changed: true,
      agent: { wrapUpCode: 'resolved' },
    });
  });

  it('no code is preselected: a fresh wrap-up snapshots a null code', () => {
    const onCall = agentIn('onCall', { callId: 'c1' });
    const r = applyAgentEvent(onCall, { type: 'callEnded', callId: 'c1', wrapUpSeconds: 30 }, T1);
    expect(r.ok && snapshotOf(r.agent).wrapUpCode).toBeNull();
  });

  it('hold, release and extend keep the code; leaving wrap-up clears it from the record', () => {
    const coded = { ...inWrap(), wrapUpCode: 'callbackNeeded' as const };
    for (const event of [
      { type: 'wrapUpHold', callId: 'c1' },
      { type: 'wrapUpExtend', callId: 'c1', seconds: 30 },
    ] as AgentEvent[]) {
      expect(applyAgentEvent(coded, event, T1)).toMatchObject({ ok: true, agent: { wrapUpCode: 'callbackNeeded' } });
    }
    const ready = applyAgentEvent(coded, { type: 'ready' }, T1);
    expect(ready).toMatchObject({ ok: true, agent: { state: 'ready' } });
    expect(ready.ok && ready.agent.wrapUpCode).toBeFalsy();
  });

  it('a code outside wrap-up, or for another call, is refused (it would be lost)', () => {
    expect(applyAgentEvent(agentIn('ready'), { type: 'wrapUpCode', callId: 'c1', code: 'resolved' }, T1)).toMatchObject(
      {
        ok: false,
        code: 'INVALID_STATE',
      },
    );
    expect(applyAgentEvent(inWrap(), { type: 'wrapUpCode', callId: 'c2', code: 'resolved' }, T1)).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
  });
});
