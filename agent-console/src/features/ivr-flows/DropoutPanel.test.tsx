import { describe, expect, it } from 'vitest';
import { ivrDropoutReport } from '../../../test/factories';
import { dropoutRate, dropoutsByNode } from './flow-model';

const report = ivrDropoutReport();

describe('drop-out numbers', () => {
  it('per node and as a rate', () => {
    expect([...dropoutsByNode(report)]).toEqual([
      ['main-menu', 4],
      ['notice', 1],
    ]);
    expect(dropoutsByNode(null).size).toBe(0);
    expect(dropoutRate(report)).toBe(0.25);
    expect(dropoutRate({ ...report, enteredIvr: 0, leftInIvr: 0 })).toBeNull();
  });
});
