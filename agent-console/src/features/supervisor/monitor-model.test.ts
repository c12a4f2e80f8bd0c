import type { MonitorStateV1 } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { agent } from '../../../test/factories';
import { applyMonitorState, liveCalls, modeCommand, myCall, type MonitorSessions } from './monitor-model';

const state = (over: Partial<MonitorStateV1> = {}): MonitorStateV1 => ({
  callId: 'c1',
  agentId: '1001',
  supervisorId: 'u-me',
  supervisorPhone: '2001',
  mode: 'listen',
  phase: 'active',
  reason: null,
  at: '2026-03-03T00:02:00.000Z',
  ...over,
});

describe('monitoring on the wallboard', () => {
  it('keeps one session per supervisor and call, dropping ended ones', () => {
    let s: MonitorSessions = {};
    s = applyMonitorState(s, state({ phase: 'ringing' }));
    s = applyMonitorState(s, state({ phase: 'active' }));
    s = applyMonitorState(s, state({ supervisorId: 'u-other', mode: 'barge' }));
    expect(s.c1!.map((x) => `${x.supervisorId}:${x.phase}:${x.mode}`)).toEqual([
      'u-me:active:listen',
      'u-other:active:barge',
    ]);
    s = applyMonitorState(s, state({ phase: 'ended', reason: 'stopped' }));
    s = applyMonitorState(s, state({ supervisorId: 'u-other', phase: 'ended', reason: 'callEnded' }));
    expect(s).toEqual({});
  });

  it('lists counselors on a call with who monitors them', () => {
    const agents = [
      agent({ agentId: '1001', state: 'onCall', callId: 'c1' }),
      agent({ agentId: '1002', state: 'onCall', callId: 'c2' }),
      agent({ agentId: '1003', state: 'ready', callId: null }),
      agent({ agentId: '1004', state: 'wrapUp', callId: 'c0' }),
    ];
    const sessions = applyMonitorState(
      applyMonitorState({}, state()),
      state({ callId: 'c2', agentId: '1002', supervisorId: 'u-other' }),
    );
    const rows = liveCalls(agents, sessions, 'u-me');
    expect(rows.map((r) => [r.callId, r.mine?.mode ?? null, r.others.map((o) => o.supervisorId)])).toEqual([
      ['c1', 'listen', []],
      ['c2', null, ['u-other']],
    ]);
    expect(myCall(sessions, 'u-me')).toBe('c1');
    expect(myCall(sessions, 'u-nobody')).toBeNull();
  });

  it('a mode press starts, switches (no redial) or does nothing', () => {
    const agents = [
      agent({ state: 'onCall', callId: 'c1' }),
      agent({ agentId: '1002', state: 'onCall', callId: 'c2' }),
    ];
    const idle = liveCalls(agents, {}, 'u-me');
    expect(modeCommand(idle[0]!, 'whisper', null)).toEqual({
      event: 'monitor.start.v1',
      payload: { callId: 'c1', mode: 'whisper' },
    });
    const sessions = applyMonitorState({}, state({ mode: 'whisper' }));
    const [mine, other] = liveCalls(agents, sessions, 'u-me');
    expect(modeCommand(mine!, 'barge', 'c1')).toEqual({
      event: 'monitor.mode.v1',
      payload: { callId: 'c1', mode: 'barge' },
    });
    expect(modeCommand(mine!, 'whisper', 'c1')).toBeNull();
    // One phone, one call at a time.
    expect(modeCommand(other!, 'listen', 'c1')).toBeNull();
  });
});
