import { MyDay } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { ACTIONS, actionForKey } from '../../actions';
import { ApiError } from '../../api/errors';
import { isMyDayShortcut, myDayCards, rowAfterKey, seoulClock } from './my-day-model';
import { MyDayPanel } from './MyDayPanel';
import { MyDayButton } from './MyDayToggle';

const ui = consoleI18n();
const html = (el: Parameters<typeof ui.html>[0]) => ui.html(el);

/** crm-api's answer for 김상담 on 2025-03-14 (crm-api/test/myDay.test.ts's hand count), checked by the contract. */
const day = MyDay.parse({
  date: '2025-03-14',
  agentId: '1001',
  figures: {
    answered: { value: 1, formula: 'answered.v1' },
    outbound: { value: 1, formula: 'outbound.v1' },
    outboundAnswered: { value: 1, formula: 'outboundAnswered.v1' },
    offered: { value: 3, formula: 'offered.v1' },
    missed: { value: 1, formula: 'count(agent.noAnswer)' },
    handled: { value: 2, formula: 'aht.v1' },
    handleSeconds: { value: 540, formula: 'aht.v1' },
    ahtSeconds: { value: 270, formula: 'aht.v1' },
    transfers: { value: 0, formula: 'transfers.v1' },
    consultations: { value: 1, formula: 'count(consultations)' },
  },
  calls: [
    {
      callId: 'a4',
      at: '2025-03-14T02:30:01.000Z',
      direction: 'inbound',
      callerNumber: '031-***-5678',
      companyId: '2',
      companyName: '두리식품',
      queue: 'fund',
      talkSeconds: 0,
      handleSeconds: 0,
      outcome: 'callerLeft',
      missedRings: 0,
      consultationId: null,
      recordingName: null,
    },
    {
      callId: 'a2',
      at: '2025-03-14T01:00:02.000Z',
      direction: 'inbound',
      callerNumber: '010-****-3333',
      companyId: null,
      companyName: null,
      queue: 'startup',
      talkSeconds: 0,
      handleSeconds: 0,
      outcome: 'missed',
      missedRings: 1,
      consultationId: null,
      recordingName: null,
    },
    {
      callId: 'a1',
      at: '2025-03-14T00:00:05.000Z',
      direction: 'inbound',
      callerNumber: '010-****-5678',
      companyId: '1',
      companyName: '한빛정밀',
      queue: 'fund',
      talkSeconds: 180,
      handleSeconds: 240,
      outcome: 'answered',
      missedRings: 0,
      consultationId: '7',
      recordingName: 'a1-20250314-0900',
    },
  ],
  truncated: false,
});

const panel = (state: Parameters<typeof MyDayPanel>[0]['state']) =>
  html(<MyDayPanel state={state} onRefresh={() => undefined} onClose={() => undefined} />);

/** The text of each data row, cell by cell. */
function rowsOf(markup: string): string[][] {
  const body = /<tbody>(.*)<\/tbody>/s.exec(markup)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/gs)].map((c) => c[1]!.replace(/<[^>]+>/g, '')),
  );
}

