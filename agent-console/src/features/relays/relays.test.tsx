import type { RelayDto } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { allowedViews, landingView } from '../../app/landing';
import { RelayOutcomesPanel } from '../company-insights/RelayOutcomesPanel';
import { DeadLettersTable } from './DeadLettersTable';
import { OutcomeForm } from './OutcomeForm';

/** Issue 12 §3 in the console: supervisors' dead letters, the partner's outcome form, answers in the pop. */
const relay: RelayDto = {
  id: '41',
  partnerId: 'customs',
  callId: null,
  callerNumber: '010-****-6666',
  companyId: '7',
  companyName: '한빛수출',
  consultationId: null,
  question: '한-EU FTA 원산지 증명 절차',
  context: '원산지 인증수출자 문의',
  status: 'pending',
  outcome: null,
  outcomeAt: null,
  outcomeBy: null,
  createdBy: 'kim',
  createdAt: '2025-03-14T03:00:00.000Z',
  delivery: {
    status: 'dead',
    attempts: 5,
    lastError: 'partner answered HTTP 503',
    deliveredAt: null,
    deadAt: '2025-03-14T03:05:00.000Z',
  },
};

describe('relays in the console', () => {
  const { html } = consoleI18n();

  it('a dead letter: partner, question, company, attempts, last error, when (KST) and a named retry button', () => {
    const out = html(<DeadLettersTable relays={[relay]} retrying={null} onRetry={() => undefined} />);
    expect(out).toContain('data-relay="41"');
    expect(out).toContain('관세청');
    expect(out).toContain('<th scope="row">한-EU FTA 원산지 증명 절차</th>');
    expect(out).toContain('>5<');
    expect(out).toContain('partner answered HTTP 503');
    expect(out).toContain('2025-03-14 12:05');
    expect(out).toContain('aria-label="관세청 이관 #41 다시 보내기">다시 보내기</button>');
  });

  it('while one is being retried every button waits; none: the empty state', () => {
    expect(html(<DeadLettersTable relays={[relay]} retrying="41" onRetry={() => undefined} />)).toContain(
      'disabled=""',
    );
    expect(html(<DeadLettersTable relays={[]} retrying={null} onRetry={() => undefined} />)).toContain(
      '전송 실패한 이관 건이 없습니다.',
    );
  });

  it("the partner's outcome form: status (answered by default) and the outcome text", () => {
    const out = html(<OutcomeForm relay={relay} busy={false} onSubmit={() => undefined} />);
    expect(out).toContain('<option value="answered" selected="">답변 완료</option>');
    expect(out).toContain('처리 결과 보내기');
    expect(out).toContain('required');
  });

  it('an inbound relay is tagged as coming from the partner in the open items', async () => {
    const { OpenItemsPanel } = await import('../company-insights/OpenItemsPanel');
    const out = html(
      <OpenItemsPanel items={{ followUps: [], callbacks: [], relays: [{ ...relay, direction: 'inbound' }] }} />,
    );
    expect(out).toContain('협력기관에서 이관');
    expect(out).toContain('관세청 · 한-EU FTA 원산지 증명 절차');
  });

  it("the pop shows the partner's answer, when and who", () => {
    const answered = {
      ...relay,
      status: 'answered' as const,
      outcome: '관세사 연결 완료',
      outcomeAt: '2025-03-14T05:00:00.000Z',
      outcomeBy: '관세청 김상담',
    };
    const out = html(<RelayOutcomesPanel relays={[answered]} />);
    expect(out).toContain('협력기관 처리 결과 1건');
    expect(out).toContain('답변 완료');
    expect(out).toContain('관세사 연결 완료');
    expect(out).toContain('2025-03-14 14:00 · 관세청 김상담');
  });

  it('partner users land on their relays and see nothing else; supervisors and admins also get the tab', () => {
    expect(landingView('partner')).toBe('relays');
    expect(allowedViews('partner', false)).toEqual(['relays']);
    expect(allowedViews('supervisor', false)).toContain('relays');
    expect(allowedViews('counselor', true)).not.toContain('relays');
  });
});
