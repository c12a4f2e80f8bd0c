import type { TransferTargetsV1 } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { actionForKey, runAction } from '../../actions';
import { actionContext, ringingDesk } from '../../../test/desk';
import { consoleI18n } from '../../../test/render';
import { deskReducer, type DeskState } from '../desk/desk-state';
import { CallPanel } from './CallPanel';

const ui = consoleI18n();
const { html } = ui;

const connected = (): DeskState =>
  deskReducer(ringingDesk(), {
    type: 'callConnected',
    connected: { callId: 'call-1', connectedAt: '2026-03-03T00:02:00.000Z', recordingName: null },
  });
const targets: TransferTargetsV1 = {
  callId: 'call-1',
  at: '2026-03-03T00:03:00.000Z',
  queues: ['fund', 'export'],
  agents: [{ agentId: '1002', displayName: '박수출', skills: ['export'] }],
};
const transferInfo = {
  fromAgentId: '1001',
  fromName: '김상담',
  at: '2026-03-03T00:03:00.000Z',
  mode: 'blind' as const,
  target: { kind: 'queue' as const, queue: 'export' as const },
  notes: '이미 신청서 제출함',
  category: 'export' as const,
  draft: { summary: '수출바우처 2차 모집 문의', outcome: 'followUp' },
};

