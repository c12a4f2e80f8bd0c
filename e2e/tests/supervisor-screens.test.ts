import { DEMO_PASSWORD } from '@cc1357/crm-api';
import type { Center } from '@cc1357/demo';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityFindings,
  type Browser,
  hasChromium,
  loginAs,
  type Scenario,
  shot,
  startScenario,
  STEP_MS,
} from '../src';

/**
 * The supervisor's screens on a 1440 px wide window, measured in the real browser with the real
 * fonts: the IVR flow diagram fits the page and clips nothing (boxes hold their text, edge
 * labels are whole and clear of boxes and of each other, the main menu's edges do not share an
 * end); the policy calendar spans the panel and shows long names whole.
 */

type Rect = { x: number; y: number; width: number; height: number };
interface DiagramMeasure {
  svg: Rect;
  container: Rect;
  scrollOverflow: number;
  nodes: Array<{ id: string; box: Rect; texts: Array<{ text: string; box: Rect }> }>;
  labels: Array<{ edge: string; text: string; box: Rect; textBox: Rect }>;
  menuEnds: string[];
  menuEdges: number;
}

/** Runs in the page (a string: this package compiles without the DOM types). */
const MEASURE_DIAGRAM = `(() => {
  const svg = document.querySelector('[data-testid=ivr-diagram]');
  const scroll = svg.closest('.diagram-scroll');
  const r = (b) => ({ x: b.x, y: b.y, width: b.width, height: b.height });
  const rectOf = (el) => ({ x: +el.getAttribute('x'), y: +el.getAttribute('y'), width: +el.getAttribute('width'), height: +el.getAttribute('height') });
  const nodes = [...svg.querySelectorAll('[data-diagram-node]')].map((g) => ({
    id: g.getAttribute('data-diagram-node'),
    box: rectOf(g.querySelector('rect')),
    texts: [...g.querySelectorAll('text')].map((t) => ({ text: t.textContent, box: r(t.getBBox()) })),
  }));
  const labels = [...svg.querySelectorAll('.edge-label')].map((g) => ({
    edge: g.getAttribute('data-edge-label'),
    text: g.querySelector('text').textContent,
    box: rectOf(g.querySelector('rect')),
    textBox: r(g.querySelector('text').getBBox()),
  }));
  const menuPaths = [...svg.querySelectorAll('path.edge')].filter((p) => p.getAttribute('data-edge').startsWith('main-menu->') && p.getAttribute('data-edge') !== 'main-menu->main-menu');
  const menuEnds = menuPaths.map((p) => { const e = p.getPointAtLength(p.getTotalLength()); return Math.round(e.x) + ',' + Math.round(e.y); });
  return { svg: r(svg.getBoundingClientRect()), container: r(scroll.getBoundingClientRect()), scrollOverflow: scroll.scrollWidth - scroll.clientWidth, nodes, labels, menuEnds, menuEdges: menuPaths.length };
})()`;

const MEASURE_CALENDAR = `(() => {
  const timeline = document.querySelector('[data-testid=calendar-timeline]');
  const panel = timeline.closest('.panel');
  const style = getComputedStyle(panel);
  const inner = panel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const names = [...timeline.querySelectorAll('[data-program] .timeline-name')].map((n) => ({ text: n.textContent, title: n.getAttribute('title'), cut: n.scrollWidth > n.clientWidth + 1 || n.scrollHeight > n.clientHeight + 1 }));
  return { width: timeline.getBoundingClientRect().width, panelInner: inner, windowWidth: window.innerWidth, names };
})()`;

