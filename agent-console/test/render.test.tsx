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
import { CompanyInsights } from '../src/features/company-insights/CompanyInsights';
import { agent, company, offer, recommendation, supportHistory } from './factories';

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
    expect(html(<StateBar ctx={ctx('ready')} onReasonChange={noop} />)).toMatch(/<button[^>]*disabled=""[^>]*data-action="ready"/);
  });
});

describe('company insights', () => {
  const base: CallerPop = { status: 'known', number: '0312345678', companies: [company()], contact: null, recentConsultations: [] };

  it('renders nothing when crm-api sent none of the optional parts', () => {
    expect(html(<CompanyInsights pop={base} />)).toBe('');
  });

  it('support history by year in 억/만 원, with the over-concentration warning only when flagged', () => {
    const calm = html(<CompanyInsights pop={{ ...base, supportHistory: supportHistory(false) }} />);
    expect(calm).toContain('누적 수혜 1억 5,000만원');
    expect(calm).toContain('신성장기반자금');
    expect(calm).toContain('탈락');
    expect(calm).not.toContain('over-concentration');
    const flagged = html(<CompanyInsights pop={{ ...base, supportHistory: supportHistory(true) }} />);
    expect(flagged).toContain('data-testid="over-concentration"');
    expect(flagged).toContain('중앙값의 5.0배');
  });

  it('recommendations say whether they are open now or soon, with the reason', () => {
    const out = html(<CompanyInsights pop={{ ...base, recommendations: [recommendation('open'), { ...recommendation('soon'), program: { ...recommendation().program, id: 'p10' } }] }} />);
    expect(out).toContain('접수 중');
    expect(out).toContain('접수 예정');
    expect(out).toContain('최대 60억원');
    expect(out).toContain('유사 기업 124곳 중 38%가 수혜');
  });

  it('open items list follow-ups, callbacks and relays; none means no section', () => {
    const empty = html(<CompanyInsights pop={{ ...base, openItems: { followUps: [], callbacks: [], relays: [] } }} />);
    expect(empty).not.toContain('open-items');
    const out = html(
      <CompanyInsights
        pop={{
          ...base,
          openItems: {
            followUps: [],
            callbacks: [{ id: 'cb1', number: '0312345678', queue: 'fund', dueAt: '2026-03-03T05:00:00Z', status: 'open', companyId: 'co-1', consultationId: null, callId: null, note: '서류 확인 후', requestedBy: 'u1', createdAt: '2026-03-02T05:00:00Z', closedAt: null }],
            relays: [{ id: 'r1', partnerId: 'nts', callId: null, callerNumber: null, companyId: 'co-1', companyName: null, consultationId: null, question: '부가세 감면 문의', context: '', status: 'pending', outcome: null, outcomeAt: null, createdBy: 'u1', createdAt: '2026-03-02T05:00:00Z' }],
          },
        }}
      />,
    );
    expect(out).toContain('미결 항목 2건');
    expect(out).toContain('2026-03-03 14:00 회신 예정');
    expect(out).toContain('국세청');
    expect(out).toContain('전달 대기');
  });
});
