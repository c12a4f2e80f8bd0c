import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { agent } from '../../../test/factories';
import { INITIAL_DESK, type DeskState } from '../desk/desk-state';
import { WrapUpBar } from './WrapUpBar';

const { html } = consoleI18n();

const desk = (over: Parameters<typeof agent>[0]): DeskState => ({
  ...INITIAL_DESK,
  agent: agent({ state: 'wrapUp', reason: null, callId: 'call-1', ...over }),
});
const bar = (d: DeskState, online = true) =>
  html(
    <WrapUpBar
      desk={d}
      online={online}
      onExtend={() => undefined}
      onDiscard={() => undefined}
      onCode={() => undefined}
    />,
  );

describe('the after-call bar', () => {
  it('while the write-up is unsaved: says wrap-up waits for it, offers Discard and Extend (Korean first)', () => {
    const out = bar(desk({ wrapUpHeld: true, wrapUpUntil: '2026-03-03T00:03:15.000Z' }));
    expect(out).toContain('data-kind="waitingForWriteUp"');
    expect(out).toContain('상담 기록을 저장할 때까지 후처리가 계속됩니다');
    expect(out).toContain('상담 기록 버리기');
    expect(out).toContain('후처리 30초 연장');
    expect(out).not.toContain('data-testid="wrap-up-countdown"');
  });

  it('once saved: the countdown to Ready and Extend, no Discard', () => {
    const out = bar(desk({ wrapUpHeld: false, wrapUpUntil: '2099-01-01T00:00:00.000Z' }));
    expect(out).toContain('data-testid="wrap-up-countdown"');
    expect(out).toContain('뒤 대기 상태로 돌아갑니다');
    expect(out).not.toContain('wrap-up-discard');
  });

  it('offline: its buttons are off', () => {
    const out = bar(desk({ wrapUpHeld: true }), false);
    expect(out).toMatch(/<button[^>]*disabled=""[^>]*data-testid="wrap-up-extend"/);
  });

  it('outside wrap-up: nothing', () => {
    expect(bar({ ...INITIAL_DESK, agent: agent({ state: 'ready', reason: null }) })).toBe('');
  });
});
