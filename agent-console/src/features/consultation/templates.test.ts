import { CATEGORY_CODES } from '@cc1357/contracts';
import { describe, expect, it } from 'vitest';
import { insertTemplate, SUMMARY_TEMPLATES } from './templates';

describe('summary templates', () => {
  it.each([
    ['', 'finance', SUMMARY_TEMPLATES.finance],
    ['고객 문의', 'startup', `고객 문의\n${SUMMARY_TEMPLATES.startup}`],
    ['고객 문의\n\n', 'export', `고객 문의\n${SUMMARY_TEMPLATES.export}`],
    [SUMMARY_TEMPLATES.tech, 'tech', SUMMARY_TEMPLATES.tech],
  ] as const)('%j + %s template', (summary, category, expected) =>
    expect(insertTemplate(summary, category)).toBe(expected),
  );

  it('every category has a template', () => {
    for (const category of CATEGORY_CODES) expect(SUMMARY_TEMPLATES[category]).toContain('[다음]');
  });
});
