import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { DialButton, DialButtonView } from './DialButton';

const ui = consoleI18n();

/** Issue 12 §4: click-to-dial beside a company contact's number. */
describe('the dial button', () => {
  it('is a named button a keyboard reaches (Korean, then English), disabled while a dial runs', async () => {
    const out = ui.html(<DialButtonView number="01012345678" busy={false} error={null} onDial={() => undefined} />);
    expect(out).toContain('aria-label="01012345678로 전화 걸기 (발신번호 1357)"');
    expect(out).toContain('>전화 걸기</button>');
    expect(out).not.toContain('disabled');
    expect(ui.html(<DialButtonView number="0212345678" busy error={null} onDial={() => undefined} />)).toContain(
      'disabled=""',
    );
    await ui.i18n.changeLanguage('en');
    try {
      expect(
        ui.html(<DialButtonView number="0212345678" busy={false} error={null} onDial={() => undefined} />),
      ).toContain('aria-label="Call 0212345678 (caller ID 1357)"');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });

  it('a refusal is announced beside it', () => {
    const out = ui.html(
      <DialButtonView number="01012345678" busy={false} error="agent 1001 is onCall" onDial={() => undefined} />,
    );
    expect(out).toContain('role="alert"');
    expect(out).toContain('agent 1001 is onCall');
  });

  it('without a telephony connection (no provider) nothing is offered', () => {
    expect(ui.html(<DialButton number="01012345678" />)).toBe('');
  });
});
