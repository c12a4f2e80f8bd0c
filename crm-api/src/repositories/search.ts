import type { CompanySearchHit, ConsultationSearchHit } from '@cc1357/contracts';
import type pg from 'pg';
import { inTransaction, type Queryable } from '../db/pool';
import { DTO_COLUMNS } from './consultations';

/** A company row as search finds it, before masking. */
export type RawCompanyHit = Omit<CompanySearchHit, 'representative' | 'phones'> & {
  representative: string;
  phones: string[];
};

const HIT_COLUMNS = `c.id::text AS id, c.name, c.biz_reg_no AS "bizRegNo", c.representative, c.region,
  c.ksic_code || ' ' || c.ksic_label AS industry, c.size_class AS "sizeClass",
  ARRAY(SELECT p.number FROM contact_companies cc JOIN contact_phones p ON p.contact_id = cc.contact_id
         WHERE cc.company_id = c.id ORDER BY p.id LIMIT 3) AS phones`;

/** The same normalisation as the `search_name` column (006): no legal form, no spaces, lower case. */
export function searchKey(q: string): string {
  return q.replace(/\(주\)|㈜|주식회사|\s/g, '').toLowerCase();
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export interface CompanyFilters {
  region?: string | undefined;
  sizeClass?: string | undefined;
}

function filterSql(f: CompanyFilters, params: unknown[]): string {
  let sql = '';
  if (f.region) sql += ` AND c.region = $${params.push(f.region)}`;
  if (f.sizeClass) sql += ` AND c.size_class = $${params.push(f.sizeClass)}`;
  return sql;
}

/**
 * Name search in three tiers: one or two characters → prefix (btree range over companies);
 * three or more → the distinct names (company_names, 008) that contain the key, best similarity
 * first; too few companies behind them → typos, within a time budget: names one edit away for
 * keys of 4–5 characters, names of high enough trigram similarity from 6 (fuzzyThreshold).
 * Ranking runs over distinct names, then the companies behind the best names are read by name
 * (a common name is many companies), so a common fragment never ranks company rows.
 */
export const SUBSTRING_CANDIDATES = 500;
/** The fuzzy tier is best effort: past this budget the substring hits are the answer. */
export const FUZZY_BUDGET_MS = 40;
export const FUZZY_THRESHOLD = 0.4;
const FUZZY_THRESHOLD_MAX = 0.6;
/** Shorter keys get no typo tier: a name one edit from a 3-character key shares one syllable with it. */
export const FUZZY_MIN_CHARS = 4;
/** From this length typos are found by trigram similarity; shorter keys look one edit away. */
export const TRIGRAM_FUZZY_MIN_CHARS = 6;

/**
 * The trigram similarity a name needs to count as a typo of a key of n characters: what one
 * mistyped character inside the key leaves. pg_trgm pads a word with two spaces in front and one
 * behind, so a key has n + 1 trigrams; a wrong inner character replaces 3 of them: similarity
 * (n − 2)/(n + 4). A wrong last character replaces only 2 ((n − 1)/(n + 3)), a dropped one
 * leaves (n − 1)/(n + 4), an extra one (n − 2)/(n + 3). So at the 0.4 floor a 4-character key
 * finds a wrong last character (0.43) and a 6-character one any single typo, while a long key
 * needs far more than 0.4 for one typo — asking for that keeps the index from rechecking every
 * name that merely shares "산업" and "인터내셔널" with it. Capped at 0.6 so long keys still
 * find two typos. Keys shorter than TRIGRAM_FUZZY_MIN_CHARS use oneEditRanges instead.
 */
export function fuzzyThreshold(chars: number): number {
  const oneTypo = Math.floor(((chars - 2) / (chars + 4)) * 100) / 100;
  return Math.min(FUZZY_THRESHOLD_MAX, Math.max(FUZZY_THRESHOLD, oneTypo));
}

/**
 * The substring and fuzzy queries run on one client in one transaction with settings of their
 * own, set by its BEGIN:
 * - enable_seqscan off: with a LIMIT, the planner guesses a 3-syllable LIKE matches ~1 % of the
 *   names and prefers a sequential scan that "stops early" — for a fragment in few names it
 *   reads the whole table; the trigram index answers it in milliseconds.
 * - for the fuzzy query only, the similarity threshold for the key's length (fuzzyThreshold)
 *   and a statement timeout: a long name shares common trigrams ("테크", "산업") with many
 *   names, and the index cannot tell which of them are similar enough without reading them.
 */
const SEARCH_BEGIN = 'BEGIN; SET LOCAL enable_seqscan = off';

/**
 * The companies behind ranked names (`rankedNames` yields search_name, sim; at most `names`
 * rows): best name first, then company id, at most `limit`. Ids come from the (name, id) index;
 * only the companies returned are read whole.
 */
function companiesOfNamesSql(
  rankedNames: string,
  match: 'substring' | 'fuzzy',
  filters: string,
  names: string,
  limit: string,
): string {
  return `WITH names AS MATERIALIZED (${rankedNames} LIMIT ${names}),
    hits AS (
      SELECT c.id, names.sim FROM names
       CROSS JOIN LATERAL (SELECT c.id FROM companies c
                            WHERE (c.search_name COLLATE "C") = (names.search_name COLLATE "C") ${filters}
                            ORDER BY (c.search_name COLLATE "C"), c.id LIMIT ${limit}) c
      ORDER BY names.sim DESC, c.id LIMIT ${limit})
  SELECT ${HIT_COLUMNS}, '${match}' AS match, hits.sim AS similarity
    FROM hits JOIN companies c ON c.id = hits.id
   ORDER BY hits.sim DESC, c.id`;
}

/** The byte-order upper bound of every string starting with `s` (its last character + 1). */
function prefixUpper(s: string): string {
  const chars = [...s];
  return chars.slice(0, -1).join('') + String.fromCodePoint(chars[chars.length - 1]!.codePointAt(0)! + 1);
}

/**
 * Where names one edit (a wrong, missing or extra character) away from a key can be: an edit
 * touches at most one half of the key, so the name starts with the first half or ends with the
 * second, and is at most one character longer or shorter. Ranges in byte order, the end reversed.
 */
export function oneEditRanges(key: string): {
  lengths: number[];
  start: [string, string];
  reversedEnd: [string, string];
} {
  const chars = [...key];
  const half = Math.floor(chars.length / 2);
  const start = chars.slice(0, half).join('');
  const reversedEnd = chars.slice(half).reverse().join('');
  return {
    lengths: [chars.length - 1, chars.length, chars.length + 1],
    start: [start, prefixUpper(start)],
    reversedEnd: [reversedEnd, prefixUpper(reversedEnd)],
  };
}

export async function companiesByName(
  db: pg.Pool,
  q: string,
  f: CompanyFilters,
  limit: number,
): Promise<RawCompanyHit[]> {
  const key = searchKey(q);
  if (key.length === 0) return [];
  const chars = [...key];
  if (chars.length <= 2) {
    // [key, key with its last character + 1) in byte order = every name starting with key.
    const params: unknown[] = [key, prefixUpper(key)];
    const { rows } = await db.query<RawCompanyHit>(
      `SELECT ${HIT_COLUMNS}, 'prefix' AS match, NULL::float8 AS similarity FROM companies c
        WHERE (c.search_name COLLATE "C") >= $1 AND (c.search_name COLLATE "C") < $2 ${filterSql(f, params)}
        ORDER BY (c.search_name COLLATE "C"), c.id LIMIT $${params.push(limit)}`,
      params,
    );
    return rows;
  }
  // Every name has at least one company, so `limit` names fill the page; region or size may
  // reject some of their companies, so a filtered search looks at more names.
  const names = f.region || f.sizeClass ? limit * 3 : limit;
  return inTransaction(
    db,
    async (client) => {
      const params: unknown[] = [key, `%${likeEscape(key)}%`];
      const filters = filterSql(f, params);
      // A common fragment ("솔그린") is in thousands of names: rank at most SUBSTRING_CANDIDATES of them.
      const substring = companiesOfNamesSql(
        `SELECT n.search_name, similarity(n.search_name, $1)::float8 AS sim
         FROM (SELECT search_name FROM company_names WHERE search_name LIKE $2 LIMIT ${SUBSTRING_CANDIDATES}) n
        ORDER BY sim DESC, n.search_name`,
        'substring',
        filters,
        `$${params.push(names)}`,
        `$${params.push(limit)}`,
      );
      const { rows: exact } = await client.query<RawCompanyHit>(substring, params);
      if (exact.length >= limit || chars.length < FUZZY_MIN_CHARS) return exact;
      // Names that contain the key were all ranked above (fewer than `limit` of them): the rest.
      const threshold = fuzzyThreshold(chars.length);
      const fparams: unknown[] = [key, `%${likeEscape(key)}%`];
      let rankedNames: string;
      if (chars.length < TRIGRAM_FUZZY_MIN_CHARS) {
        const r = oneEditRanges(key);
        const [len, s0, s1, e0, e1] = [r.lengths, ...r.start, ...r.reversedEnd].map((v) => `$${fparams.push(v)}`);
        rankedNames = `SELECT n.search_name, similarity(n.search_name, $1)::float8 AS sim FROM (
          SELECT search_name FROM company_names WHERE char_length(search_name) = ANY(${len}::int[])
             AND (search_name COLLATE "C") >= ${s0} AND (search_name COLLATE "C") < ${s1}
          UNION
          SELECT search_name FROM company_names WHERE char_length(search_name) = ANY(${len}::int[])
             AND (reverse(search_name) COLLATE "C") >= ${e0} AND (reverse(search_name) COLLATE "C") < ${e1}) n
        WHERE levenshtein_less_equal(n.search_name, $1, 1) <= 1 AND n.search_name NOT LIKE $2
        ORDER BY sim DESC, n.search_name`;
      } else {
        // `%` compares with pg_trgm.similarity_threshold, set to `threshold` below.
        rankedNames = `SELECT n.search_name, similarity(n.search_name, $1)::float8 AS sim FROM company_names n
        WHERE n.search_name % $1 AND n.search_name NOT LIKE $2
        ORDER BY sim DESC, n.search_name`;
      }
      const fuzzySql = companiesOfNamesSql(
        rankedNames,
        'fuzzy',
        filterSql(f, fparams),
        `$${fparams.push(names)}`,
        `$${fparams.push(limit - exact.length)}`,
      );
      // The fuzzy tier is best effort: past its budget the substring hits are the answer. A
      // savepoint keeps the transaction usable after the timeout.
      await client.query(
        `SAVEPOINT fuzzy; SET LOCAL statement_timeout = ${FUZZY_BUDGET_MS}; SET LOCAL pg_trgm.similarity_threshold = ${threshold}`,
      );
      try {
        const { rows: fuzzy } = await client.query<RawCompanyHit>(fuzzySql, fparams);
        return [...exact, ...fuzzy];
      } catch (err) {
        if ((err as { code?: string }).code !== '57014') throw err;
        await client.query('ROLLBACK TO SAVEPOINT fuzzy');
        return exact;
      }
    },
    SEARCH_BEGIN,
  );
}

export async function companiesByBizRegNo(
  db: Queryable,
  bizRegNo: string,
  f: CompanyFilters,
): Promise<RawCompanyHit[]> {
  const params: unknown[] = [bizRegNo];
  const { rows } = await db.query<RawCompanyHit>(
    `SELECT ${HIT_COLUMNS}, 'bizRegNo' AS match, NULL::float8 AS similarity FROM companies c WHERE c.biz_reg_no = $1 ${filterSql(f, params)}`,
    params,
  );
  return rows;
}

export async function companiesByPhone(
  db: Queryable,
  number: string,
  f: CompanyFilters,
  limit: number,
): Promise<RawCompanyHit[]> {
  const params: unknown[] = [number];
  const { rows } = await db.query<RawCompanyHit>(
    `SELECT ${HIT_COLUMNS}, 'phone' AS match, NULL::float8 AS similarity FROM companies c
      WHERE c.id IN (SELECT cc.company_id FROM contact_phones p JOIN contact_companies cc ON cc.contact_id = p.contact_id WHERE p.number = $1)
      ${filterSql(f, params)} ORDER BY c.name, c.id LIMIT $${params.push(limit)}`,
    params,
  );
  return rows;
}

export async function companiesByFilters(db: Queryable, f: CompanyFilters, limit: number): Promise<RawCompanyHit[]> {
  const params: unknown[] = [];
  const { rows } = await db.query<RawCompanyHit>(
    `SELECT ${HIT_COLUMNS}, 'filter' AS match, NULL::float8 AS similarity FROM companies c WHERE true ${filterSql(f, params)}
      ORDER BY c.id LIMIT $${params.push(limit)}`,
    params,
  );
  return rows;
}

export interface ConsultationSearch {
  companyIds?: string[] | undefined;
  callerNumber?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  category?: string | undefined;
  counselorId?: string | undefined;
  limit: number;
}

export async function searchConsultations(db: Queryable, s: ConsultationSearch): Promise<ConsultationSearchHit[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (s.companyIds) where.push(`k.company_id = ANY($${params.push(s.companyIds)}::bigint[])`);
  if (s.callerNumber) where.push(`k.caller_number = $${params.push(s.callerNumber)}`);
  if (s.from) where.push(`k.created_at >= $${params.push(s.from)}`);
  if (s.to) where.push(`k.created_at < $${params.push(s.to)}`);
  if (s.category) where.push(`k.category = $${params.push(s.category)}`);
  if (s.counselorId) where.push(`k.counselor_id = $${params.push(s.counselorId)}`);
  const { rows } = await db.query<ConsultationSearchHit>(
    `SELECT ${DTO_COLUMNS}, co.name AS "companyName"
       FROM consultations k JOIN users u ON u.id = k.counselor_id LEFT JOIN companies co ON co.id = k.company_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY k.created_at DESC, k.id DESC LIMIT $${params.push(s.limit)}`,
    params,
  );
  return rows;
}
