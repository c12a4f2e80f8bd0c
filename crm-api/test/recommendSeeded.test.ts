import { RecommendationList } from '@cc1357/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seed } from '../src/seed/seed';
import { call, startTestCrm, type TestCrm } from './support/server';

/**
 * The demo data's recommendations (issue 11 item 4): 200 seeded companies spread over so many
 * (KSIC, size, region, age) cohorts that each is the company alone, so every reason read
 * "유사 기업 수혜 사례 없음(신규 추천)". The ranking now climbs to a group big enough to compare with.
 */
describe('recommendations on the seeded demo data', () => {
  let crm: TestCrm;
  let token: string;
  beforeAll(async () => {
    crm = await startTestCrm();
    // The seed's day is the server's (TEST_NOW is 2025-03-14 12:00 KST; the seed anchors at Seoul midnight).
    await seed(crm.database.url, { companies: 200, anchor: new Date('2025-03-13T15:00:00Z') });
    token = (await call(crm, 'POST', '/api/auth/login', { body: { username: 'counselor', password: DEMO_PASSWORD } }))
      .body.token;
  }, 120_000);
  afterAll(() => crm.close());

  it('companies of different sectors get different programs, each with the group it was compared with', async () => {
    // The first company of each of the four biggest KSIC sections.
    const { rows } = await crm.db.query<{ id: string; section: string }>(
      `SELECT DISTINCT ON (section) id::text AS id, section FROM (
         SELECT id, substr(ksic_code, 1, 1) AS section, count(*) OVER (PARTITION BY substr(ksic_code, 1, 1)) AS n FROM companies) c
        WHERE n >= 20 ORDER BY section, id`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    const lists = new Map<string, string[]>();
    for (const { id, section } of rows) {
      const res = await call(crm, 'GET', `/api/companies/${id}/recommendations`, { token });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const recs = RecommendationList.parse(res.body).recommendations;
      expect(recs.length, section).toBeGreaterThan(0);
      for (const r of recs) {
        expect(r.reason).not.toContain('신규 추천');
        expect(r.basis).not.toBe('none');
        expect(r.cohortCompanies).toBeGreaterThanOrEqual(20);
        expect(r.sector).toBe(section);
      }
      // The best one was taken by some of the group, and the reason names the group.
      expect(recs[0]!.cohortRecipients).toBeGreaterThan(0);
      expect(recs[0]!.reason).toMatch(
        new RegExp(`^같은 업종\\(${section} [^)]+\\)(·규모\\([^)]+\\))? 기업 \\d+곳 중 \\d+%가 수혜`),
      );
      lists.set(
        section,
        recs.map((r) => r.program.code),
      );
    }
    expect(new Set([...lists.values()].map((l) => l.join(','))).size, JSON.stringify([...lists])).toBe(lists.size);
  });
});
