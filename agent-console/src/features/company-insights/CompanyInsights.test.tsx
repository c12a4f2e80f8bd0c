import type { CallerPop } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { CompanyInsights } from './CompanyInsights';
import { company, recommendation, supportHistory } from '../../../test/factories';

const { html } = consoleI18n();

describe('company insights', () => {
  const base: CallerPop = {
    status: 'known',
    number: '0312345678',
    companies: [company()],
    contact: null,
    recentConsultations: [],
  };

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
    const out = html(
      <CompanyInsights
        pop={{
          ...base,
          recommendations: [
            recommendation('open'),
            { ...recommendation('soon'), program: { ...recommendation().program, id: 'p10' } },
          ],
        }}
      />,
    );
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
            callbacks: [
              {
                id: 'cb1',
                number: '0312345678',
                queue: 'fund',
                dueAt: '2026-03-03T05:00:00Z',
                status: 'open',
                companyId: 'co-1',
                consultationId: null,
                callId: null,
                note: '서류 확인 후',
                requestedBy: 'u1',
                createdAt: '2026-03-02T05:00:00Z',
                closedAt: null,
              },
            ],
            relays: [
              {
                id: 'r1',
                partnerId: 'nts',
                callId: null,
                callerNumber: null,
                companyId: 'co-1',
                companyName: null,
                consultationId: null,
                question: '부가세 감면 문의',
                context: '',
                status: 'pending',
                outcome: null,
                outcomeAt: null,
                createdBy: 'u1',
                createdAt: '2026-03-02T05:00:00Z',
              },
            ],
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
