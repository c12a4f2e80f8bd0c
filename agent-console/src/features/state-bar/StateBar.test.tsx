import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import type { ActionContext } from '../../actions';
import { INITIAL_DESK } from '../desk/desk-state';
import { StateBar } from './StateBar';
import { agent } from '../../../test/factories';

const { html } = consoleI18n();

const noop = () => undefined;

describe('state bar', () => {
  const ok = async () => ({ ok: true as const });
  const ctx = (state: 'ready' | 'notReady'): ActionContext => ({
    desk: { ...INITIAL_DESK, agent: agent({ state, reason: state === 'notReady' ? 'meal' : null }) },
    online: true,
    notReadyReason: 'break',
    commands: { ready: ok, notReady: ok, answer: ok, hangup: ok, hold: ok, mute: ok, recordingPause: ok },
    submitConsultation: null,
    insertTemplate: null,
  });

  it('shows the state with its reason and the shortcut keys on the buttons', () => {
    const out = html(<StateBar ctx={ctx('notReady')} onReasonChange={noop} />);
    expect(out).toContain('이석 · 식사');
    expect(out).toContain('<kbd>F2</kbd>');
    expect(out).toContain('<kbd>F3</kbd>');
    expect(out).toMatch(/<button[^>]*data-action="ready"[^>]*>/);
    expect(out).not.toMatch(/<button[^>]*disabled=""[^>]*data-action="ready"/);
  });

  it('Ready is disabled when already ready', () => {
    expect(html(<StateBar ctx={ctx('ready')} onReasonChange={noop} />)).toMatch(
      /<button[^>]*disabled=""[^>]*data-action="ready"/,
    );
  });

  it('warns the agent when the desk phone is not registered or does not respond, and only then', () => {
    const at = '2026-12-01T01:00:00.000Z';
    const warning = (registration: 'registered' | 'unregistered' | 'unreachable') =>
      /data-testid="phone-warning"[^>]*>([^<]*)</.exec(
        html(<StateBar ctx={ctx('ready')} onReasonChange={noop} phone={{ phone: '1001', registration, at }} />),
      )?.[1] ?? null;
    expect(warning('unregistered')).toContain('전화기가 등록되어 있지 않습니다');
    expect(warning('unreachable')).toContain('전화기가 응답하지 않습니다');
    expect(warning('registered')).toBeNull();
    expect(html(<StateBar ctx={ctx('ready')} onReasonChange={noop} />)).not.toContain('phone-warning');
  });
});
