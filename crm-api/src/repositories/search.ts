import type { CompanySearchHit, ConsultationSearchHit } from '@cc1357/contracts';
import type pg from 'pg';
import type { Queryable } from '../db/pool';

/** A company row as search finds it, before masking. */
export type RawCompanyHit = Omit<CompanySearchHit, 'representative' | 'phones'> & { representative: string; phones: string[] };

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
 * Name search in three tiers: one or two characters → prefix (btree range); three or more →
 * substring (every trigram must match, so the GIN probe is selective); too few hits → fuzzy
 * trigram similarity, over at most FUZZY_CANDIDATES candidates so a common fragment cannot make
 * one query read half the table.
 */
export const FUZZY_CANDIDATES = 2000;
export const SUBSTRING_CANDIDATES = 500;
/** The fuzzy tier is best effort: past this budget the substring hits are the answer. */
export const FUZZY_BUDGET_MS = 40;
export const FUZZY_THRESHOLD = 0.4;

/**
 * Runs the substring and fuzzy queries on one client in one transaction with settings of their
 * own (one round trip to set them):
 * - enable_seqscan off: with a LIMIT, the planner guesses a 3-syllable LIKE matches ~1 % of the
 *   table and prefers a sequential scan that "stops early" — for a fragment in 1 283 of 8 M names
 *   it read 600 MB (1–2.6 s); the trigram index answers it in milliseconds.
 * - the similarity threshold and, for the fuzzy query only, a statement timeout: a long name
 *   shares common trigrams ("테크", "산업") with hundreds of thousands of companies, and the
 *   index cannot tell which of them are similar enough without reading them.
 * Inside a caller's transaction (a PoolClient) the queries run as they are.
 */
async function inSearchTransaction<T>(db: Queryable, fn: (client: Queryable, inOwnTx: boolean) => Promise<T>): Promise<T> {
  const pool = db as pg.Pool;
  if (typeof pool.connect !== 'function' || 'release' in db) return fn(db, false);
  const client = await pool.connect();
  try {
    await client.query(`BEGIN; SET LOCAL enable_seqscan = off; SET LOCAL pg_trgm.similarity_threshold = ${FUZZY_THRESHOLD}`);
    const result = await fn(client, true);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function companiesByName(db: Queryable, q: string, f: CompanyFilters, limit: number): Promise<RawCompanyHit[]> {
  const key = searchKey(q);
  if (key.length === 0) return [];
  const chars = [...key];
  if (chars.length <= 2) {
    // [key, key with its last character + 1) in byte order = every name starting with key.
    const upper = chars.slice(0, -1).join('') + String.fromCodePoint(chars[chars.length - 1]!.codePointAt(0)! + 1);
    const params: unknown[] = [key, upper];
    const { rows } = await db.query<RawCompanyHit>(
      `SELECT ${HIT_COLUMNS}, 'prefix' AS match, NULL::float8 AS similarity FROM companies c
        WHERE (c.search_name COLLATE "C") >= $1 AND (c.search_name COLLATE "C") < $2 ${filterSql(f, params)}
        ORDER BY (c.search_name COLLATE "C"), c.id LIMIT $${params.push(limit)}`,
      params,
    );
    return rows;
  }
  return inSearchTransaction(db, async (client, inOwnTx) => {
    const params: unknown[] = [key, `%${likeEscape(key)}%`];
    // A common fragment ("솔그린") is in thousands of names: rank at most SUBSTRING_CANDIDATES of them.
    const { rows: exact } = await client.query<RawCompanyHit>(
      `SELECT ${HIT_COLUMNS}, 'substring' AS match, cand.sim AS similarity
         FROM (SELECT c.id, similarity(c.search_name, $1)::float8 AS sim FROM companies c
                WHERE c.search_name LIKE $2 ${filterSql(f, params)} LIMIT ${SUBSTRING_CANDIDATES}) cand
         JOIN companies c ON c.id = cand.id
        ORDER BY cand.sim DESC, c.id LIMIT $${params.push(limit)}`,
      params,
    );
    if (exact.length >= limit) return exact;
    const fparams: unknown[] = [key, exact.map((r) => r.id)];
    const filters = filterSql(f, fparams);
    const fuzzySql = `SELECT ${HIT_COLUMNS}, 'fuzzy' AS match, cand.sim AS similarity
         FROM (SELECT c.id, similarity(c.search_name, $1)::float8 AS sim FROM companies c
                WHERE c.search_name % $1 AND NOT (c.id = ANY($2::bigint[])) ${filters} LIMIT ${FUZZY_CANDIDATES}) cand
         JOIN companies c ON c.id = cand.id
        ORDER BY cand.sim DESC, c.id LIMIT $${fparams.push(limit - exact.length)}`;
    if (!inOwnTx) return [...exact, ...(await client.query<RawCompanyHit>(fuzzySql, fparams)).rows];
    // The fuzzy tier is best effort: past its budget the substring hits are the answer. A
    // savepoint keeps the transaction usable after the timeout.
    await client.query(`SAVEPOINT fuzzy; SET LOCAL statement_timeout = ${FUZZY_BUDGET_MS}`);
    try {
      const { rows: fuzzy } = await client.query<RawCompanyHit>(fuzzySql, fparams);
      return [...exact, ...fuzzy];
    } catch (err) {
      if ((err as { code?: string }).code !== '57014') throw err;
      await client.query('ROLLBACK TO SAVEPOINT fuzzy');
      return exact;
    }
  });
}

export async function companiesByBizRegNo(db: Queryable, bizRegNo: string, f: CompanyFilters): Promise<RawCompanyHit[]> {
  const params: unknown[] = [bizRegNo];
  const { rows } = await db.query<RawCompanyHit>(
    `SELECT ${HIT_COLUMNS}, 'bizRegNo' AS match, NULL::float8 AS similarity FROM companies c WHERE c.biz_reg_no = $1 ${filterSql(f, params)}`,
    params,
  );
  return rows;
}

export async function companiesByPhone(db: Queryable, number: string, f: CompanyFilters, limit: number): Promise<RawCompanyHit[]> {
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
    `SELECT k.id::text AS id, k.company_id::text AS "companyId", co.name AS "companyName", k.call_id AS "callId",
            k.caller_number AS "callerNumber", k.counselor_id::text AS "counselorId", u.display_name AS "counselorName",
            k.category, k.sub_category AS "subCategory", k.summary, k.outcome, k.follow_up AS "followUp",
            to_char(k.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
       FROM consultations k JOIN users u ON u.id = k.counselor_id LEFT JOIN companies co ON co.id = k.company_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY k.created_at DESC, k.id DESC LIMIT $${params.push(s.limit)}`,
    params,
  );
  return rows;
}