describe('내 하루 panel (issue 16)', () => {
  it('shows the figures as cards, each with its formula id', () => {
    const out = panel({ value: day, error: null, loading: false });
    expect(out).toContain('내 하루 · 2025-03-14');
    expect(out).toMatch(/data-testid="my-day-answered" title="answered.v1"><span class="kpi-value">1<\/span>/);
    expect(out).toMatch(/data-testid="my-day-aht" title="aht.v1"><span class="kpi-value">4:30<\/span>/);
    expect(out).toContain('총 처리 9:00 · 2건');
    expect(out).toMatch(/class="kpi hot" data-testid="my-day-missed"[^>]*><span class="kpi-value">1<\/span>/);
    expect(out).toContain('울린 3건 중');
    expect(out).toContain('발신 1건 중 연결 1건');
    expect(out).toMatch(/data-testid="my-day-consultations"[^>]*><span class="kpi-value">1<\/span>/);
  });

  it('lists the calls newest first in an accessible table: Seoul time, masked number, company, outcome', () => {
    const out = panel({ value: day, error: null, loading: false });
    expect(out).toContain('<caption>통화 목록 (최신순, 최대 200건)</caption>');
    expect(out.match(/<th scope="col"/g)).toHaveLength(8);
    expect(rowsOf(out)).toEqual([
      ['11:30:01', '031-***-5678', '두리식품', '정책자금·금융', '0:00', '울리는 중 끊김', '미작성', '–'],
      ['10:00:02', '010-****-3333', '–', '창업·벤처', '0:00', '놓침', '미작성', '–'],
      ['09:00:05', '010-****-5678', '한빛정밀', '정책자금·금융', '3:00', '응답', '작성함', 'a1-20250314-0900'],
    ]);
    expect(out).not.toContain('01012345678');
  });

  it('is reachable by keyboard: one row in the tab order (roving), the others by arrow keys', () => {
    const out = panel({ value: day, error: null, loading: false });
    expect(out.match(/<tr tabindex="0"/g)).toHaveLength(1);
    expect(out.match(/<tr tabindex="-1"/g)).toHaveLength(2);
    expect(out).toMatch(/<table[^>]*aria-describedby="my-day-table-hint"/);
    expect(out).toContain('위·아래 화살표로 통화를 옮겨 다닐 수 있습니다.');
    expect(out).toMatch(/<h2 id="my-day-title" tabindex="-1">/);
    expect(out).toMatch(/aria-keyshortcuts="Shift\+F2"[^>]*>내 하루 닫기 <kbd>Shift\+F2<\/kbd>/);
    // ↓ ↓ ↓ from the first row ends on the last; Home and End jump; other keys are not the list's.
    let at = 0;
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown']) at = rowAfterKey(key, at, 3)!;
    expect(at).toBe(2);
    expect(rowAfterKey('ArrowUp', 0, 3)).toBe(0);
    expect(rowAfterKey('Home', 2, 3)).toBe(0);
    expect(rowAfterKey('End', 0, 3)).toBe(2);
    expect(rowAfterKey('Enter', 1, 3)).toBeNull();
    expect(rowAfterKey('ArrowDown', 0, 0)).toBeNull();
  });

  it('opens with Shift+F2, a key no registered desk action uses', () => {
    expect(isMyDayShortcut({ key: 'F2', shiftKey: true })).toBe(true);
    expect(actionForKey({ key: 'F2', shiftKey: true })).toBeNull();
    for (const action of ACTIONS) {
      const [mod, key] = action.shortcut.includes('+') ? action.shortcut.split('+') : [null, action.shortcut];
      expect(isMyDayShortcut({ key: key!, shiftKey: mod === 'Shift' }), action.id).toBe(false);
    }
    expect(isMyDayShortcut({ key: 'F2' })).toBe(false); // Ready
    expect(isMyDayShortcut({ key: 'F2', shiftKey: true, ctrlKey: true })).toBe(false);
    const button = html(<MyDayButton open={false} onToggle={() => undefined} />);
    expect(button).toMatch(/aria-expanded="false"/);
    expect(button).toMatch(/aria-controls="my-day-panel"/);
    expect(button).toMatch(/aria-keyshortcuts="Shift\+F2"/);
  });

  it('loading, error (the last figures stay) and an empty day', () => {
    expect(panel({ value: null, error: null, loading: true })).toContain('role="status" data-testid="my-day-loading"');
    const failed = panel({
      value: day,
      error: new ApiError(503, 'UNAVAILABLE', '데이터베이스에 연결할 수 없습니다'),
      loading: false,
    });
    expect(failed).toContain(
      'role="alert" data-testid="my-day-error">내 하루를 불러오지 못했습니다: 데이터베이스에 연결할 수 없습니다',
    );
    expect(failed).toContain('data-testid="my-day-calls"');
    const empty = panel({ value: { ...day, calls: [] }, error: null, loading: false });
    expect(empty).toContain('이 날 통화가 없습니다.');
    expect(empty).not.toContain('<table');
  });

  it('speaks English too', async () => {
    await ui.i18n.changeLanguage('en');
    try {
      const out = panel({ value: day, error: null, loading: false });
      expect(out).toContain('My day · 2025-03-14');
      expect(out).toContain('Caller hung up while ringing');
      expect(out).toContain('Average handle time');
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
  });

  it('the model: cards in order, null figures as a dash, Seoul clock', () => {
    const none = MyDay.parse({
      ...day,
      figures: { ...day.figures, ahtSeconds: { value: null, formula: 'aht.v1' }, missed: { value: 0, formula: 'x' } },
    });
    const cards = myDayCards(none);
    expect(cards.map((c) => c.id)).toEqual(['answered', 'outbound', 'aht', 'missed', 'consultations']);
    expect(cards.find((c) => c.id === 'aht')!.value).toBe('–');
    expect(cards.find((c) => c.id === 'missed')!.hot).toBe(false);
    expect(seoulClock('2025-03-13T15:00:00.000Z')).toBe('00:00:00');
  });
});
