import { describe, expect, it } from 'vitest';
import { agent, floor } from '../../../test/factories';
import { consoleI18n } from '../../../test/render';
import { AgentActions } from './AgentActions';
import { AgentBoard } from './AgentBoard';
import { agentRows } from './coverage-model';
import { floorView } from './floor-model';
import { QueueTable } from './QueueTable';

const ui = consoleI18n();
const send = async () => ({ ok: true as const });
const counts = { offline: 0, notReady: 0, ready: 2, reserved: 0, ringing: 0, onCall: 0, wrapUp: 0 };
const rows = agentRows(
  [
    agent({ agentId: '1001', displayName: '김상담', state: 'ready', skills: ['fund', 'hr'], skillLevels: { fund: 5 } }),
    agent({ agentId: '1002', displayName: '박상담', state: 'ready', skills: ['fund'] }),
  ],
  [],
);
const rowOf = (html: string, agentId: string) => html.split(`data-agent="${agentId}"`)[1]!.split('</tr>')[0]!;

/** Skill levels (shown where they differ from the default, set in the actions) and virtual hold on the wallboard (issue 16). */
describe('skill levels on the wallboard', () => {
  it('shows a level beside a skill off the default, and nothing for default levels', () => {
    const out = ui.html(<AgentBoard counts={counts} agents={rows} />);
    expect(rowOf(out, '1001')).toMatch(/data-col="skills">정책자금·금융 \(숙련도 5\), 인력·고용</);
    expect(rowOf(out, '1002')).toMatch(/data-col="skills">정책자금·금융</);
  });

  it('offers a labelled level for each picked skill, set to the agent’s level (3 when none)', () => {
    const out = ui.html(<AgentActions agent={rows[0]!} send={send} onClose={() => undefined} />);
    const fund = out.split('aria-label="정책자금·금융 숙련도"')[1]!.split('</select>')[0]!;
    expect(fund).toMatch(/<option value="5" selected="">5<\/option>/);
    const hr = out.split('aria-label="인력·고용 숙련도"')[1]!.split('</select>')[0]!;
    expect(hr).toMatch(/<option value="3" selected="">3<\/option>/);
    // Skills not held get no level control.
    expect(out).not.toContain('aria-label="창업·벤처 숙련도"');
    expect(out).toContain('숙련도 1(수습)–5(전문가)');
  });
});

describe('virtual hold on the wallboard', () => {
  it('counts callers on virtual hold beside the waiting line of their queue', () => {
    const view = floorView(
      floor({
        queues: [
          { queue: 'fund', waiting: 2, longestWaitSeconds: 30, virtualHold: 3 },
          { queue: 'hr', waiting: 1, longestWaitSeconds: 10 },
        ],
      }),
    );
    const out = ui.html(<QueueTable rows={view.rows} totals={view.totals} />);
    const fund = out.split('data-queue="fund"')[1]!.split('</tr>')[0]!;
    expect(fund).toMatch(/data-col="waiting">2<span[^>]*data-col="virtualHold"> \(\+3 회신 대기\)</);
    const hr = out.split('data-queue="hr"')[1]!.split('</tr>')[0]!;
    expect(hr).not.toContain('virtualHold');
  });
});
