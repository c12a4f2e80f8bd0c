import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { actionContext, ringingDesk } from '../../../test/desk';
import { CallPanel } from './CallPanel';

const ui = consoleI18n();

/** Issue 12 §4: a call the counselor placed reads as outgoing, not as a queue's call. */
describe('the call panel for an outbound call', () => {
  const calls: string[] = [];
  const render = (outbound: boolean) =>
    ui.html(
      <CallPanel
        ctx={actionContext(
          ringingDesk({ callerNumber: '01055556666', ...(outbound ? { outbound: { callbackId: '12' } } : {}) }),
          calls,
          true,
        )}
        dispatch={() => undefined}
      />,
    );

  it('says outgoing with caller ID 1357 instead of a queue (Korean, then English)', async () => {
    const out = render(true);
    expect(out).toContain('data-testid="call-outbound"');
    expect(out).toContain('발신 통화 (발신번호 1357)');
    expect(out).not.toContain('data-testid="call-queue"');
    // Answer and hang-up are the usual ones.
    expect(out).toContain('data-action="answer"');
    await ui.i18n.changeLanguage('en');
    try {
      expect(render(true)).toContain('Outgoing call (caller ID 1357)');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });

  it('an inbound call keeps its queue', () => {
    const out = render(false);
    expect(out).toContain('data-testid="call-queue"');
    expect(out).not.toContain('call-outbound');
  });
});
