import type { FloorAgentDetailV1 } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { agent } from '../../../test/factories';
import { consoleI18n } from '../../../test/render';
import { AgentActions } from './AgentActions';
import { AgentBoard } from './AgentBoard';
import { CoverageAlert } from './CoverageAlert';
import { agentRows, queueCoverage } from './coverage-model';
import { QueueTable } from './QueueTable';
import { floorView } from './floor-model';
import { floor } from '../../../test/factories';
import { SupervisedNoticeView } from './SupervisedNotice';

const ui = consoleI18n();
const send = async () => ({ ok: true as const });
const counts = { offline: 0, notReady: 1, ready: 1, reserved: 0, ringing: 0, onCall: 1, wrapUp: 0 };

const details: FloorAgentDetailV1[] = [
  {
    agentId: '1001',
    call: { callId: 'c1', queue: 'fund', callerNumber: '010-****-5678', company: '(주)한빛전자' },
    handledToday: 4,
    handleSecondsToday: 1000,
  },
  { agentId: '1002', call: null, handledToday: 0, handleSecondsToday: 0 },
];
const rows = agentRows(
  [
    agent({ agentId: '1001', displayName: '김상담', state: 'onCall', reason: null, callId: 'c1', skills: ['fund'] }),
    agent({ agentId: '1002', displayName: '박상담', state: 'ready', reason: null, skills: ['startup', 'general'] }),
  ],
  details,
);
const rowOf = (html: string, agentId: string) => html.split(`data-agent="${agentId}"`)[1]!.split('</tr>')[0]!;

describe('the wallboard agent rows', () => {
  it('show skills, the caller held (masked, company, queue), handled today and average handle time', () => {
    const out = ui.html(<AgentBoard counts={counts} agents={rows} onAct={() => undefined} selected="1002" />);
    const kim = rowOf(out, '1001');
    expect(kim).toMatch(/data-col="skills">정책자금·금융</);
    expect(kim).toContain('정책자금·금융 · 010-****-5678 · (주)한빛전자');
    expect(kim).toMatch(/data-col="handled">4</);
    expect(kim).toMatch(/data-col="aht">4:10</);
    expect(kim).toMatch(/aria-label="김상담 상담원 조치" aria-expanded="false"/);
    const park = rowOf(out, '1002');
    expect(park).toMatch(/data-col="skills">창업·벤처, 일반 상담</);
    expect(park).toMatch(/data-col="aht">–</);
    expect(park).toMatch(/aria-expanded="true" aria-controls="agent-actions"/);
    // Nothing to act with: no actions column.
    expect(ui.html(<AgentBoard counts={counts} agents={rows} />)).not.toContain('data-action="open"');
  });
});

describe('why callers wait', () => {
  const coverage = queueCoverage({
    agents: rows,
    queues: [
      { queue: 'hr', waiting: 8, longestWaitSeconds: 90 },
      { queue: 'fund', waiting: 1, longestWaitSeconds: 10 },
    ],
  });

  it('says which queue waits with no Ready agent of its skill, and where the Ready agents are', async () => {
    const out = ui.html(<CoverageAlert coverage={coverage} />);
    expect(out).toContain('role="status"');
    expect(out).toContain('인력·고용: 대기 고객 8명 — 해당 상담 분야를 가진 대기 상담사 없음');
    expect(out).toContain('이 분야 상담사가 로그인하지 않았습니다.');
    expect(out).toContain('대기 상담사 1명은 다른 분야만 담당합니다.');
    // fund: kim has the skill but is on a call; the one caller waits for them.
    expect(out).toContain('정책자금·금융: 대기 고객 1명');
    expect(out).toContain('이 분야 상담사 1명은 통화 중이거나 상담 불가 상태입니다.');
    expect(out.indexOf('인력·고용')).toBeLessThan(out.indexOf('정책자금·금융'));
    await ui.i18n.changeLanguage('en');
    try {
      expect(ui.html(<CoverageAlert coverage={coverage} />)).toContain(
        'Workforce &amp; employment: 8 callers waiting — no Ready agent has this skill',
      );
    } finally {
      await ui.i18n.changeLanguage('ko');
    }
    expect(ui.html(<CoverageAlert coverage={queueCoverage({ agents: rows, queues: [] })} />)).not.toContain(
      'alert-error',
    );
  });

  it('the queue table shows Ready / logged-in agents able to take each queue', () => {
    const view = floorView(floor());
    const out = ui.html(<QueueTable rows={view.rows} totals={view.totals} coverage={coverage} />);
    const hr = out.split('data-queue="hr"')[1]!.split('</tr>')[0]!;
    expect(hr).toMatch(/data-col="able"><span aria-hidden="true">0\/0<\/span>/);
    expect(hr).toContain('class="num hot" data-col="able"');
    const general = out.split('data-queue="general"')[1]!.split('</tr>')[0]!;
    expect(general).toContain('해당 분야 대기 상담원 1명, 로그인 1명');
  });
});

