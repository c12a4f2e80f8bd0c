import type { ReviewCriterionDto } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { checkCriterion, criterionBody, movedOrder, nextSortOrder, splitCriteria } from './criteria-model';

const c = (id: string, label: string, sortOrder: number, active = true, maxScore = 5): ReviewCriterionDto => ({
  id,
  label,
  maxScore,
  active,
  sortOrder,
});
const all = [c('1', '인사', 1), c('2', '문의 파악', 2), c('3', '옛 항목', 3, false), c('4', '친절도', 4)];

describe('review criteria editing', () => {
  it('checks a label (trimmed, 1–100, not another’s) and a whole maximum 1–100, as crm-api does', () => {
    expect(checkCriterion({ label: ' 마무리 ', maxScore: '10' }, all, null)).toEqual({
      ok: true,
      value: { label: '마무리', maxScore: 10 },
    });
    // Its own name is not "taken".
    expect(checkCriterion({ label: '인사', maxScore: '5' }, all, '1').ok).toBe(true);
    const errors = (label: string, maxScore: string, self: string | null = null) => {
      const r = checkCriterion({ label, maxScore }, all, self);
      return r.ok ? {} : r.errors;
    };
    expect(errors('  ', '5')).toEqual({ label: 'recordings.criteria.labelRequired' });
    expect(errors('가'.repeat(101), '5')).toEqual({ label: 'recordings.criteria.labelTooLong' });
    expect(errors('인사', '5', '2')).toEqual({ label: 'recordings.criteria.labelTaken' });
    // A retired criterion's name is taken too (the table's names are unique).
    expect(errors('옛 항목', '5')).toEqual({ label: 'recordings.criteria.labelTaken' });
    for (const bad of ['0', '101', '2.5', '', '-3', '1e2', 'abc'])
      expect(errors('새 항목', bad), bad).toEqual({ maxScore: 'recordings.criteria.maxScoreRange' });
    expect(errors('', '0')).toEqual({
      label: 'recordings.criteria.labelRequired',
      maxScore: 'recordings.criteria.maxScoreRange',
    });
  });

  it('orders active criteria first by their sort order, retired ones after', () => {
    const shuffled = [all[3]!, all[2]!, all[0]!, all[1]!];
    const { active, retired } = splitCriteria(shuffled);
    expect(active.map((x) => x.id)).toEqual(['1', '2', '4']);
    expect(retired.map((x) => x.id)).toEqual(['3']);
  });

  it('moves one criterion a place up or down among the active ones; every id is sent, retired ones last', () => {
    expect(movedOrder(all, '2', 1)).toEqual(['1', '4', '2', '3']);
    expect(movedOrder(all, '2', -1)).toEqual(['2', '1', '4', '3']);
    expect(movedOrder(all, '1', -1)).toBeNull();
    expect(movedOrder(all, '4', 1)).toBeNull();
    expect(movedOrder(all, '3', -1)).toBeNull(); // retired: not in the review order
    expect(movedOrder(all, '99', 1)).toBeNull();
  });

  it('sends the whole criterion with the change; a new one goes last', () => {
    expect(criterionBody(all[1]!, { label: '문의 이해', maxScore: 10 })).toEqual({
      label: '문의 이해',
      maxScore: 10,
      active: true,
      sortOrder: 2,
    });
    expect(criterionBody(all[0]!, { active: false })).toMatchObject({ label: '인사', active: false, sortOrder: 1 });
    expect(nextSortOrder(all)).toBe(5);
    expect(nextSortOrder([])).toBe(1);
    expect(nextSortOrder([c('9', 'x', 1000)])).toBe(1000);
  });
});
