import type { CallerPop } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { CallerPopView } from './CallerPopView';
import { INITIAL_DESK, deskReducer, type CallOnDesk } from '../desk/desk-state';
import { company, offer } from '../../../test/factories';

const ui = consoleI18n();
const { html } = ui;

function callWith(pop: CallerPop): CallOnDesk {
  return deskReducer(INITIAL_DESK, { type: 'callOffered', offer: offer({ pop }) }).call!;
}

const noop = () => undefined;

describe('screen pop variants', () => {
  it('known: the company profile with a formatted 사업자등록번호 and the contact', () => {
    const out = html(
      <CallerPopView
        call={callWith({
          status: 'known',
          number: '0312345678',
          companies: [company()],
          contact: { id: 'c', name: '박담당', title: '과장', phones: [{ number: '01098765432', kind: 'mobile' }] },
          recentConsultations: [],
        })}
        onSelectCompany={noop}
      />,
    );
    expect(out).toContain('(주)한빛전자');
    expect(out).toContain('124-81-00998');
    // One masking rule for every number on screen (issue 11 item 10): masked until asked for.
    expect(out).toContain(
      '박담당 · 과장 · <span class="phone" data-phone="masked"><span class="phone-digits">010-****-5432</span>',
    );
    expect(out).not.toContain('010-9876-5432');
    expect(out).toContain('상담 이력이 없습니다.');
    expect(out).not.toContain('새로운 고객');
  });

  it('new: says 새로운 고객 and shows no company', () => {
    const out = html(
      <CallerPopView
        call={callWith({ status: 'new', number: '01000001111', companies: [], contact: null, recentConsultations: [] })}
        onSelectCompany={noop}
      />,
    );
    expect(out).toContain('새로운 고객');
    expect(out).not.toContain('company-card');
  });

  it('unavailable: says the CRM could not be asked (search by hand), never 새로운 고객; in English too', async () => {
    const call = callWith({
      status: 'unavailable',
      number: '01000001111',
      companies: [],
      contact: null,
      recentConsultations: [],
    });
    const out = html(<CallerPopView call={call} onSelectCompany={noop} />);
    expect(out).toContain('CRM 조회 불가 — 직접 검색하세요');
    expect(out).toContain('data-testid="pop-unavailable"');
    expect(out).not.toContain('새로운 고객');
    await ui.i18n.changeLanguage('en');
    try {
      const en = html(<CallerPopView call={call} onSelectCompany={noop} />);
      expect(en).toContain('CRM unavailable — search by hand');
      expect(en).not.toContain('New customer');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });

  it('pending: says the record is loading, busy for screen readers, and guesses nothing (never 새로운 고객)', () => {
    const call = callWith({
      status: 'pending',
      number: '01000001111',
      companies: [],
      contact: null,
      recentConsultations: [],
    });
    const out = html(<CallerPopView call={call} onSelectCompany={noop} />);
    expect(out).toContain('고객 정보를 불러오는 중…');
    expect(out).toContain('aria-busy="true"');
    expect(out).not.toContain('새로운 고객');
    expect(out).not.toContain('pop-unavailable');
  });

  it('ambiguous: a radio per company and no profile until one is chosen', () => {
    const pop: CallerPop = {
      status: 'ambiguous',
      number: '0212345678',
      companies: [company({ id: 'a' }), company({ id: 'b', name: '한빛상사' })],
      contact: null,
      recentConsultations: [],
    };
    const out = html(<CallerPopView call={callWith(pop)} onSelectCompany={noop} />);
    expect(out.match(/type="radio"/g)).toHaveLength(2);
    expect(out).not.toContain('data-testid="company-card"');
    const chosen = deskReducer(
      { ...INITIAL_DESK, call: callWith(pop) },
      { type: 'companySelected', companyId: 'b' },
    ).call!;
    expect(html(<CallerPopView call={chosen} onSelectCompany={noop} />)).toContain(
      'data-testid="company-card" aria-label="한빛상사"',
    );
  });

  it('English when switched', async () => {
    await ui.i18n.changeLanguage('en');
    try {
      expect(
        html(
          <CallerPopView
            call={callWith({ status: 'withheld', number: null, companies: [], contact: null, recentConsultations: [] })}
            onSelectCompany={noop}
          />,
        ),
      ).toContain('New customer');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });
});