describe('the actions on an agent', () => {
  it('offer labelled Not ready (with reason), log out and skills controls for an agent without a caller', () => {
    const out = ui.html(<AgentActions agent={rows[1]!} send={send} onClose={() => undefined} />);
    expect(out).toContain('박상담 (1002) 조치');
    expect(out).toMatch(/<label>상담 불가 사유 <select>/);
    expect(out).toMatch(/data-action="notReady"(?![^>]*disabled)[^>]*>상담 불가로 변경</);
    expect(out).toMatch(/data-action="logout"(?![^>]*disabled)[^>]*>로그아웃</);
    expect(out).toMatch(/<legend>상담 분야<\/legend>/);
    expect(out).toContain('checked="" value="startup"');
    expect(out).toContain('checked="" value="general"');
    expect(out).not.toContain('checked="" value="fund"');
    expect(out).toContain('감사 기록');
    expect(out).not.toContain('logout-confirm');
  });

  it('says Not ready and log out wait for the call to end, and disables them, for an agent with a caller', () => {
    const out = ui.html(<AgentActions agent={rows[0]!} send={send} onClose={() => undefined} />);
    expect(out).toContain('고객과 연결된 상담원은 상담 불가·로그아웃할 수 없습니다');
    expect(out).toMatch(/data-action="notReady" disabled=""/);
    expect(out).toMatch(/data-action="logout" disabled=""/);
    expect(out).toMatch(/data-action="skills"(?![^>]*disabled)/);
  });

  it('asks before logging out, in a labelled alert dialog', () => {
    const out = ui.html(<AgentActions agent={rows[1]!} send={send} onClose={() => undefined} confirming />);
    const dialog = out.split('data-testid="logout-confirm"')[0]!.split('<div').at(-1)!;
    expect(dialog).toContain('role="alertdialog"');
    expect(dialog).toContain('aria-labelledby="logout-confirm-title"');
    expect(out).toContain('박상담 상담원을 로그아웃할까요?');
    expect(out).toMatch(/data-action="logout-confirm"[^>]*>로그아웃</);
    expect(out).toContain('>취소<');
  });
});

describe("the counselor's notice", () => {
  it('tells the counselor what a supervisor did', async () => {
    const at = '2026-03-03T00:00:00.000Z';
    const html = (n: Parameters<typeof SupervisedNoticeView>[0]['notice']) =>
      ui.html(<SupervisedNoticeView notice={n} onDismiss={() => undefined} />);
    expect(html({ action: 'notReady', by: '이관리', reason: 'meeting', skills: null, at })).toContain(
      '관리자 이관리님이 상담 불가 상태로 변경했습니다 (회의).',
    );
    expect(html({ action: 'skills', by: '이관리', reason: null, skills: ['hr', 'general'], at })).toContain(
      '관리자 이관리님이 상담 분야를 변경했습니다: 인력·고용, 일반 상담',
    );
    expect(html({ action: 'logout', by: '이관리', reason: null, skills: null, at })).toContain('로그아웃했습니다');
    expect(html(null)).not.toContain('<p');
  });
});
