import { describe, expect, it } from 'vitest';
import { MIN_SIMILAR_COMPANIES, pickSimilarGroup, type SimilarGroup } from '../../src/domain/similar';

const group = (basis: SimilarGroup['basis'], companies: number): SimilarGroup => ({
  basis,
  companies,
  uptake: new Map(),
});

describe('pickSimilarGroup', () => {
  it.each([
    [
      'the narrow cohort when it is big enough',
      [group('cohort', 40), group('sectorSize', 90), group('sector', 300)],
      'cohort',
    ],
    [
      'a one-company cohort climbs to section and size',
      [group('cohort', 1), group('sectorSize', 25), group('sector', 80)],
      'sectorSize',
    ],
    ['then to the section', [group('cohort', 1), group('sectorSize', 4), group('sector', 30)], 'sector'],
    ['all small: the biggest there is', [group('cohort', 1), group('sectorSize', 9), group('sector', 9)], 'sectorSize'],
    ['all empty: none', [group('cohort', 0), group('sectorSize', 0), group('sector', 0)], null],
  ] as const)('%s', (_what, groups, basis) => {
    expect(pickSimilarGroup(groups)?.basis ?? null).toBe(basis);
  });

  it('the threshold is the documented one', () => {
    expect(
      pickSimilarGroup([group('cohort', MIN_SIMILAR_COMPANIES - 1), group('sector', MIN_SIMILAR_COMPANIES)])?.basis,
    ).toBe('sector');
  });
});
