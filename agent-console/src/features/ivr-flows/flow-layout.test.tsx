import type { IvrFlowSetV1 } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { FlowDiagram } from './FlowDiagram';
import { layoutFlow, nodeText, PAD_X, TEXT_FONT } from './flow-layout';
import { textWidth } from './text-fit';

const { html } = consoleI18n();

type Flow = IvrFlowSetV1['flows'][number];

const node = (id: string, edges: Array<[string, string]>, text = '') => ({
  id,
  type: edges.length > 1 ? 'menu' : 'play',
  prompts: text ? [{ id, text }] : [],
  edges: edges.map(([label, to]) => ({ label, to })),
  detail: {},
});

const flow: Flow = {
  id: 'main',
  entry: 'notice',
  nodes: [
    node(
      'menu',
      [
        ['1', 'fund'],
        ['2', 'startup-entry'],
        ['onFail', 'menu'],
        ['9', 'agent'],
      ],
      '정책자금은 1번, 창업은 2번을 누르세요',
    ),
    node('notice', [['next', 'menu']], '이 통화는 녹음됩니다'),
    node('fund', [['next', 'agent']]),
    node('agent', []),
    node('orphan', []),
  ],
};

describe('IVR flow layout (dagre)', () => {
  const layout = layoutFlow(flow);
  const at = (id: string) => layout.nodes.find((n) => n.id === id)!;
  type Box = { x: number; y: number; width: number; height: number };
  const overlap = (a: Box, b: Box) =>
    a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const labelRect = (l: Box): Box => ({
    x: l.x - l.width / 2,
    y: l.y - l.height / 2,
    width: l.width,
    height: l.height,
  });

  it('every node once; other flows\' nodes are external "go to" nodes', () => {
    expect(layout.nodes.map((n) => n.id).sort()).toEqual([
      'agent',
      'fund',
      'menu',
      'notice',
      'orphan',
      'startup-entry',
    ]);
    expect(at('startup-entry').external).toBe(true);
    expect(at('menu').external).toBe(false);
  });

  it('reads left to right from the entry and marks loops as back edges', () => {
    expect(at('notice').x + at('notice').width).toBeLessThan(at('menu').x);
    expect(at('menu').x + at('menu').width).toBeLessThan(at('fund').x);
    expect(layout.edges.find((e) => e.label === 'onFail')).toMatchObject({ from: 'menu', to: 'menu', back: true });
    expect(layout.edges.find((e) => e.label === '1')?.back).toBe(false);
  });

  it('no two boxes overlap, no label sits on a box or another label, everything is on the canvas', () => {
    const labels = layout.edges.map((e) => labelRect(e.labelBox));
    for (const box of [...layout.nodes, ...labels]) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(layout.width);
      expect(box.y + box.height).toBeLessThanOrEqual(layout.height);
    }
    for (const a of layout.nodes)
      for (const b of layout.nodes) if (a !== b) expect(overlap(a, b), `${a.id} / ${b.id}`).toBe(false);
    for (const [i, a] of labels.entries()) {
      for (const n of layout.nodes) expect(overlap(a, n), `label ${layout.edges[i]!.label} / ${n.id}`).toBe(false);
      for (const b of labels.slice(i + 1)) expect(overlap(a, b)).toBe(false);
    }
  });

  it('boxes grow to their text: lines break between words only, and each fits its box', () => {
    const wordy = {
      ...flow,
      nodes: [
        ...flow.nodes,
        node('hours', [['then', 'menu']]),
        {
          ...node('check', [
            ['then', 'agent'],
            ['else', 'fund'],
          ]),
          type: 'condition',
          detail: { check: 'businessHours', factTimeoutMs: 3000 },
        },
      ],
    };
    const laid = layoutFlow(wordy);
    for (const n of laid.nodes.filter((x) => !x.external)) {
      const source = wordy.nodes.find((x) => x.id === n.id)!;
      expect(n.lines.join(' ')).toBe(nodeText(source)); // nothing dropped, no word split
      expect(n.title.join(' ')).toBe(`${source.type} · ${n.id}`);
      for (const line of n.lines) expect(textWidth(line, TEXT_FONT) + 2 * PAD_X).toBeLessThanOrEqual(n.width);
    }
    expect(laid.nodes.find((n) => n.id === 'check')!.lines).toEqual(['check: businessHours ·', 'factTimeoutMs: 3000']);
  });

  it('a long prompt shows its first lines ending between words, the whole text in the tooltip', () => {
    const long =
      '정책자금과 금융 상담은 1번, 창업과 벤처는 2번, 소상공인, 전통시장, 온누리상품권은 3번, 기술개발 알앤디는 4번, 수출과 에프티에이는 5번, 인력과 고용은 6번을 눌러 주세요.';
    const laid = layoutFlow({
      ...flow,
      nodes: flow.nodes.map((n) => (n.id === 'menu' ? { ...n, prompts: [{ id: 'menu', text: long }] } : n)),
    });
    const menu = laid.nodes.find((n) => n.id === 'menu')!;
    expect(menu.lines.length).toBeLessThanOrEqual(4);
    expect(menu.lines.at(-1)).toMatch(/ …$/);
    expect(long.startsWith(menu.lines.join(' ').replace(/ …$/, ''))).toBe(true);
    expect(menu.fullText).toBe(long);
  });

  it('a word longer than a line widens its box instead of being cut', () => {
    const laid = layoutFlow({
      ...flow,
      nodes: flow.nodes.map((n) =>
        n.id === 'fund' ? { ...n, label: 'supercalifragilisticexpialidocious-and-then-some-more' } : n,
      ),
    });
    const fund = laid.nodes.find((n) => n.id === 'fund')!;
    expect(fund.lines).toEqual(['supercalifragilisticexpialidocious-and-then-some-more']);
    expect(fund.width).toBeGreaterThanOrEqual(textWidth(fund.lines[0]!, TEXT_FONT) + 2 * PAD_X);
  });

  it('edges from a menu leave at distinct places and end at distinct places (no pile-up)', () => {
    const fromMenu = layout.edges.filter((e) => e.from === 'menu' && e.to !== 'menu');
    const ends = fromMenu.map((e) => `${Math.round(e.points.at(-1)!.x)},${Math.round(e.points.at(-1)!.y)}`);
    expect(new Set(ends).size).toBe(fromMenu.length);
  });

  it('draws a box per node, whole edge labels, drop-outs marked, and fits the width', () => {
    const out = html(
      <FlowDiagram
        flow={{ ...flow, nodes: [...flow.nodes, node('sub', [['call startup', 'startup-entry']])] }}
        dropouts={new Map([['menu', 3]])}
      />,
    );
    expect(out.match(/data-diagram-node=/g)).toHaveLength(7);
    expect(out).toContain('menu · menu');
    expect(out).toContain('정책자금은 1번, 창업은 2번을');
    expect(out).toContain('>call startup</text>');
    expect(out).toContain('data-edge="menu-&gt;fund"');
    expect(out).toContain('이탈 3');
    expect(out).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(out).toContain('width:100%');
    expect(out).not.toContain('…');
    expect(out).toContain('aria-hidden="true"'); // the table is the accessible form
  });
});
