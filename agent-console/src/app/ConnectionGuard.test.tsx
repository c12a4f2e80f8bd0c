import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../test/render';
import { actionContext, ringingDesk } from '../../test/desk';
import { actionById, runAction } from '../actions';
import { ConnectionBanner } from './ConnectionGuard';
import { CallPanel } from '../features/call-panel/CallPanel';
import { deskReducer, type DeskState } from '../features/desk/desk-state';
import type { offer } from '../../test/factories';

const ui = consoleI18n();
const { html } = ui;

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

describe('taken over by another window or PC (issue 16)', () => {
  const replaced = {
    state: 'disconnected',
    error: null,
    unauthorized: false,
    replaced: { reason: 'replaced', at: '2026-12-02T05:10:00.000Z', device: 'Chrome · Windows' },
  } as const;

  it('says what happened, where and when (Seoul time), with a labelled button to take the session back', () => {
    const out = html(<ConnectionBanner status={replaced} onTakeBack={() => undefined} />);
    expect(out).toContain('role="alert"');
    expect(out).toContain('다른 창(또는 다른 PC)에서 같은 계정으로 로그인하여 이 화면의 연결을 넘겨주었습니다');
    expect(out).toContain('넘겨받은 화면: Chrome · Windows, 2026-12-02 14:10');
    const button =
      /<button type="button" class="btn" aria-describedby="([^"]+)">이 화면으로 다시 가져오기<\/button>/.exec(out);
    expect(button).not.toBeNull();
    expect(out).toContain(`id="${button![1]}"`);
    // Not the "reconnecting" banner: this console is not trying to reconnect.
    expect(out).not.toContain('다시 연결하는 중');
    expect(out).not.toContain('connection-lost');
  });

  it('an unknown device is named as such; without a way to reconnect there is no button', () => {
    const out = html(<ConnectionBanner status={{ ...replaced, replaced: { ...replaced.replaced, device: null } }} />);
    expect(out).toContain('넘겨받은 화면: 알 수 없는 기기');
    expect(out).not.toContain('<button');
  });

  it('in English too', async () => {
    await ui.i18n.changeLanguage('en');
    try {
      const out = html(<ConnectionBanner status={replaced} onTakeBack={() => undefined} />);
      expect(out).toContain('You logged in with the same account in another window (or on another PC)');
      expect(out).toContain('Use this screen again');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });
});
