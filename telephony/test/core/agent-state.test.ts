import { describe, expect, it } from 'vitest';
import { type AgentEvent, type AgentRecord, applyAgentEvent, newAgent } from '../../src/core/agent-state';

const T0 = new Date('2026-11-26T01:00:00.000Z');
const T1 = new Date('2026-11-26T01:00:05.000Z');

function agentIn(state: AgentRecord['state'], patch: Partial<AgentRecord> = {}): AgentRecord {
  return { ...newAgent('1001', '김상담', ['fund'], T0), state, ...patch };
}

type Row = [string, AgentRecord, AgentEvent, Partial<AgentRecord> | 'INVALID_STATE' | 'unchanged'];

const rows: Row[] = [
  ['login from offline → notReady', agentIn('offline'), { type: 'login', displayName: '김상담', skills: ['fund'] }, { state: 'notReady', reason: null }],
  ['login while on a call keeps the call', agentIn('onCall', { callId: 'c1' }), { type: 'login', displayName: '김상담', skills: ['fund'] }, 'unchanged'],
  ['ready from notReady', agentIn('notReady', { reason: 'break' }), { type: 'ready' }, { state: 'ready', reason: null, since: T1.toISOString() }],
  ['ready from wrapUp (early)', agentIn('wrapUp', { callId: 'c1', wrapUpUntil: T1.toISOString() }), { type: 'ready' }, { state: 'ready', callId: null, wrapUpUntil: null }],
  ['ready while ringing is refused', agentIn('ringing', { callId: 'c1' }), { type: 'ready' }, 'INVALID_STATE'],
  ['ready twice is a no-op', agentIn('ready'), { type: 'ready' }, 'unchanged'],
  ['notReady keeps its reason', agentIn('ready'), { type: 'notReady', reason: 'meal' }, { state: 'notReady', reason: 'meal' }],
  ['notReady on a call is refused', agentIn('onCall', { callId: 'c1' }), { type: 'notReady', reason: 'meal' }, 'INVALID_STATE'],
  ['reserve only from ready', agentIn('ready'), { type: 'reserve', callId: 'c1' }, { state: 'reserved', callId: 'c1' }],
  ['reserve from notReady is refused', agentIn('notReady'), { type: 'reserve', callId: 'c1' }, 'INVALID_STATE'],
  ['ring the reserved call', agentIn('reserved', { callId: 'c1' }), { type: 'ring', callId: 'c1' }, { state: 'ringing', callId: 'c1' }],
  ['ring another call is refused', agentIn('reserved', { callId: 'c1' }), { type: 'ring', callId: 'c2' }, 'INVALID_STATE'],
  ['answer → onCall', agentIn('ringing', { callId: 'c1' }), { type: 'answer', callId: 'c1' }, { state: 'onCall', callId: 'c1' }],
  ['missed → notReady(other)', agentIn('ringing', { callId: 'c1' }), { type: 'missed', callId: 'c1' }, { state: 'notReady', reason: 'other', callId: null }],
  ['missed for a call it no longer has: no-op', agentIn('ready'), { type: 'missed', callId: 'c1' }, 'unchanged'],
  ['release → ready', agentIn('ringing', { callId: 'c1' }), { type: 'release', callId: 'c1' }, { state: 'ready', callId: null }],
  ['callEnded → wrapUp until now+10s', agentIn('onCall', { callId: 'c1' }), { type: 'callEnded', callId: 'c1', wrapUpSeconds: 10 }, { state: 'wrapUp', callId: 'c1', wrapUpUntil: '2026-11-26T01:00:15.000Z' }],
  ['callEnded with 0 s wrap-up → ready', agentIn('onCall', { callId: 'c1' }), { type: 'callEnded', callId: 'c1', wrapUpSeconds: 0 }, { state: 'ready' }],
  ['wrap-up not over yet', agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:06.000Z' }), { type: 'wrapUpElapsed' }, 'unchanged'],
  ['wrap-up over → ready', agentIn('wrapUp', { callId: 'c1', wrapUpUntil: '2026-11-26T01:00:05.000Z' }), { type: 'wrapUpElapsed' }, { state: 'ready', callId: null, wrapUpUntil: null }],
  ['wrapUpElapsed after going notReady is a no-op', agentIn('notReady', { reason: 'break' }), { type: 'wrapUpElapsed' }, 'unchanged'],
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
      expect(result.changed).toBe(false);
      expect(result.agent.state).toBe(agent.state);
      return;
    }
    expect(result.changed).toBe(true);
    expect(result.agent).toMatchObject(expected);
  });
});
