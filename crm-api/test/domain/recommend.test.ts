import type { ProgramDto } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import {
  companyAgeYears,
  ineligibility,
  recommendPrograms,
  windowOf,
  type CompanyProfile,
} from '../../src/domain/recommend';
import { PLAIN_PROGRAM } from '../support/programFields';

const TODAY = '2025-03-14';
const company: CompanyProfile = { region: '서울특별시', sizeClass: '소기업', ksicCode: 'C26', foundedOn: '2020-06-01' };

function program(id: string, over: Partial<ProgramDto> = {}): ProgramDto {
  return {
    id,
    code: `P-${id}`,
    name: `사업 ${id}`,
    ...PLAIN_PROGRAM,
    ...over,
  };
}

describe('eligibility', () => {
  it.each([
    [{ eligibleRegions: ['경기도'] }, '지역'],
    [{ eligibleRegions: ['서울특별시', '경기도'] }, null],
    [{ eligibleSizes: ['소상공인'] }, '규모'],
    [{ eligibleKsic: ['J'] }, '업종'],
    [{ eligibleKsic: ['C'] }, null],
    [{ eligibleKsic: ['C2'] }, null],
    [{ eligibleKsic: ['C25', 'C29'] }, '업종'],
    [{ minAgeYears: 7 }, '업력'],
    [{ maxAgeYears: 3 }, '업력'],
    [{ maxAgeYears: 4 }, null],
  ] as const)('%o → %s', (over, why) => {
    expect(ineligibility(program('1', over as Partial<ProgramDto>), company, TODAY)).toBe(why);
  });

  it('age in whole years', () => {
    expect(companyAgeYears('2020-06-01', '2025-03-14')).toBe(4);
    expect(companyAgeYears('2020-03-14', '2025-03-14')).toBe(5);
    expect(companyAgeYears('2020-03-15', '2025-03-14')).toBe(4);
  });

  it.each([
    [{ opensOn: '2025-03-01', closesOn: '2025-03-14' }, 'open'],
    [{ opensOn: '2025-03-15', closesOn: '2025-04-14' }, 'soon'],
    [{ opensOn: '2025-05-13', closesOn: '2025-06-14' }, 'soon'],
    [{ opensOn: '2025-05-14', closesOn: '2025-06-14' }, null],
    [{ opensOn: '2025-01-01', closesOn: '2025-03-13' }, null],
  ] as const)('window %o → %s', (over, w) => {
    expect(windowOf(program('1', over), TODAY)).toBe(w);
  });
});

describe('recommendPrograms', () => {
  const programs = [
    program('1'), // open, 38% uptake
    program('2', { opensOn: '2025-04-01', closesOn: '2025-04-30', announcedOn: null }), // soon, 10%
    program('3', { eligibleRegions: ['부산광역시'] }), // not eligible
    program('4'), // already has
    program('5', { level: 'local' }), // open, 0 uptake
    program('6', { opensOn: '2024-01-01', closesOn: '2024-12-31' }), // closed
  ];
  const uptake = new Map([
    ['1', 47],
    ['2', 12],
    ['3', 90],
    ['4', 80],
  ]);

  it('ranks eligible open/soon programs by cohort uptake, excludes what it has, ineligible and closed, with reasons', () => {
    const out = recommendPrograms({
      company,
      today: TODAY,
      programs,
      alreadyHas: new Set(['4']),
      cohortCompanies: 124,
      uptake,
    });
    expect(out.map((r) => r.program.id)).toEqual(['1', '2', '5']);
    expect(out[0]).toMatchObject({ window: 'open', cohortRecipients: 47, cohortCompanies: 124 });
    expect(out[0]!.reason).toBe('유사 기업 124곳 중 38%가 수혜 · 신청 중 · 마감 2025-04-30');
    expect(out[1]!.reason).toBe('유사 기업 124곳 중 10%가 수혜 · 2025-04-01 접수 시작 예정(공고 전)');
    expect(out[2]!.reason).toBe(
      '지원 자격 충족 (유사 기업 124곳 중 수혜 사례 없음) · 신청 중 · 마감 2025-04-30 · 지자체 사업',
    );
  });

  it('limits the list and survives an empty cohort', () => {
    const out = recommendPrograms({
      company,
      today: TODAY,
      programs,
      alreadyHas: new Set(),
      cohortCompanies: 0,
      uptake: new Map(),
      limit: 2,
    });
    expect(out).toHaveLength(2);
    expect(out.every((r) => r.share === 0 && r.basis === 'none')).toBe(true);
    expect(out[0]!.reason).toMatch(/^지원 자격 충족 \(비교할 유사 기업 없음\) · /);
  });

  it.each([
    ['cohort', '같은 업종·규모·지역·업력 기업 124곳 중 38%가 수혜'],
    ['sectorSize', '같은 업종(C 제조업)·규모(소기업) 기업 124곳 중 38%가 수혜'],
    ['sector', '같은 업종(C 제조업) 기업 124곳 중 38%가 수혜'],
  ] as const)('the reason names the group compared with: %s', (basis, reason) => {
    const out = recommendPrograms({
      company,
      today: TODAY,
      programs,
      alreadyHas: new Set(['4']),
      cohortCompanies: 124,
      uptake,
      basis,
    });
    expect(out[0]!.reason).toBe(`${reason} · 신청 중 · 마감 2025-04-30`);
    expect(out[0]!.basis).toBe(basis);
  });

  it('equal uptake: the one closing sooner comes first', () => {
    const a = program('a', { closesOn: '2025-04-30' });
    const b = program('b', { closesOn: '2025-03-20' });
    const out = recommendPrograms({
      company,
      today: TODAY,
      programs: [a, b],
      alreadyHas: new Set(),
      cohortCompanies: 10,
      uptake: new Map([
        ['a', 3],
        ['b', 3],
      ]),
    });
    expect(out.map((r) => r.program.id)).toEqual(['b', 'a']);
  });
});
