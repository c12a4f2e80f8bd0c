import type pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { companiesByName } from '../src/repositories/search';
import { createPool } from '../src/db/pool';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { makeCompanyWith, regNo } from './support/server';

/** company_names (migration 008): the distinct search names that name search ranks, kept exact by triggers. */
describe('company_names', () => {
  let database: TestDatabase;
  let db: pg.Pool;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPool(database.url, 4);
  });
  afterAll(async () => {
    await db.end();
    await database.drop();
  });
  beforeEach(async () => {
    await db.query('TRUNCATE companies CASCADE');
  });

  const names = async () =>
    Object.fromEntries(
      (
        await db.query<{ search_name: string; companies: number }>(
          'SELECT search_name, companies FROM company_names ORDER BY search_name',
        )
      ).rows.map((r) => [r.search_name, r.companies]),
    );

  it('counts the companies behind each normalised name through inserts, renames and deletes', async () => {
    const a = await makeCompanyWith(db, 1, { name: '(주)대성산업' });
    await makeCompanyWith(db, 2, { name: '대성 산업' });
    const c = await makeCompanyWith(db, 3, { name: '한빛테크' });
    expect(await names()).toEqual({ 대성산업: 2, 한빛테크: 1 });

    await db.query(`UPDATE companies SET name = '한빛 테크' WHERE id = $1`, [a]);
    expect(await names()).toEqual({ 대성산업: 1, 한빛테크: 2 });
    // An update that does not change the name moves nothing.
    await db.query(`UPDATE companies SET employees = employees + 1`);
    expect(await names()).toEqual({ 대성산업: 1, 한빛테크: 2 });

    await db.query('DELETE FROM companies WHERE id = ANY($1::bigint[])', [[a, c]]);
    expect(await names()).toEqual({ 대성산업: 1 });
  });

  it('handles a multi-row statement that swaps names, and TRUNCATE', async () => {
    const a = await makeCompanyWith(db, 1, { name: '가온전자' });
    const b = await makeCompanyWith(db, 2, { name: '누리식품' });
    await db.query(
      `UPDATE companies SET name = CASE WHEN id = $1 THEN '누리식품' ELSE '가온전자' END WHERE id = ANY($2::bigint[])`,
      [a, [a, b]],
    );
    expect(await names()).toEqual({ 가온전자: 1, 누리식품: 1 });
    await db.query('TRUNCATE companies CASCADE');
    expect(await names()).toEqual({});
  });

  it("follows an upsert that renames (the CSV import's INSERT … ON CONFLICT DO UPDATE)", async () => {
    await makeCompanyWith(db, 40, { name: '새롬정보' });
    const upsert = (name: string) =>
      db.query(
        `INSERT INTO companies (biz_reg_no, name, representative, region, ksic_code, ksic_label, size_class, employees, founded_on)
       VALUES ($1, $2, '홍길동', '서울특별시', 'C26', '업종', '소기업', 3, '2015-01-01')
       ON CONFLICT (biz_reg_no) DO UPDATE SET name = EXCLUDED.name`,
        [regNo(40), name],
      );
    await upsert('새롬정보통신');
    expect(await names()).toEqual({ 새롬정보통신: 1 });
    await upsert('새롬정보통신'); // unchanged: nothing moves
    expect(await names()).toEqual({ 새롬정보통신: 1 });
  });

  it('stays exact under concurrent writers of the same names', async () => {
    // Eight transactions (four connections at a time), each inserting the same two names, in opposite orders.
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.query(
          `INSERT INTO companies (biz_reg_no, name, representative, region, ksic_code, ksic_label, size_class, employees, founded_on)
         SELECT r, n, '홍길동', '서울특별시', 'C26', '업종', '소기업', 3, '2015-01-01' FROM unnest($1::text[], $2::text[]) AS t(r, n)`,
          [[regNo(100 + 2 * i), regNo(101 + 2 * i)], i % 2 ? ['미래정밀', '해솔물산'] : ['해솔물산', '미래정밀']],
        ),
      ),
    );
    expect(await names()).toEqual({ 미래정밀: 8, 해솔물산: 8 });
  });

  it('two writers removing the last two companies of a name at once leave no name behind', async () => {
    const a = await makeCompanyWith(db, 50, { name: '동해수산' });
    const b = await makeCompanyWith(db, 51, { name: '동해수산' });
    const first = await db.connect();
    const second = await db.connect();
    try {
      await first.query('BEGIN');
      await first.query('DELETE FROM companies WHERE id = $1', [a]);
      // The second removal waits on the first's lock on the name's row, then counts from what it left.
      const waiting = second.query('DELETE FROM companies WHERE id = $1', [b]);
      await new Promise((r) => setTimeout(r, 100));
      await first.query('COMMIT');
      await waiting;
    } finally {
      first.release();
      second.release();
    }
    expect(await names()).toEqual({});
  });

  it('name search reads the companies behind the best names: shared names by id, typos after substrings', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++)
      ids.push(await makeCompanyWith(db, 10 + i, { name: '대성정밀', region: i < 2 ? '부산광역시' : '서울특별시' }));
    const longer = await makeCompanyWith(db, 20, { name: '대성정밀공업' });
    const typo = await makeCompanyWith(db, 21, { name: '대성정말' });

    const hits = await companiesByName(db, '대성정밀', {}, 20);
    // The exact name first (higher similarity), its companies by id; then the longer name; then the typo.
    expect(hits.map((h) => [h.id, h.match])).toEqual([
      ...ids.map((id) => [id, 'substring']),
      [longer, 'substring'],
      [typo, 'fuzzy'],
    ]);
    expect((await companiesByName(db, '대성정밀', {}, 3)).map((h) => h.id)).toEqual(ids.slice(0, 3));
    expect((await companiesByName(db, '대성정밀', { region: '부산광역시' }, 20)).map((h) => h.id)).toEqual(
      ids.slice(0, 2),
    );
  });

  it('finds short names one edit away, where trigram similarity cannot (a wrong inner character, a missing one)', async () => {
    const lab = await makeCompanyWith(db, 30, { name: '가온전자랩' });
    await makeCompanyWith(db, 31, { name: '가온전기설비' }); // two edits away: not a typo of either key
    expect((await companiesByName(db, '가온읏자랩', {}, 20)).map((h) => [h.id, h.match])).toEqual([[lab, 'fuzzy']]);
    expect((await companiesByName(db, '가온자랩', {}, 20)).map((h) => [h.id, h.match])).toEqual([[lab, 'fuzzy']]);
    // Three characters: no typo tier.
    expect(await companiesByName(db, '가읏전', {}, 20)).toEqual([]);
  });
});
