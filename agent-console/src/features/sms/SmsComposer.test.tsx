import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { createApiClient } from '../../api';
import { SmsComposer } from './SmsComposer';
import { recommendation } from '../../../test/factories';

const { html } = consoleI18n();

// Never reached during static rendering (effects do not run), but typed like the real one.
const api = createApiClient({ baseUrl: 'http://127.0.0.1:9', fetch: () => Promise.reject(new Error('offline')) });

describe('SMS composer', () => {
  it('offers the recommended programs with their reasons; a landline cannot be texted', () => {
    const out = html(<SmsComposer api={api} number="01012345678" recommendations={[recommendation()]} idPrefix="t" />);
    expect(out).toContain('혁신성장지원자금');
    expect(out).toContain('유사 기업 124곳 중 38%가 수혜');
    expect(out).not.toContain('sms-not-mobile');
    const landline = html(<SmsComposer api={api} number="0212345678" idPrefix="t" />);
    expect(landline).toContain('data-testid="sms-not-mobile"');
    expect(landline).toMatch(/data-testid="sms-send"[^>]*disabled|disabled[^>]*data-testid="sms-send"/);
  });
});
