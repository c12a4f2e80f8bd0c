import type { ProgramDto } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { calendarRange, calendarSmsText, calendarWeeks, programsSmsText } from '../../src/domain/calendar';

const p = (id: string, opensOn: string, announcedOn: string | null = '2025-03-01'): ProgramDto => ({
  id,
  code: id,
  name: `사업${id}`,
  agency: 'A',
  level: 'central',
  category: 'finance',
  description: '',
  url: null,
  eligibleRegions: null,
  eligibleSizes: null,
  eligibleKsic: null,
  minAgeYears: null,
  maxAgeYears: null,
  maxAmount: null,
  announcedOn,
  opensOn,
  closesOn: '2025-12-31',
});

describe('policy calendar', () => {
  it('weeks start on the Monday on or before `from`', () => {
    expect(calendarRange('2025-03-14', 2)).toEqual({ start: '2025-03-10', end: '2025-03-24' }); // Friday → Monday
    expect(calendarRange('2025-03-10', 1)).toEqual({ start: '2025-03-10', end: '2025-03-17' }); // Monday stays
    expect(calendarRange('2025-03-16', 1)).toEqual({ start: '2025-03-10', end: '2025-03-17' }); // Sunday → previous Monday
  });

  it('groups programs by the week they open, drops those outside', () => {
    const weeks = calendarWeeks('2025-03-14', 3, [
      p('a', '2025-03-12'),
      p('b', '2025-03-24'),
      p('c', '2025-03-17'),
      p('d', '2025-03-31'),
      p('e', '2025-03-09'),
    ]);
    expect(weeks.map((w) => [w.weekStart, w.programs.map((x) => x.id)])).toEqual([
      ['2025-03-10', ['a']],
      ['2025-03-17', ['c']],
      ['2025-03-24', ['b']],
    ]);
  });

  it('SMS texts list programs, unannounced ones marked', () => {
    const weeks = calendarWeeks('2025-03-14', 2, [p('a', '2025-03-12'), p('c', '2025-03-17', null)]);
    expect(calendarSmsText(weeks)).toBe('[1357 중소기업 지원사업 일정]\n03/12 사업a\n03/17 사업c(예정)\n문의 1357');
    expect(calendarSmsText([])).toContain('없습니다');
    expect(programsSmsText([{ ...p('a', '2025-03-12'), url: 'https://x' }])).toBe(
      '[1357 상담 안내 지원사업]\n- 사업a (2025-03-12~2025-12-31) https://x\n문의 1357',
    );
  });
});
