import { describe, expect, it } from 'vitest';
import { consoleI18n } from '../../../test/render';
import { recommendation } from '../../../test/factories';
import { recommendationReason } from './recommendation-reason';

const ui = consoleI18n();

describe("recommendation reasons in the console's language (item 11)", () => {
  const base = recommendation();
  const r = {
    ...base,
    cohortCompanies: 124,
    cohortRecipients: 47,
    share: 47 / 124,
    basis: 'sectorSize' as const,
    sector: 'C',
    sizeClass: '소기업',
    program: { ...base.program, closesOn: '2025-04-30', level: 'central' as const },
  };

  it('Korean: the same sentence crm-api writes', () => {
    expect(recommendationReason({ ...r, window: 'open' }, ui.i18n.getFixedT('ko'), 'ko')).toBe(
      '같은 업종(C 제조업)·규모(소기업) 기업 124곳 중 38%가 수혜 · 신청 중 · 마감 2025-04-30',
    );
  });

  it('English: translated, group named, counts and dates kept', () => {
    const en = ui.i18n.getFixedT('en');
    expect(recommendationReason({ ...r, window: 'open' }, en, 'en')).toBe(
      '38% of 124 companies of the same sector (C Manufacturing) and size (small) received it · Open · closes 2025-04-30',
    );
    expect(
      recommendationReason(
        {
          ...r,
          basis: 'none',
          cohortCompanies: 0,
          cohortRecipients: 0,
          share: 0,
          window: 'soon',
          program: { ...r.program, opensOn: '2025-05-01', announcedOn: null, level: 'local' },
        },
        en,
        'en',
      ),
    ).toBe(
      'Eligible (no similar companies to compare with) · Opens 2025-05-01 (not yet announced) · Local government program',
    );
  });

  it('an older server without the fields keeps its own sentence', () => {
    expect(recommendationReason({ ...base, reason: '서버 문장' }, ui.i18n.getFixedT('en'), 'en')).toBe('서버 문장');
  });
});
