import type { IvrDropoutReport, IvrFlowSetV1 } from '@cc1357/contracts';
import type { i18n as I18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { FlowSetPanel } from '../src/features/ivr-flows/FlowSetPanel';
import { DropoutPanel } from '../src/features/ivr-flows/DropoutPanel';
import { dropoutRate, dropoutsByNode, flowSetView, isKeyLabel, orderedNodes } from '../src/features/ivr-flows/flow-model';
import { setupI18n } from '../src/i18n';

const set: IvrFlowSetV1 = {
  version: '3f9a2c7be01d44aa',
  loadedAt: '2026-03-03T00:00:00.000Z',
  entryFlow: 'main',
  flows: [
    { id: 'startup', entry: 'startup-menu', nodes: [{ id: 'startup-menu', type: 'menu', prompts: [], edges: [], detail: {} }] },
    {
      id: 'main',
      entry: 'notice',
      description: '녹음 안내 → 주 메뉴',
      nodes: [
        { id: 'main-menu', type: 'menu', prompts: [{ id: 'main-menu', text: '정책자금은 1번' }], edges: [{ label: '1', to: 'fund-queue' }, { label: 'onFail', to: 'general-queue' }], detail: {} },
        { id: 'notice', type: 'play', prompts: [{ id: 'notice', text: '이 통화는 녹음됩니다' }], edges: [{ label: 'next', to: 'main-menu' }], detail: {} },
      ],
    },
  ],
  problems: [],
};

describe('flow model', () => {
  it('entry flow first, short version, not rejected when there are no problems', () => {
    const view = flowSetView(set);
    expect(view.flows.map((f) => f.id)).toEqual(['main', 'startup']);
    expect(view).toMatchObject({ version: '3f9a2c7b', rejected: false, rejectedAt: null });
  });

  it('a rejected edit is flagged with its time and problems', () => {
    const view = flowSetView({ ...set, problems: [{ file: 'main.yaml', line: 12, message: 'unknown node fund-wiat' }], rejectedVersion: { at: '2026-03-03T01:00:00.000Z', version: null } });
    expect(view).toMatchObject({ rejected: true, rejectedAt: '2026-03-03T01:00:00.000Z' });
    expect(view.problems[0]?.line).toBe(12);
  });

  it('a flow starts at its entry node', () => {
    expect(orderedNodes(set.flows[1]!).map((n) => n.id)).toEqual(['notice', 'main-menu']);
  });

  it.each([['1', true], ['#', true], ['next', false], ['10', false]])('%s is a key: %s', (label, key) => expect(isKeyLabel(label)).toBe(key));
});

const report: IvrDropoutReport = {
  date: '2026-03-03',
  enteredIvr: 20,
  leftInIvr: 5,
  reachedOutcome: 14,
  stillInIvr: 1,
  outcomes: { queue: 12, callback: 2 },
  byLastNode: [
    { nodeId: 'main-menu', flow: 'main', nodeType: 'menu', promptText: '정책자금은 1번', calls: 4 },
    { nodeId: 'notice', flow: 'main', nodeType: 'play', promptText: null, calls: 1 },
  ],
};

describe('drop-out numbers', () => {
  it('per node and as a rate', () => {
    expect([...dropoutsByNode(report)]).toEqual([['main-menu', 4], ['notice', 1]]);
    expect(dropoutsByNode(null).size).toBe(0);
    expect(dropoutRate(report)).toBe(0.25);
    expect(dropoutRate({ ...report, enteredIvr: 0, leftInIvr: 0 })).toBeNull();
  });
});

describe('flow panel', () => {
  let i18n: I18n;
  beforeAll(async () => {
    i18n = await setupI18n(null);
  });

  it('shows prompts, keys as keys and links each edge to its target node', () => {
    const out = renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <FlowSetPanel flow={set.flows[1]!} />
      </I18nextProvider>,
    );
    expect(out).toContain('“이 통화는 녹음됩니다”');
    expect(out).toContain('<kbd>1</kbd> → <a href="#node-fund-queue">fund-queue</a>');
    expect(out.indexOf('data-node="notice"')).toBeLessThan(out.indexOf('data-node="main-menu"'));
    expect(out).not.toContain('node-dropout');
  });

  it('marks the nodes callers hung up at, and the drop-out panel sums it up', () => {
    const html = (el: React.ReactElement) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{el}</I18nextProvider>);
    const flow = html(<FlowSetPanel flow={set.flows[1]!} dropouts={dropoutsByNode(report)} />);
    expect(flow).toContain('이탈 4');
    expect(flow).toContain('이탈 1');
    const panel = html(<DropoutPanel report={report} />);
    expect(panel).toContain('ARS 중 종료 (25%)');
    expect(panel).toContain('queue 12 · callback 2');
    expect(panel.indexOf('main-menu')).toBeLessThan(panel.indexOf('>notice<'));
  });
});
