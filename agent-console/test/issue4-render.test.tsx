import type { IvrFlowSetV1 } from '@cc1357/contracts';
import type { i18n as I18n } from 'i18next';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionById, actionForKey, runAction } from '../src/actions';
import { createApiClient, type StorageLike } from '../src/api';
import { ConsultationForm } from '../src/features/consultation/ConsultationForm';
import { draftKey, persistDraft } from '../src/features/consultation/draft-store';
import { emptyDraft } from '../src/features/consultation/draft';
import { FlowDiagram } from '../src/features/ivr-flows/FlowDiagram';
import { layoutFlow, NODE_H, NODE_W } from '../src/features/ivr-flows/flow-layout';
import { SmsComposer } from '../src/features/sms/SmsComposer';
import { setupI18n } from '../src/i18n';
import { recommendation } from './factories';

let i18n: I18n;
beforeAll(async () => {
  i18n = await setupI18n(null);
});
const html = (element: ReactElement) => renderToStaticMarkup(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
// Never reached during static rendering (effects do not run), but typed like the real one.
const api = createApiClient({ baseUrl: 'http://127.0.0.1:9', fetch: () => Promise.reject(new Error('offline')) });

type Flow = IvrFlowSetV1['flows'][number];
const node = (id: string, edges: Array<[string, string]>, text = '') => ({ id, type: edges.length > 1 ? 'menu' : 'play', prompts: text ? [{ id, text }] : [], edges: edges.map(([label, to]) => ({ label, to })), detail: {} });
const flow: Flow = {
  id: 'main',
  entry: 'notice',
  nodes: [
    node('menu', [['1', 'fund'], ['2', 'startup-entry'], ['onFail', 'menu'], ['9', 'agent']], '정책자금은 1번, 창업은 2번을 누르세요'),
    node('notice', [['next', 'menu']], '이 통화는 녹음됩니다'),
    node('fund', [['next', 'agent']]),
    node('agent', []),
    node('orphan', []),
  ],
};

describe('IVR flow layout', () => {
  const layout = layoutFlow(flow);
  const at = (id: string) => layout.nodes.find((n) => n.id === id)!;

  it('layers by distance from the entry; other flows\' nodes are external leaves; unreachable nodes go last', () => {
    expect(Object.fromEntries(layout.nodes.map((n) => [n.id, n.layer]))).toEqual({ notice: 0, menu: 1, fund: 2, 'startup-entry': 2, agent: 2, orphan: 3 });
    expect(at('startup-entry').external).toBe(true);
    expect(at('menu').external).toBe(false);
  });

  it('reads left to right by layer, keeps key order top to bottom and marks loops as back edges', () => {
    expect(at('notice').x).toBeLessThan(at('menu').x);
    expect(at('menu').x).toBeLessThan(at('fund').x);
    expect(at('fund').y).toBeLessThan(at('startup-entry').y);
    expect(at('startup-entry').y).toBeLessThan(at('agent').y);
    expect(at('menu').y).toBe(at('notice').y); // level with its parent
    expect(layout.edges.find((e) => e.label === 'onFail')).toMatchObject({ from: 'menu', to: 'menu', back: true });
    expect(layout.edges.find((e) => e.label === 'next' && e.from === 'fund')).toMatchObject({ to: 'agent', back: true });
    expect(layout.edges.find((e) => e.label === '1')?.back).toBe(false);
  });

  it('no two boxes overlap and everything fits the canvas', () => {
    for (const a of layout.nodes) {
      expect(a.x).toBeGreaterThanOrEqual(0);
      expect(a.y + NODE_H).toBeLessThanOrEqual(layout.height);
      expect(a.x + NODE_W).toBeLessThanOrEqual(layout.width);
      for (const b of layout.nodes) if (a !== b && a.layer === b.layer) expect(Math.abs(a.y - b.y)).toBeGreaterThanOrEqual(NODE_H);
    }
  });

  it('draws a box per node with type and prompt, digits on the arrows, drop-outs marked', () => {
    const out = html(<FlowDiagram flow={flow} dropouts={new Map([['menu', 3]])} />);
    expect(out.match(/data-diagram-node=/g)).toHaveLength(6);
    expect(out).toContain('menu · menu');
    expect(out).toContain('정책자금은 1번, 창업은');
    expect(out).toContain('data-edge="menu-&gt;fund"');
    expect(out).toContain('이탈 3');
    expect(out).toContain('aria-hidden="true"'); // the table is the accessible form
  });
});

describe('consultation form drafts', () => {
  function storageWith(entries: Record<string, string> = {}): StorageLike {
    const map = new Map(Object.entries(entries));
    return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
  }
  const link = { callId: null, companyId: null, callerNumber: null };

  it('a stored draft for this user and call comes back with a notice', () => {
    const storage = storageWith();
    persistDraft(storage, draftKey('7', null), { ...emptyDraft('consult-abcdefgh'), category: 'export', summary: '수출바우처 문의 내용' }, Date.parse('2026-03-03T01:02:00Z'));
    const out = html(<ConsultationForm api={api} link={link} userId="7" registerSubmit={() => undefined} storage={storage} onClose={() => undefined} />);
    expect(out).toContain('data-testid="draft-restored"');
    expect(out).toContain('2026-03-03 10:02');
    expect(out).toContain('수출바우처 문의 내용');
    expect(out).toContain('상담 기록 (통화 없음)');
  });

  it('another user\'s draft is not shown', () => {
    const storage = storageWith();
    persistDraft(storage, draftKey('8', null), { ...emptyDraft('consult-abcdefgh'), summary: '남의 초안' }, 0);
    const out = html(<ConsultationForm api={api} link={link} userId="7" registerSubmit={() => undefined} storage={storage} />);
    expect(out).not.toContain('남의 초안');
    expect(out).not.toContain('draft-restored');
  });

  it('F7 inserts the template through the registered action, only when a form is there', async () => {
    const action = actionById('insertTemplate');
    expect(actionForKey({ key: 'F7' })?.id).toBe('insertTemplate');
    let inserted = 0;
    const ctx = { desk: { agent: null, call: null, pending: null, error: null, notice: null }, notReadyReason: 'break' as const, commands: {} as never, submitConsultation: null };
    expect(await runAction(action, { ...ctx, insertTemplate: null })).toBe(false);
    expect(await runAction(action, { ...ctx, insertTemplate: () => void inserted++ })).toBe(true);
    expect(inserted).toBe(1);
  });
});

describe('SMS composer', () => {
  it('offers the recommended programs with their reasons; a landline cannot be texted', () => {
    const out = html(<SmsComposer api={api} number="01012345678" recommendations={[recommendation()]} idPrefix="t" />);
    expect(out).toContain('혁신성장지원자금');
    expect(out).toContain('유사 기업 124곳 중 38%가 수혜');
    expect(out).not.toContain('sms-not-mobile');
    const landline = html(<SmsComposer api={api} number="0212345678" idPrefix="t" />);
    expect(landline).toContain('data-testid="sms-not-mobile"');
    expect(landline).toMatch(/data-testid="sms-send"[^>]*disabled|disabled[^>]*data-testid="sms-send"/);
  });
});
