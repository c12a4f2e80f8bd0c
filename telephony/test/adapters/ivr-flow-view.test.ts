import { IvrFlowSetV1 } from '@cc1357/contracts';
import { defaultFlowsDir, loadFlowSetOrThrow } from '@cc1357/ivr-flows';
import { describe, expect, it } from 'vitest';
import { flowSetView } from '../../src/adapters/ivr-flow-view';

describe('flowSetView (the ivr.flowSet.v1 payload)', () => {
  it('describes every node of the shipped set with prompts and edges, valid against contracts', async () => {
    const set = await loadFlowSetOrThrow(defaultFlowsDir);
    const view = IvrFlowSetV1.parse(flowSetView(set, new Date('2026-12-01T01:00:00Z')));
    expect(view).toMatchObject({
      version: set.version,
      entryFlow: 'main',
      loadedAt: '2026-12-01T01:00:00.000Z',
      problems: [],
    });
    expect(view.rejectedVersion).toBeUndefined();
    expect(view.flows.map((f) => f.id).sort()).toEqual(Object.keys(set.flows).sort());
    const main = view.flows.find((f) => f.id === 'main')!;
    const menu = main.nodes.find((n) => n.id === 'main-menu')!;
    expect(menu.type).toBe('menu');
    expect(menu.edges).toEqual(
      expect.arrayContaining([
        { label: '1', to: 'fund-wait' },
        { label: '0', to: 'general-known' },
        { label: 'onFail', to: 'general-wait' },
      ]),
    );
    expect(menu.prompts).toEqual(
      expect.arrayContaining([
        { id: 'main-menu', text: expect.stringContaining('정책자금') },
        { id: 'invalid-choice', text: '잘못 누르셨습니다.' },
      ]),
    );
    expect(main.nodes.find((n) => n.id === 'hours')).toMatchObject({
      type: 'condition',
      edges: [
        { label: 'then', to: 'main-menu' },
        { label: 'else', to: 'closed' },
      ],
      detail: { check: 'businessHours' },
    });
    expect(main.nodes.find((n) => n.id === 'export')).toMatchObject({
      type: 'subflow',
      edges: [{ label: 'call export', to: 'export-menu' }],
      detail: { flow: 'export' },
    });
    const fta = view.flows.find((f) => f.id === 'export')!.nodes.find((n) => n.id === 'fta-transfer')!;
    expect(fta).toMatchObject({ type: 'transfer', edges: [], detail: { partner: 'fta1380' } });
  });

  it('keeps the version in force and carries the problems of a rejected edit', async () => {
    const set = await loadFlowSetOrThrow(defaultFlowsDir);
    const problems = [{ file: 'main.yaml', line: 12, message: 'unknown target "nowhere"' }];
    const view = flowSetView(set, new Date('2026-12-01T01:00:00Z'), problems, {
      at: new Date('2026-12-01T02:00:00Z'),
      version: 'abc123',
    });
    expect(view).toMatchObject({
      version: set.version,
      problems,
      rejectedVersion: { at: '2026-12-01T02:00:00.000Z', version: 'abc123' },
    });
  });
});
