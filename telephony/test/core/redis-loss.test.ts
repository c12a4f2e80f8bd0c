import { describe, expect, it } from 'vitest';
import { type AgentRecord, newAgent } from '../../src/core/agent-state';
import { type LiveCall, newCall } from '../../src/core/call';
import { type ConnectedConsole, type EpochVerdict, epochVerdict, rebuildPlan } from '../../src/core/redis-loss';

const T0 = new Date('2026-12-02T01:00:00.000Z');

describe('epochVerdict: did Redis lose its data?', () => {
  const rows: [string, string | null, string | null, EpochVerdict][] = [
    ['first look, no epoch: claim one', null, null, { kind: 'claim' }],
    ['first look, an epoch exists: adopt it', null, 'e1', { kind: 'adopt', epoch: 'e1' }],
    ['the epoch is the one remembered: nothing lost', 'e1', 'e1', { kind: 'same' }],
    ['the epoch vanished: lost', 'e1', null, { kind: 'lost', found: null }],
    ['another process already claimed a new epoch: lost all the same', 'e1', 'e2', { kind: 'lost', found: 'e2' }],
  ];
  it.each(rows)('%s', (_name, remembered, found, verdict) => {
    expect(epochVerdict(remembered, found)).toEqual(verdict);
  });
});

describe('rebuildPlan: what a process writes back after a loss', () => {
  const agent = (id: string, patch: Partial<AgentRecord>): AgentRecord => ({
    ...newAgent(id, `Agent ${id}`, ['fund'], T0),
    ...patch,
  });
  const console_ = (agentId: string, socketId = `s-${agentId}`): ConnectedConsole => ({
    agentId,
    socketId,
    displayName: `Agent ${agentId}`,
    skills: ['fund'],
  });
  const call = (callId: string, node: string, patch: Partial<LiveCall> = {}): LiveCall => ({
    ...newCall({ callId, node, callerChannelId: `ch-${callId}`, callerNumber: null }, T0),
    ...patch,
  });
  const remembered = new Map<string, AgentRecord>([
    ['1001', agent('1001', { state: 'ready' })],
    ['1002', agent('1002', { state: 'onCall', callId: 'c1' })],
    ['1003', agent('1003', { state: 'ready' })],
    ['1004', agent('1004', { state: 'offline' })],
  ]);
  const calls = [
    call('c1', 'n1', { state: 'connected', agentId: '1002' }),
    call('c2', 'n1', { state: 'queued' }),
    call('c3', 'n2', { state: 'queued' }),
    call('c4', 'n1', { state: 'ended' }),
  ];
  const plan = rebuildPlan(
    'n1',
    [console_('1001'), console_('1001', 'tab2'), console_('1002'), console_('1004'), console_('1005')],
    remembered,
    calls,
  );

  it('writes back the remembered agents whose consoles are connected here, once each, as they were', () => {
    expect(plan.agents.map((a) => [a.agentId, a.state, a.callId])).toEqual([
      ['1001', 'ready', null],
      ['1002', 'onCall', 'c1'],
    ]);
  });
  it('leaves out an agent remembered but not connected here (their own process restores them)', () => {
    expect(plan.agents.map((a) => a.agentId)).not.toContain('1003');
  });
  it('logs in again a connected agent with no record or an offline one', () => {
    expect(plan.logins.map((c) => c.agentId)).toEqual(['1004', '1005']);
  });
  it("writes back only this node's calls that have not ended", () => {
    expect(plan.calls.map((c) => c.callId)).toEqual(['c1', 'c2']);
  });
  it('writes back nothing when this process remembers nothing and no console is here', () => {
    expect(rebuildPlan('n1', [], new Map(), [])).toEqual({ agents: [], logins: [], calls: [] });
  });
});
