import type { CallerPop } from '@cc1357/contracts';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { i18n as I18n } from 'i18next';
import type { ActionContext } from '../src/actions';
import { CallerPopView } from '../src/features/call-panel/CallerPopView';
import { INITIAL_DESK, deskReducer, type CallOnDesk } from '../src/features/desk/desk-state';
import { StateBar } from '../src/features/state-bar/StateBar';
import { setupI18n } from '../src/i18n';
import { agent, company, offer } from './factories';

let i18n: I18n;
beforeAll(async () => {
  i18n = await setupI18n(null);
});
const html = (element: ReactElement) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);

function callWith(pop: CallerPop): CallOnDesk {
  return deskReducer(INITIAL_DESK, { type: 'callOffered', offer: offer({ pop }) }).call!;
}
const noop = () => undefined;

describe('screen pop variants', () => {
  it('known: the company profile with a formatted 사업자등록번호 and the contact', () => {
    const out = html(
      <CallerPopView
        call={callWith({ status: 'known', number: '0312345678', companies: [company()], contact: { id: 'c', name: '박담당', title: '과장', phones: [{ number: '01098765432', kind: 'mobile' }] }, recentConsultations: [] })}
        onSelectCompany={noop}
      />,
    );
    expect(out).toContain('(주)한빛전자');
    expect(out).toContain('124-81-00998');
    expect(out).toContain('박담당 · 과장 · 010-9876-5432');
    expect(out).toContain('상담 이력이 없습니다.');
    expect(out).not.toContain('새로운 고객');
  });

  it('new: says 새로운 고객 and shows no company', () => {
    const out = html(<CallerPopView call={callWith({ status: 'new', number: '01000001111', companies: [], contact: null, recentConsultations: [] })} onSelectCompany={noop} />);
    expect(out).toContain('새로운 고객');
    expect(out).not.toContain('company-card');
  });

  it('ambiguous: a radio per company and no profile until one is chosen', () => {
    const pop: CallerPop = { status: 'ambiguous', number: '0212345678', companies: [company({ id: 'a' }), company({ id: 'b', name: '한빛상사' })], contact: null, recentConsultations: [] };
    const out = html(<CallerPopView call={callWith(pop)} onSelectCompany={noop} />);
    expect(out.match(/type="radio"/g)).toHaveLength(2);
    expect(out).not.toContain('data-testid="company-card"');
    const chosen = deskReducer({ ...INITIAL_DESK, call: callWith(pop) }, { type: 'companySelected', companyId: 'b' }).call!;
    expect(html(<CallerPopView call={chosen} onSelectCompany={noop} />)).toContain('data-testid="company-card" aria-label="한빛상사"');
  });

  it('English when switched', async () => {
    await i18n.changeLanguage('en');
    try {
      expect(html(<CallerPopView call={callWith({ status: 'withheld', number: null, companies: [], contact: null, recentConsultations: [] })} onSelectCompany={noop} />)).toContain('New customer');
    } finally {
      await i18n.changeLanguage('ko');
    }
  });
});

describe('state bar', () => {
  const ok = async () => ({ ok: true as const });
  const ctx = (state: 'ready' | 'notReady'): ActionContext => ({
    desk: { ...INITIAL_DESK, agent: agent({ state, reason: state === 'notReady' ? 'meal' : null }) },
    notReadyReason: 'break',
    commands: { ready: ok, notReady: ok, answer: ok, hangup: ok },
    submitConsultation: null,
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
    expect(html(<StateBar ctx={ctx('ready')} onReasonChange={noop} />)).toMatch(/<button[^>]*disabled=""[^>]*data-action="ready"/);
  });
});
