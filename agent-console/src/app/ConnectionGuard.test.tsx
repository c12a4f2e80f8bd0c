import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../test/render';
import { actionContext, ringingDesk } from '../../test/desk';
import { actionById, runAction } from '../actions';
import { ConnectionBanner } from './ConnectionGuard';
import { CallPanel } from '../features/call-panel/CallPanel';
import { deskReducer, type DeskState } from '../features/desk/desk-state';
import type { offer } from '../../test/factories';

const { html } = consoleI18n();

const calls: string[] = [];

const ctxOf = (desk: DeskState, online = true) => actionContext(desk, calls, online);

const connectedDesk = (over: Parameters<typeof offer>[0] = {}) =>
  deskReducer(ringingDesk(over), {
    type: 'callConnected',
    connected: { callId: 'call-1', connectedAt: '2026-03-03T00:01:05Z', recordingName: null },
  });

describe('offline (item 9)', () => {
  it('no answer, hang-up or state change without the phone server; F8 sends nothing; saving still works', async () => {
    calls.length = 0;
    const offline = ctxOf(connectedDesk(), false);
    for (const id of ['answer', 'hangup', 'ready', 'notReady'] as const)
      expect(actionById(id).enabled(offline), id).toBe(false);
    expect(await runAction(actionById('hangup'), offline)).toBe(false);
    expect(calls).toEqual([]);
    expect(actionById('saveConsultation').enabled(offline)).toBe(true);
    expect(html(<CallPanel ctx={offline} dispatch={() => undefined} />)).toMatch(
      /<button type="button" class="btn btn-danger" disabled="" aria-keyshortcuts="F8"/,
    );
  });

  it('the banner says in plain Korean what is happening and what still works, without the technical error', () => {
    const out = html(
      <ConnectionBanner status={{ state: 'connecting', error: 'websocket error', unauthorized: false }} />,
    );
    expect(out).toContain('전화 서버와 연결이 끊겨 다시 연결하는 중입니다.');
    expect(out).toContain('상담 기록 작성과 저장, 기업 검색, 문자 보내기, 회신 예약은 그대로 할 수 있습니다.');
    expect(out.replace(/title="[^"]*"/, '')).not.toContain('websocket error');
    expect(html(<ConnectionBanner status={{ state: 'connected', error: null, unauthorized: false }} />)).toBe('');
  });
});
