import { describe, expect, it } from 'vitest';
import { actionContext, ringingDesk } from '../../../test/desk';
import { consoleI18n } from '../../../test/render';
import { deskReducer, type DeskState } from '../desk/desk-state';
import { CallPanel } from './CallPanel';

/** The three-way conference in the consult bar (issue 12 §2). */
const ui = consoleI18n();
const { html } = ui;

const consult = (phase: 'ringing' | 'talking', withWhom: 'target' | 'caller' | 'all'): DeskState =>
  deskReducer(
    deskReducer(ringingDesk(), {
      type: 'callConnected',
      connected: { callId: 'call-1', connectedAt: '2026-03-03T00:02:00.000Z', recordingName: null },
    }),
    { type: 'callConsult', consult: { callId: 'call-1', consult: { agentId: '1002', phase, with: withWhom } } },
  );
const panel = (desk: DeskState) => html(<CallPanel ctx={actionContext(desk, [])} dispatch={() => undefined} />);

describe('three-way conference at the desk', () => {
  it('offered once the target talks (not while it rings)', () => {
    expect(panel(consult('ringing', 'target'))).toMatch(
      /<button type="button" class="btn" disabled="" data-testid="consult-conference">3자 통화<\/button>/,
    );
    expect(panel(consult('talking', 'target'))).toMatch(
      /<button type="button" class="btn" data-testid="consult-conference">3자 통화<\/button>/,
    );
  });

  it('in the conference: says so, and the buttons are the two ways to leave it (no swap)', async () => {
    const out = panel(consult('talking', 'all'));
    expect(out).toContain('data-with="all"');
    expect(out).toContain('3자 통화 중 — 고객, 1002 상담원과 함께 통화하고 있습니다');
    expect(out).toContain('>나가기(고객과 1002 상담원은 계속 통화)</button>');
    expect(out).toContain('>1002 상담원 내보내기(고객과 계속 통화)</button>');
    expect(out).not.toContain('통화 전환');
    expect(out).not.toContain('data-testid="consult-conference"');
    await ui.i18n.changeLanguage('en');
    try {
      expect(panel(consult('talking', 'all'))).toContain('Leave (the caller and 1002 go on)');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });
});
