import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { actionContext, ringingDesk } from '../../../test/desk';
import { CallPanel } from './CallPanel';
import { INITIAL_DESK, deskReducer, type DeskState } from '../desk/desk-state';

const ui = consoleI18n();
const { html } = ui;

const calls: string[] = [];

const ctxOf = (desk: DeskState, online = true) => actionContext(desk, calls, online);

describe('the call panel (items 6 and 10)', () => {
  const startupCall = {
    ivrPath: [
      'notice',
      'hours',
      'main-menu',
      'startup',
      'startup-menu',
      'startup-pre',
      'startup-wait',
      'startup-queue',
    ],
    callerNumber: '01012345678',
  };

  it("shows the IVR path in the caller's words, the node ids only in the tooltip", () => {
    const out = html(<CallPanel ctx={ctxOf(ringingDesk(startupCall))} dispatch={() => undefined} />);
    expect(out).toContain(
      '<li>안내 멘트</li><li>주 메뉴</li><li>2 창업·벤처</li><li>1 예비창업</li><li>상담원 연결 대기</li>',
    );
    expect(out).not.toMatch(/<li>[a-z-]+<\/li>/);
  });

  it('in English when the console is', async () => {
    await ui.i18n.changeLanguage('en');
    try {
      expect(html(<CallPanel ctx={ctxOf(ringingDesk(startupCall))} dispatch={() => undefined} />)).toContain(
        '<li>Greeting</li><li>Main menu</li><li>2 Start-ups &amp; ventures</li>',
      );
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });

  it("masks the caller's number like every number on screen, with a button to show it", () => {
    const out = html(<CallPanel ctx={ctxOf(ringingDesk(startupCall))} dispatch={() => undefined} />);
    expect(out).toContain('010-****-5678');
    expect(out).not.toContain('010-1234-5678');
    expect(out).toContain('aria-pressed="false">번호 보기</button>');
  });

  it.each([
    ['ringUnanswered', '전화를 받지 않아'],
    ['callerLeft', '고객이 끊었습니다'],
  ] as const)('a call that stopped ringing says why (%s)', (notice, text) => {
    const out = html(<CallPanel ctx={ctxOf({ ...INITIAL_DESK, notice })} dispatch={() => undefined} />);
    expect(out).toContain(`data-notice="${notice}"`);
    expect(out).toContain(text);
  });

  it('a connected call has Hold (F6) and Mute (F10) as toggle buttons; a ringing call has neither', () => {
    expect(html(<CallPanel ctx={ctxOf(ringingDesk())} dispatch={() => undefined} />)).not.toContain(
      'data-action="hold"',
    );
    const connected = deskReducer(ringingDesk(), {
      type: 'callConnected',
      connected: { callId: 'call-1', connectedAt: new Date(Date.now() - 60_000).toISOString(), recordingName: null },
    });
    const out = html(<CallPanel ctx={ctxOf(connected)} dispatch={() => undefined} />);
    expect(out).toMatch(/aria-keyshortcuts="F6" aria-pressed="false" data-action="hold">보류 <kbd>F6<\/kbd>/);
    expect(out).toMatch(/aria-keyshortcuts="F10" aria-pressed="false" data-action="mute">음소거 <kbd>F10<\/kbd>/);
    expect(out).not.toContain('data-testid="hold-time"');

    const held = deskReducer(connected, {
      type: 'callControls',
      controls: {
        callId: 'call-1',
        heldSince: new Date(Date.now() - 65_000).toISOString(),
        heldSeconds: 0,
        muted: true,
      },
    });
    const onHold = html(<CallPanel ctx={ctxOf(held)} dispatch={() => undefined} />);
    expect(onHold).toContain('aria-pressed="true" data-action="hold"');
    expect(onHold).toContain('aria-pressed="true" data-action="mute"');
    expect(onHold).toMatch(
      /<dt>보류 시간<\/dt><dd class="timer" data-testid="hold-time" data-held="true">1:0[56]<\/dd>/,
    );
    expect(onHold).toContain('보류 중');
    expect(onHold).toContain('음소거 중');
  });
});
