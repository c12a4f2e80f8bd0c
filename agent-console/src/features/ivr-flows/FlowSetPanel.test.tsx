import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { FlowSetPanel } from './FlowSetPanel';
import { DropoutPanel } from './DropoutPanel';
import { dropoutsByNode } from './flow-model';
import { setupI18n } from '../../i18n';
import { ivrDropoutReport, ivrFlowSet } from '../../../test/factories';

const set = ivrFlowSet();
const report = ivrDropoutReport();

describe('flow panel', () => {
  const { html } = consoleI18n();

  it('shows prompts, keys as keys and links each edge to its target node', () => {
    const out = html(<FlowSetPanel flow={set.flows[1]!} />);
    expect(out).toContain('“이 통화는 녹음됩니다”');
    expect(out).toContain('<kbd>1</kbd> → <a href="#node-fund-queue">fund-queue</a>');
    expect(out.indexOf('data-node="notice"')).toBeLessThan(out.indexOf('data-node="main-menu"'));
    expect(out).not.toContain('node-dropout');
  });

  it('names IVR outcomes in English too', async () => {
    const en = await setupI18n(null);
    await en.changeLanguage('en');
    const panel = renderToStaticMarkup(
      <I18nextProvider i18n={en}>
        <DropoutPanel report={report} />
      </I18nextProvider>,
    );
    expect(panel).toContain('IVR outcomes: To a counselor: 12 · Callback booked: 2');
  });

  it('marks the nodes callers hung up at, and the drop-out panel sums it up', () => {
    const flow = html(<FlowSetPanel flow={set.flows[1]!} dropouts={dropoutsByNode(report)} />);
    expect(flow).toContain('이탈 4');
    expect(flow).toContain('이탈 1');
    const panel = html(<DropoutPanel report={report} />);
    expect(panel).toContain('ARS 중 종료 (25%)');
    expect(panel).toContain('ARS 처리 결과: 상담원 연결 12건 · 콜백 예약 2건');
    expect(panel).not.toMatch(/queue \d/);
    const odd = html(<DropoutPanel report={{ ...report, outcomes: { queue: 31, unknown: 1 } }} />);
    expect(odd).toContain('상담원 연결 31건 · 기타 1건');
    expect(panel.indexOf('main-menu')).toBeLessThan(panel.indexOf('>notice<'));
  });
});
