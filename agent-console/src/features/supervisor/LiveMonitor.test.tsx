import type { MonitorStateV1 } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { agent } from '../../../test/factories';
import { consoleI18n } from '../../../test/render';
import { LiveMonitor } from './LiveMonitor';
import { applyMonitorState, liveCalls, type MonitorSessions } from './monitor-model';

const ui = consoleI18n();
const send = async () => ({ ok: true as const });

const session = (over: Partial<MonitorStateV1> = {}): MonitorStateV1 => ({
  callId: 'c1',
  agentId: '1001',
  supervisorId: 'u-me',
  supervisorPhone: '2001',
  mode: 'whisper',
  phase: 'active',
  reason: null,
  at: '2026-03-03T00:02:00.000Z',
  ...over,
});

function render(sessions: MonitorSessions) {
  const agents = [
    agent({ agentId: '1001', displayName: '김상담', state: 'onCall', callId: 'c1' }),
    agent({ agentId: '1002', displayName: '박상담', state: 'onCall', callId: 'c2' }),
  ];
  return ui.html(
    <LiveMonitor rows={liveCalls(agents, sessions, 'u-me')} sessions={sessions} userId="u-me" send={send} />,
  );
}

const rowOf = (html: string, callId: string) => html.split(`data-call="${callId}"`)[1]!.split('</tr>')[0]!;

describe('live monitoring on the wallboard', () => {
  it('offers listen / whisper / barge on every live call while this supervisor monitors none', () => {
    const out = render({});
    expect(out).toContain('통화 모니터링');
    expect(rowOf(out, 'c1')).toMatch(/data-mode="listen"[^>]*>듣기</);
    expect(rowOf(out, 'c1')).toMatch(/data-mode="whisper"[^>]*>코칭</);
    expect(rowOf(out, 'c1')).toMatch(/data-mode="barge"[^>]*>끼어들기</);
    expect(out).not.toContain('disabled');
    expect(out).not.toContain('data-mode="stop"');
  });

  it('on the monitored call: the mode on is pressed, the others switch, Stop ends; other calls wait', () => {
    const out = render(applyMonitorState({}, session()));
    const mine = rowOf(out, 'c1');
    expect(mine).toContain('코칭 중');
    expect(mine).toMatch(/data-mode="whisper" aria-pressed="true"/);
    expect(mine).toMatch(/data-mode="barge" aria-pressed="false"(?![^>]*disabled)/);
    expect(mine).toContain('data-mode="stop"');
    // One phone: another call cannot be started until this one stops.
    expect(rowOf(out, 'c2')).toMatch(/data-mode="listen" disabled=""/);
  });

  it('shows other supervisors on a call, and says everything is audited; in English too', async () => {
    const out = render(applyMonitorState({}, session({ callId: 'c2', agentId: '1002', supervisorId: 'u-other' })));
    expect(rowOf(out, 'c2')).toContain('다른 관리자 1명');
    expect(out).toContain('감사 기록');
    await ui.i18n.changeLanguage('en');
    try {
      const en = render(applyMonitorState({}, session({ phase: 'ringing', mode: 'barge' })));
      expect(rowOf(en, 'c1')).toContain('Your phone is ringing · Barge');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });
});