const inside = (inner: Rect, outer: Rect, slack = 0.5) =>
  inner.x >= outer.x - slack &&
  inner.y >= outer.y - slack &&
  inner.x + inner.width <= outer.x + outer.width + slack &&
  inner.y + inner.height <= outer.y + outer.height + slack;
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe.skipIf(!hasChromium)('supervisor screens at 1440 px', () => {
  let scenario: Scenario;
  let center: Center;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    scenario = await startScenario({ companies: 30, width: 1440, height: 900 });
    ({ center, browser } = scenario);
    page = await browser.context.newPage();
    await loginAs(page, center.consoleUrl!, 'supervisor', DEMO_PASSWORD, STEP_MS);
  }, 180_000);

  afterAll(() => scenario?.close(), 60_000);

  it('the IVR flow diagram fits the page and clips nothing', async () => {
    await page.getByRole('button', { name: 'ARS 흐름' }).click();
    await page.getByTestId('ivr-diagram').waitFor({ timeout: STEP_MS });
    await shot(page, 'sup-1-ivr-fit');
    const m = (await page.evaluate(MEASURE_DIAGRAM)) as DiagramMeasure;

    // Fitted: the drawing is no wider than its panel and nothing scrolls sideways.
    expect(m.svg.x + m.svg.width).toBeLessThanOrEqual(m.container.x + m.container.width + 0.5);
    expect(m.svg.x + m.svg.width).toBeLessThanOrEqual(1440);
    expect(m.scrollOverflow).toBeLessThanOrEqual(0);

    // Every box holds its text; a line only ever stops between words.
    expect(m.nodes.length).toBeGreaterThan(20);
    for (const node of m.nodes) {
      for (const t of node.texts) {
        expect(inside(t.box, node.box), `${node.id}: "${t.text}" leaves its box`).toBe(true);
        expect(t.text, `${node.id}: "${t.text}" is cut inside a word`).not.toMatch(/\\S…$/u);
      }
    }
    // Edge labels are whole, inside their own box, clear of every node and of each other.
    for (const [i, l] of m.labels.entries()) {
      expect(l.text).not.toContain('…');
      expect(inside(l.textBox, l.box), `label "${l.text}" (${l.edge}) is wider than its box`).toBe(true);
      for (const n of m.nodes)
        expect(overlap(l.box, n.box), `label "${l.text}" (${l.edge}) on node ${n.id}`).toBe(false);
      for (const other of m.labels.slice(i + 1))
        expect(overlap(l.box, other.box), `labels "${l.text}" and "${other.text}"`).toBe(false);
    }
    expect(m.labels.map((l) => l.text)).toContain('call startup');
    // The main menu's keys fan out: no two of its edges end at the same point.
    expect(m.menuEdges).toBeGreaterThanOrEqual(8);
    expect(new Set(m.menuEnds).size).toBe(m.menuEdges);

    // Actual size scrolls instead of shrinking; back to fit.
    await page.getByTestId('diagram-zoom').click();
    await page.locator('[data-testid=ivr-diagram][data-fit=none]').waitFor({ timeout: STEP_MS });
    await shot(page, 'sup-2-ivr-actual');
    await page.getByTestId('diagram-zoom').click();
    expect(await accessibilityFindings(page)).toEqual([]);
  });

  it('the policy calendar spans the panel and shows long program names whole', async () => {
    await page.getByRole('button', { name: '정책 달력' }).click();
    await page.getByTestId('calendar-timeline').waitFor({ timeout: STEP_MS });
    await page.locator('[data-testid=calendar-timeline] [data-program]').first().waitFor({ timeout: STEP_MS });
    await shot(page, 'sup-3-calendar');
    const m = (await page.evaluate(MEASURE_CALENDAR)) as {
      width: number;
      panelInner: number;
      windowWidth: number;
      names: Array<{ text: string; title: string; cut: boolean }>;
    };
    expect(m.windowWidth).toBe(1440);
    expect(m.width).toBeGreaterThanOrEqual(m.panelInner - 2);
    expect(m.panelInner).toBeGreaterThan(1200);
    expect(m.names.length).toBeGreaterThan(0);
    for (const n of m.names) {
      expect(n.cut, `"${n.text}" is cut`).toBe(false);
      expect(n.text).not.toContain('…');
      expect(n.title).toBe(n.text);
    }
    expect(await accessibilityFindings(page)).toEqual([]);
  });
});
