import { describe, expect, it } from 'vitest';
import { ivrFlowSet } from '../../../test/factories';
import { flowSetView, isKeyLabel, orderedNodes } from './flow-model';

const set = ivrFlowSet();

describe('flow model', () => {
  it('entry flow first, short version, not rejected when there are no problems', () => {
    const view = flowSetView(set);
    expect(view.flows.map((f) => f.id)).toEqual(['main', 'startup']);
    expect(view).toMatchObject({ version: '3f9a2c7b', rejected: false, rejectedAt: null });
  });

  it('a rejected edit is flagged with its time and problems', () => {
    const view = flowSetView({
      ...set,
      problems: [{ file: 'main.yaml', line: 12, message: 'unknown node fund-wiat' }],
      rejectedVersion: { at: '2026-03-03T01:00:00.000Z', version: null },
    });
    expect(view).toMatchObject({ rejected: true, rejectedAt: '2026-03-03T01:00:00.000Z' });
    expect(view.problems[0]?.line).toBe(12);
  });

  it('a flow starts at its entry node', () => {
    expect(orderedNodes(set.flows[1]!).map((n) => n.id)).toEqual(['notice', 'main-menu']);
  });

  it.each([
    ['1', true],
    ['#', true],
    ['next', false],
    ['10', false],
  ])('%s is a key: %s', (label, key) => expect(isKeyLabel(label)).toBe(key));
});
