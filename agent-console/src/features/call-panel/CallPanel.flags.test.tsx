import { describe, expect, it } from 'vitest';
import { actionContext, ringingDesk } from '../../../test/desk';
import { consoleI18n } from '../../../test/render';
import { deskReducer, type DeskState } from '../desk/desk-state';
import { CallPanel } from './CallPanel';

const { html } = consoleI18n();
const sent: string[] = [];

const connected = (): DeskState => {
  const ringing = ringingDesk();
  return deskReducer(ringing, {
    type: 'callConnected',
    connected: { callId: ringing.call!.offer.callId, connectedAt: '2026-03-03T00:01:05Z', recordingName: 'cc/x' },
  });
};
const callIdOf = (desk: DeskState) => desk.call!.offer.callId;

describe('call panel: recording pause and the monitoring indicator (issue 13)', () => {
  it('offers the recording pause with its Shift+F1 key on a connected call, and says when it is paused', () => {
    const desk = connected();
    const out = html(<CallPanel ctx={actionContext(desk, sent)} dispatch={() => undefined} />);
    expect(out).toMatch(/data-action="recordingPause"[^>]*>녹음 일시중지 <kbd>Shift\+F1<\/kbd>/);
    expect(out).not.toContain('data-testid="recording-paused"');
    const paused = deskReducer(desk, {
      type: 'callControls',
      controls: { callId: callIdOf(desk), heldSince: null, heldSeconds: 0, muted: false, recordingPaused: true },
    });
    const shown = html(<CallPanel ctx={actionContext(paused, sent)} dispatch={() => undefined} />);
    expect(shown).toContain('녹음 일시중지 중 — 민감한 정보는 녹음되지 않습니다');
    expect(shown).toMatch(/aria-pressed="true"[^>]*data-action="recordingPause"/);
  });

  it('has no recording pause while the call rings', () => {
    const out = html(<CallPanel ctx={actionContext(ringingDesk(), sent)} dispatch={() => undefined} />);
    expect(out).not.toContain('data-action="recordingPause"');
  });

  it('tells the counselor a supervisor is on the call, by mode, and stops when it ends', () => {
    const desk = connected();
    const whisper = deskReducer(desk, {
      type: 'callMonitored',
      monitored: { callId: callIdOf(desk), monitored: true, mode: 'whisper' },
    });
    const out = html(<CallPanel ctx={actionContext(whisper, sent)} dispatch={() => undefined} />);
    expect(out).toContain('data-mode="whisper"');
    expect(out).toContain('관리자가 상담원에게만 코칭하고 있습니다');
    const over = deskReducer(whisper, {
      type: 'callMonitored',
      monitored: { callId: callIdOf(desk), monitored: false, mode: null },
    });
    expect(html(<CallPanel ctx={actionContext(over, sent)} dispatch={() => undefined} />)).not.toContain(
      'data-testid="monitored"',
    );
    // Another call's indicator is not this call's.
    const other = deskReducer(desk, {
      type: 'callMonitored',
      monitored: { callId: 'someone-else', monitored: true, mode: 'listen' },
    });
    expect(other).toBe(desk);
  });
});
