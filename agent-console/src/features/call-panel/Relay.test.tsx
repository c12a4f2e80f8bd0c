import type { PartnerCenterDto } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { actionContext, ringingDesk } from '../../../test/desk';
import { consoleI18n } from '../../../test/render';
import type { ApiClient } from '../../api';
import { emptyDraft } from '../consultation/draft';
import { deskReducer, type DeskState } from '../desk/desk-state';
import { CallPanel } from './CallPanel';
import { RelayFormView } from './RelayDialog';
import { callbackRelayOf, relayCommandOf, relayFormErrors, relayFormOf, type RelayForm } from './relay-model';

const ui = consoleI18n();
const { html } = ui;

const partner = (over: Partial<PartnerCenterDto>): PartnerCenterDto => ({
  id: 'fta1380',
  nameKo: 'FTA 종합지원센터',
  nameEn: 'FTA Support Center',
  ministry: '산업통상자원부',
  dial: '1380',
  openNow: true,
  closedReason: null,
  webhook: true,
  ...over,
});
const PARTNERS = [
  partner({}),
  partner({
    id: 'kipo',
    nameKo: '특허청 고객상담센터',
    nameEn: 'KIPO',
    ministry: '특허청',
    openNow: false,
    closedReason: 'outsideHours',
  }),
];
const draft = {
  ...emptyDraft('key-1', 'export'),
  subCategory: '원산지 증명',
  summary: '자동차 부품 수출, 한-EU FTA 원산지 기준 안내함. 증명서 발급 절차는 FTA 센터 문의 필요.',
};
const filled = (over: Partial<RelayForm> = {}): RelayForm => ({ ...relayFormOf(draft, '01012345678'), ...over });
const view = (
  form: RelayForm,
  errors = {},
  partners: PartnerCenterDto[] | null = PARTNERS,
  sent: 'callback' | null = null,
) =>
  html(
    <RelayFormView
      partners={partners}
      loadFailed={false}
      busy={false}
      form={form}
      errors={errors}
      sent={sent}
      onChange={() => undefined}
      onSubmit={() => undefined}
      onClose={() => undefined}
    />,
  );

describe('the relay form (data)', () => {
  it('starts from the consultation draft, so the caller never explains twice', () => {
    expect(relayFormOf(draft, '01012345678')).toEqual({
      partnerId: '',
      question: '원산지 증명',
      context: draft.summary,
      callbackNumber: '01012345678',
      mode: 'blind',
    });
    expect(relayFormOf(null, null)).toEqual({
      partnerId: '',
      question: '',
      context: '',
      callbackNumber: '',
      mode: 'blind',
    });
  });

  it('needs a partner and a question; a closed partner needs a number to call back', () => {
    expect(relayFormErrors(filled(), PARTNERS)).toEqual({ partnerId: 'choosePartner' });
    expect(relayFormErrors(filled({ partnerId: 'fta1380', question: '   ' }), PARTNERS)).toEqual({
      question: 'question',
    });
    expect(relayFormErrors(filled({ partnerId: 'fta1380' }), PARTNERS)).toEqual({});
    expect(relayFormErrors(filled({ partnerId: 'kipo', callbackNumber: '12' }), PARTNERS)).toEqual({
      callbackNumber: 'callbackNumber',
    });
    expect(relayFormErrors(filled({ partnerId: 'kipo' }), PARTNERS)).toEqual({});
    // A partner crm-api no longer lists cannot be chosen.
    expect(relayFormErrors(filled({ partnerId: 'nts' }), PARTNERS)).toEqual({ partnerId: 'choosePartner' });
  });

  it('an open partner gets the call with the package; a closed one a callback request (once per call and partner)', () => {
    expect(relayCommandOf('call-1', filled({ partnerId: 'fta1380', question: ' 원산지 증명 ' }), '7')).toEqual({
      callId: 'call-1',
      partnerId: 'fta1380',
      question: '원산지 증명',
      context: draft.summary,
      companyId: '7',
      mode: 'blind',
    });
    expect(relayCommandOf('call-1', filled({ partnerId: 'fta1380' }), 'not-an-id').companyId).toBeNull();
    // Talking to the partner first is the counselor's choice, carried as the command's mode.
    expect(relayCommandOf('call-1', filled({ partnerId: 'fta1380', mode: 'attended' }), null).mode).toBe('attended');
    expect(
      callbackRelayOf('call-1', filled({ partnerId: 'kipo', callbackNumber: ' 010-1234-5678 ' }), null, '01012345678'),
    ).toEqual({
      idempotencyKey: 'desk-callback-call-1-kipo',
      partnerId: 'kipo',
      callId: 'call-1',
      callerNumber: '01012345678',
      companyId: null,
      question: '원산지 증명',
      context: draft.summary,
      callbackNumber: '010-1234-5678',
    });
  });
});

