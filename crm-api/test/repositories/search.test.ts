import { describe, expect, it } from 'vitest';
import { FUZZY_THRESHOLD, fuzzyThreshold, oneEditRanges, searchKey } from '../../src/repositories/search';

/** pg_trgm's similarity of two single-word strings, the way it counts (padded, as sets). */
function trigramSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const c = ['  ', ...s, ' '].join('');
    const chars = [...c];
    return new Set(chars.slice(0, -2).map((_, i) => chars.slice(i, i + 3).join('')));
  };
  const [x, y] = [grams(a), grams(b)];
  const shared = [...x].filter((g) => y.has(g)).length;
  return shared / (x.size + y.size - shared);
}

describe('fuzzyThreshold', () => {
  it('is the similarity one wrong inner character leaves, between 0.4 and 0.6', () => {
    expect([4, 5, 6, 7, 8, 10, 11, 16].map(fuzzyThreshold)).toEqual([0.4, 0.4, 0.4, 0.45, 0.5, 0.57, 0.6, 0.6]);
  });

  it('lets every single typo of a key of 6+ distinct characters through', () => {
    const key = '가나다라마바사아자차카타';
    for (let n = 6; n <= key.length; n++) {
      const k = [...key].slice(0, n);
      const t = fuzzyThreshold(n);
      for (let i = 0; i < n; i++) {
        const wrong = [...k.slice(0, i), '읏', ...k.slice(i + 1)].join('');
        const missing = [...k.slice(0, i), ...k.slice(i + 1)].join('');
        const extra = [...k.slice(0, i), '읏', ...k.slice(i)].join('');
        for (const name of [wrong, missing, extra])
          expect(trigramSimilarity(k.join(''), name), `${k.join('')} ~ ${name}`).toBeGreaterThanOrEqual(t);
      }
    }
  });

  it('cannot reach the floor for a wrong inner character of a 5-character key (why short keys look one edit away)', () => {
    expect(trigramSimilarity('가나다라마', '가나읏라마')).toBeLessThan(FUZZY_THRESHOLD);
  });
});

describe('oneEditRanges', () => {
  const inRange = (s: string, [lo, hi]: [string, string]) =>
    Buffer.compare(Buffer.from(s), Buffer.from(lo)) >= 0 && Buffer.compare(Buffer.from(s), Buffer.from(hi)) < 0;
  const covers = (key: string, name: string) => {
    const r = oneEditRanges(key);
    return (
      r.lengths.includes([...name].length) &&
      (inRange(name, r.start) || inRange([...name].reverse().join(''), r.reversedEnd))
    );
  };

  it('covers every name one wrong, missing or extra character away', () => {
    for (const key of ['가나다라', '가나다라마']) {
      const k = [...key];
      for (let i = 0; i <= k.length; i++) {
        if (i < k.length) expect(covers(key, [...k.slice(0, i), '읏', ...k.slice(i + 1)].join(''))).toBe(true);
        if (i < k.length) expect(covers(key, [...k.slice(0, i), ...k.slice(i + 1)].join(''))).toBe(true);
        expect(covers(key, [...k.slice(0, i), '읏', ...k.slice(i)].join(''))).toBe(true);
      }
    }
  });

  it('leaves out names changed in both halves or of another length', () => {
    expect(covers('가나다라', '읏나다읏')).toBe(false);
    expect(covers('가나다라', '가나다라마바')).toBe(false);
    expect(oneEditRanges('가나다라마')).toEqual({
      lengths: [4, 5, 6],
      start: ['가나', '가낙'],
      reversedEnd: ['마라다', '마라닥'],
    });
  });
});

describe('searchKey', () => {
  it('drops the legal form and spaces and lower-cases, like the search_name column', () => {
    expect(searchKey('(주) 한빛 Tech')).toBe('한빛tech');
    expect(searchKey('주식회사 대성㈜')).toBe('대성');
  });
});