describe('transfer at the desk', () => {
  it('F1 opens the dialog of a connected call only; a ringing call has no transfer', async () => {
    const sent: string[] = [];
    expect(actionForKey({ key: 'F1' })?.id).toBe('transfer');
    expect(await runAction(actionForKey({ key: 'F1' })!, actionContext(ringingDesk(), sent))).toBe(false);
    expect(await runAction(actionForKey({ key: 'F1' })!, actionContext(connected(), sent))).toBe(true);
    expect(sent).toEqual(['openTransfer:call-1']);
    const out = html(<CallPanel ctx={actionContext(connected(), sent)} dispatch={() => undefined} />);
    expect(out).toMatch(/<button[^>]*data-action="transfer"[^>]*>이관 <kbd>F1<\/kbd><\/button>/);
    expect(html(<CallPanel ctx={actionContext(ringingDesk(), sent)} dispatch={() => undefined} />)).not.toContain(
      'data-action="transfer"',
    );
  });

  it('the dialog waits for the targets, then lists Ready counselors and the queues in Korean', () => {
    const open = deskReducer(connected(), { type: 'transferOpened', callId: 'call-1' });
    const loading = html(<CallPanel ctx={actionContext(open, [])} dispatch={() => undefined} />);
    expect(loading).toContain('role="dialog"');
    expect(loading).toContain('aria-modal="true"');
    expect(loading).toContain('대상 목록을 불러오는 중');
    expect(loading).toMatch(/<button type="submit"[^>]*disabled=""[^>]*data-testid="transfer-submit"/);
    const listed = deskReducer(open, { type: 'transferTargets', targets });
    const out = html(<CallPanel ctx={actionContext(listed, [])} dispatch={() => undefined} />);
    expect(out).toContain('대기 중인 상담원');
    expect(out).toContain('value="agent:1002"');
    expect(out).toContain('박수출 (1002)');
    expect(out).toContain('value="queue:export"');
    expect(out).toContain('메모, 분류, 작성 중인 상담 초안이 함께 전달됩니다.');
  });

  it("the receiving counselor's pop shows the transfer: from whom, notes, category and draft", async () => {
    const desk = ringingDesk({ transfer: transferInfo });
    const out = html(<CallPanel ctx={actionContext(desk, [])} dispatch={() => undefined} />);
    expect(out).toContain('이관됨: 김상담 (1001) 상담원에게서');
    expect(out).toContain('이미 신청서 제출함');
    expect(out).toContain('<dt>분류</dt><dd>수출</dd>');
    expect(out).toContain('수출바우처 2차 모집 문의');
    expect(out).toContain('후속 조치 필요');
    await ui.i18n.changeLanguage('en');
    try {
      const en = html(<CallPanel ctx={actionContext(desk, [])} dispatch={() => undefined} />);
      expect(en).toContain('Transferred: from 김상담 (1001)');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
    expect(html(<CallPanel ctx={actionContext(ringingDesk(), [])} dispatch={() => undefined} />)).not.toContain(
      'transfer-received',
    );
  });
});

describe('the desk state of a transfer', () => {
  const open = deskReducer(connected(), { type: 'transferOpened', callId: 'call-1' });
  const ack = (ok: boolean) =>
    ok
      ? ({ ok: true } as const)
      : ({ ok: false, error: { command: 'call.transfer.v1', code: 'INVALID_STATE', message: 'not ready' } } as const);

  it.each([
    ['opened on a ringing call', deskReducer(ringingDesk(), { type: 'transferOpened', callId: 'call-1' }), null],
    ['opened on another call', deskReducer(connected(), { type: 'transferOpened', callId: 'call-9' }), null],
    [
      'targets of another call',
      deskReducer(open, { type: 'transferTargets', targets: { ...targets, callId: 'x' } }),
      'open',
    ],
    ['accepted', deskReducer(open, { type: 'commandFinished', command: 'call.transfer.v1', ack: ack(true) }), null],
    [
      'refused (stays open to choose again)',
      deskReducer(open, { type: 'commandFinished', command: 'call.transfer.v1', ack: ack(false) }),
      'open',
    ],
    ['closed', deskReducer(open, { type: 'transferClosed' }), null],
    [
      'the call ended',
      deskReducer(open, {
        type: 'callEnded',
        ended: { callId: 'call-1', endedAt: '2026-03-03T00:04:00.000Z', reason: 'transferred', wrapUpSeconds: 15 },
      }),
      null,
    ],
  ] as const)('%s', (_what, state, expected) => {
    expect(state.transfer ? 'open' : null).toBe(expected);
  });

  it('a refused transfer shows its error; an accepted one ends the call as transferred', () => {
    const refused = deskReducer(open, { type: 'commandFinished', command: 'call.transfer.v1', ack: ack(false) });
    expect(refused.error?.message).toBe('not ready');
    const ended = deskReducer(open, {
      type: 'callEnded',
      ended: { callId: 'call-1', endedAt: '2026-03-03T00:04:00.000Z', reason: 'transferred', wrapUpSeconds: 15 },
    });
    expect(html(<CallPanel ctx={actionContext(ended, [])} dispatch={() => undefined} />)).toContain('이관함');
  });
});

describe('the consult of an attended transfer', () => {
  const consult = (phase: 'ringing' | 'talking', withWhom: 'target' | 'caller' = 'target') =>
    deskReducer(connected(), {
      type: 'callConsult',
      consult: { callId: 'call-1', consult: { agentId: '1002', phase, with: withWhom } },
    });

  it('ringing: says the caller hears music; only Cancel works until the target answers', () => {
    const out = html(<CallPanel ctx={actionContext(consult('ringing'), [])} dispatch={() => undefined} />);
    expect(out).toContain('1002 상담원 호출 중 — 고객은 대기 음악을 듣고 있습니다');
    expect(out).toMatch(/<button type="button" class="btn btn-primary" disabled="">이관 완료<\/button>/);
    expect(out).toMatch(/<button type="button" class="btn">이관 취소\(고객에게 돌아가기\)<\/button>/);
    // No second transfer while one is being consulted.
    expect(out).toMatch(/<button[^>]*disabled=""[^>]*data-action="transfer"/);
  });

  it('talking: Complete and Swap work; swapped, it says the counselor is with the caller', () => {
    const out = html(<CallPanel ctx={actionContext(consult('talking'), [])} dispatch={() => undefined} />);
    expect(out).toContain('1002 상담원과 통화 중');
    expect(out).toMatch(/<button type="button" class="btn btn-primary">이관 완료<\/button>/);
    const swapped = html(
      <CallPanel ctx={actionContext(consult('talking', 'caller'), [])} dispatch={() => undefined} />,
    );
    expect(swapped).toContain('고객과 통화 중 — 1002 상담원은 대기 중입니다');
  });

  it('over (null), for another call, or when the call ends: no consult on the desk', () => {
    const over = deskReducer(consult('talking'), { type: 'callConsult', consult: { callId: 'call-1', consult: null } });
    expect(over.consult).toBeNull();
    const other = deskReducer(connected(), {
      type: 'callConsult',
      consult: { callId: 'call-9', consult: { agentId: '1002', phase: 'ringing', with: 'target' } },
    });
    expect(other.consult ?? null).toBeNull();
    const ended = deskReducer(consult('talking'), {
      type: 'callEnded',
      ended: { callId: 'call-1', endedAt: '2026-03-03T00:04:00.000Z', reason: 'transferred', wrapUpSeconds: 15 },
    });
    expect(ended.consult).toBeNull();
  });

  it('the dialog offers talking first, for a named counselor', () => {
    const open = deskReducer(deskReducer(connected(), { type: 'transferOpened', callId: 'call-1' }), {
      type: 'transferTargets',
      targets,
    });
    const out = html(<CallPanel ctx={actionContext(open, [])} dispatch={() => undefined} />);
    expect(out).toContain('먼저 통화 후 이관');
    expect(out).toContain('<input type="radio" disabled="" name="transfer-mode" value="attended"/>');
  });
});