describe('the relay form (screen)', () => {
  it('a modal dialog in Korean: the partners with whether each is open, the prefilled question and consultation', () => {
    const out = view(filled());
    expect(out).toContain('role="dialog"');
    expect(out).toContain('aria-modal="true"');
    expect(out).toContain('협력기관 이관');
    expect(out).toContain('FTA 종합지원센터 <span class="muted">(산업통상자원부)</span>');
    expect(out).toMatch(/data-open="true">운영 중</);
    expect(out).toMatch(/data-open="false">운영시간 아님</);
    expect(out).toContain('value="원산지 증명"');
    expect(out).toContain('자동차 부품 수출, 한-EU FTA 원산지 기준 안내함.');
    expect(out).toContain('고객이 같은 설명을 반복하지 않습니다');
    // Enter in any field sends the form; the submit button is its one submit.
    expect(out).toMatch(/<button type="submit" class="btn btn-primary" data-testid="relay-submit">이관하기<\/button>/);
  });

  it('names what is missing, next to the field, as an alert', () => {
    const out = view(filled({ question: '' }), { partnerId: 'choosePartner', question: 'question' });
    expect(out).toContain('<fieldset aria-invalid="true">');
    expect(out).toContain('role="alert" id="relay-partnerId-error">협력기관을 고르세요.</p>');
    expect(out).toMatch(
      /id="relay-question" maxLength="4000" aria-invalid="true" aria-describedby="relay-question-error" value=""/,
    );
    expect(out).toContain('고객 문의 내용을 입력하세요.');
  });

  it('a closed partner: no dialling, a callback offer with the number, and then its confirmation', () => {
    const out = view(filled({ partnerId: 'kipo' }));
    expect(out).toContain('특허청 고객상담센터은(는) 지금 운영시간이 아닙니다.');
    expect(out).toContain('id="relay-callback" type="tel" maxLength="20" value="01012345678"');
    expect(out).toContain('>회신 요청 보내기</button>');
    const done = view(filled({ partnerId: 'kipo' }), {}, PARTNERS, 'callback');
    expect(done).toContain('회신 요청을 보냈습니다.');
    expect(done).toMatch(/<button type="submit"[^>]*disabled=""/);
    expect(done).toContain('>닫기</button>');
  });

  it('waits for the list (nothing can be sent); in English too', async () => {
    const loading = view(filled(), {}, null);
    expect(loading).toContain('협력기관 목록을 불러오는 중…');
    expect(loading).toMatch(/<button type="submit"[^>]*disabled=""/);
    await ui.i18n.changeLanguage('en');
    try {
      const en = view(filled({ partnerId: 'kipo' }), { callbackNumber: 'callbackNumber' });
      expect(en).toContain('Relay to a partner center');
      expect(en).toContain('FTA Support Center');
      expect(en).toContain('KIPO is closed now.');
      expect(en).toContain('Check the number to call back.');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });
});

describe('the relay button at the desk', () => {
  const connected = (): DeskState =>
    deskReducer(ringingDesk(), {
      type: 'callConnected',
      connected: { callId: 'call-1', connectedAt: '2026-03-03T00:02:00.000Z', recordingName: null },
    });
  const api = { partnerCenters: async () => PARTNERS } as unknown as ApiClient;

  it('a connected call has it; a ringing call, a desk without crm-api or a consult in progress does not', () => {
    const out = html(<CallPanel ctx={actionContext(connected(), [])} dispatch={() => undefined} api={api} />);
    expect(out).toMatch(/<button type="button" class="btn" data-action="relay">협력기관 이관<\/button>/);
    expect(
      html(<CallPanel ctx={actionContext(ringingDesk(), [])} dispatch={() => undefined} api={api} />),
    ).not.toContain('data-action="relay"');
    expect(html(<CallPanel ctx={actionContext(connected(), [])} dispatch={() => undefined} />)).not.toContain(
      'data-action="relay"',
    );
    const consulting = deskReducer(connected(), {
      type: 'callConsult',
      consult: { callId: 'call-1', consult: { agentId: '1002', phase: 'ringing', with: 'target' } },
    });
    expect(html(<CallPanel ctx={actionContext(consulting, [])} dispatch={() => undefined} api={api} />)).toMatch(
      /<button type="button" class="btn" data-action="relay" disabled="">/,
    );
    // Offline (telephony's socket down) the relay cannot work either.
    expect(
      html(<CallPanel ctx={actionContext(connected(), [], false)} dispatch={() => undefined} api={api} />),
    ).toMatch(/data-action="relay" disabled=""/);
  });

  it('a refused relay shows its error in the panel (the caller is still there)', () => {
    const refused = deskReducer(connected(), {
      type: 'commandFinished',
      command: 'call.relay.v1',
      ack: {
        ok: false,
        error: { command: 'call.relay.v1', code: 'INVALID_STATE', message: 'partnerId: 특허청 is closed now' },
      },
    });
    const out = html(<CallPanel ctx={actionContext(refused, [])} dispatch={() => undefined} api={api} />);
    expect(out).toContain('partnerId: 특허청 is closed now');
    expect(refused.call?.phase).toBe('connected');
  });
});

describe('blind or attended relay (the form choice)', () => {
  it('an open partner: two radios in a labelled group, blind first and checked, each with its hint', () => {
    const out = view(filled({ partnerId: 'fta1380' }));
    const group = out.match(/<fieldset data-testid="relay-mode">.*?<\/fieldset>/)?.[0] ?? '';
    expect(group).toContain('<legend>이관 방식</legend>');
    // Native radios of one name: Tab reaches the group, the arrow keys choose, Enter sends the form.
    expect(group.match(/<input type="radio" aria-describedby="relay-mode-\w+-hint" name="relay-mode"/g)).toHaveLength(
      2,
    );
    expect(group).toMatch(/name="relay-mode" checked="" value="blind"\/>바로 이관/);
    expect(group).toMatch(/name="relay-mode" value="attended"\/>먼저 통화 후 이관/);
    expect(group).toContain(
      'id="relay-mode-attended-hint">고객은 대기 음악을 듣고, 상담원이 협력기관 담당자와 먼저 통화한 뒤',
    );
    expect(out).toContain('data-testid="relay-submit">이관하기</button>');
  });

  it('attended chosen: the radio is checked and the button says the counselor talks first', () => {
    const out = view(filled({ partnerId: 'fta1380', mode: 'attended' }));
    expect(out).toMatch(/name="relay-mode" checked="" value="attended"/);
    expect(out).not.toMatch(/name="relay-mode" checked="" value="blind"/);
    expect(out).toContain('data-testid="relay-submit">협력기관과 먼저 통화</button>');
  });

  it('a closed partner has no choice (there is no call to put through, only a callback)', () => {
    const out = view(filled({ partnerId: 'kipo', mode: 'attended' }));
    expect(out).not.toContain('relay-mode');
    expect(out).toContain('>회신 요청 보내기</button>');
  });

  it('in English too', async () => {
    await ui.i18n.changeLanguage('en');
    try {
      const out = view(filled({ partnerId: 'fta1380', mode: 'attended' }));
      expect(out).toContain('<legend>How</legend>');
      expect(out).toContain('Relay now');
      expect(out).toContain('Talk first, then relay');
      expect(out).toContain('>Talk to the partner first</button>');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });
});

describe('the attended relay at the desk', () => {
  const connected = (): DeskState =>
    deskReducer(ringingDesk(), {
      type: 'callConnected',
      connected: { callId: 'call-1', connectedAt: '2026-03-03T00:02:00.000Z', recordingName: null },
    });
  const consulting = (phase: 'ringing' | 'talking', withWhom: 'target' | 'caller' = 'target') =>
    deskReducer(connected(), {
      type: 'callConsult',
      consult: {
        callId: 'call-1',
        consult: { agentId: 'partner:fta1380', phase, with: withWhom, partner: 'fta1380' },
      },
    });
  const panel = (state: DeskState) => html(<CallPanel ctx={actionContext(state, [])} dispatch={() => undefined} />);

  it('ringing: the bar names the partner; complete and swap wait for the answer; no conference with a partner', () => {
    const out = panel(consulting('ringing'));
    expect(out).toContain('data-partner="fta1380"');
    expect(out).toContain('FTA 종합지원센터 연결 중 — 고객은 대기 음악을 듣고 있습니다');
    expect(out).toMatch(/<button type="button" class="btn btn-primary" disabled="">FTA 종합지원센터\(으\)로 이관 완료/);
    expect(out).not.toContain('consult-conference');
    expect(out).toMatch(/<button type="button" class="btn">이관 취소\(고객에게 돌아가기\)<\/button>/);
  });

  it('talking: complete is enabled; swapped, the bar says the partner waits', () => {
    expect(panel(consulting('talking'))).toMatch(
      /<button type="button" class="btn btn-primary">FTA 종합지원센터\(으\)로 이관 완료<\/button>/,
    );
    expect(panel(consulting('talking', 'caller'))).toContain(
      '고객과 통화 중 — FTA 종합지원센터 담당자는 대기 중입니다',
    );
  });

  it('a partner that does not answer: a clear message, the caller back, the relay button usable again', () => {
    const ended = deskReducer(consulting('ringing'), {
      type: 'callConsult',
      consult: { callId: 'call-1', consult: null, ended: { reason: 'noAnswer', partner: 'fta1380' } },
    });
    expect(ended.consult).toBeNull();
    const api = { partnerCenters: async () => PARTNERS } as unknown as ApiClient;
    const out = html(<CallPanel ctx={actionContext(ended, [])} dispatch={() => undefined} api={api} />);
    expect(out).toContain('data-reason="noAnswer"');
    expect(out).toContain('FTA 종합지원센터이(가) 응답하지 않았습니다. 고객과 다시 연결되었습니다.');
    expect(out).toMatch(/<button type="button" class="btn" data-action="relay">협력기관 이관<\/button>/);
    // The next consult (or the call's end) clears the message.
    expect(
      deskReducer(ended, { type: 'callConsult', consult: consulting('ringing').consult! }).consultEnded,
    ).toBeNull();
  });
});
