import { describe, expect, it } from 'vitest';
import { admission, admissionEnabled } from '../../src/core/admission';

describe('admission', () => {
  const rows: [string, number, number, { maxQueueDepth?: number; maxWaitSeconds?: number }, string][] = [
    ['no limits: always admitted', 10_000, 99_999, {}, 'admit'],
    ['below the depth', 49, 0, { maxQueueDepth: 50 }, 'admit'],
    ['at the depth: the next caller is refused', 50, 0, { maxQueueDepth: 50 }, 'depth'],
    ['wait at the limit is still admitted', 0, 300, { maxWaitSeconds: 300 }, 'admit'],
    ['wait above the limit', 0, 301, { maxWaitSeconds: 300 }, 'wait'],
    ['depth is checked first', 60, 999, { maxQueueDepth: 50, maxWaitSeconds: 300 }, 'depth'],
  ];
  it.each(rows)('%s', (_name, waiting, estimatedWaitSeconds, limits, expected) => {
    const decision = admission({ waiting, estimatedWaitSeconds }, limits);
    expect(decision.admit ? 'admit' : decision.reason).toBe(expected);
  });

  it('is enabled only when a limit is set', () => {
    expect(admissionEnabled({})).toBe(false);
    expect(admissionEnabled({ maxQueueDepth: 10 })).toBe(true);
    expect(admissionEnabled({ maxWaitSeconds: 60 })).toBe(true);
  });
});
