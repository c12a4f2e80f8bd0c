import { CATEGORY_CODES } from '@cc1357/contracts';
import type pg from 'pg';
import {
  CONSULTATION_TEMPLATES,
  FOLLOW_UPS,
  GIVEN_NAMES,
  INDUSTRIES,
  NAME_ROOTS,
  OUTCOME_WEIGHTS,
  REGIONS,
  SURNAMES,
} from './vocabulary';

/**
 * National-scale data generated inside PostgreSQL with generate_series: no row crosses the
 * wire, so 8 million companies and 50 million history rows load at the server's speed.
 * Every value is a pure function of the row number and the seed (hashint8extended), so the
 * same arguments give the same database. Rows are ids 1..N; the tables must be empty.
 */

/** A deterministic pseudo-random non-negative bigint for row `x` and salt `k`. */
const h = (x: string, k: number) => `abs(hashint8extended(${x}, $seed + ${k}))`;

function expandWeights<T>(items: readonly T[], weightOf: (t: T) => number): T[] {
  return items.flatMap((t) => Array.from({ length: weightOf(t) }, () => t));
}

/** The mobile number of company i's representative: a bijection of i onto 8 digits. */
export const mobileOfSql = (i: string) => `'010' || lpad(((${i} * 48271::bigint + 12345) % 100000000)::text, 8, '0')`;

export function vocabularyParams() {
  const regions = expandWeights(REGIONS, (r) => r.weight);
  const templates = CATEGORY_CODES.flatMap((c) =>
    CONSULTATION_TEMPLATES[c].map(([sub, summary]) => ({ c, sub, summary })),
  );
  const outcomes = expandWeights(OUTCOME_WEIGHTS, ([, w]) => w).map(([o]) => o);
  return {
    roots: [...NAME_ROOTS],
    surnames: [...SURNAMES],
    given: [...GIVEN_NAMES],
    regions: regions.map((r) => r.name),
    ksicCodes: INDUSTRIES.map((i) => i.code),
    ksicLabels: INDUSTRIES.map((i) => i.label),
    // Rectangular 2-D array for SQL: each industry's suffixes padded to three.
    suffixes: INDUSTRIES.map((i) => [0, 1, 2].map((k) => i.suffixes[k % i.suffixes.length]!)),
    tCategory: templates.map((t) => t.c),
    tSub: templates.map((t) => t.sub),
    tSummary: templates.map((t) => t.summary),
    outcomes,
    followUps: [...FOLLOW_UPS],
  };
}

type Vocab = ReturnType<typeof vocabularyParams>;

/** Runs one generator statement with the vocabulary bound as parameters ($seed etc. by name). */
async function run(client: pg.ClientBase, sql: string, named: Record<string, unknown>): Promise<number> {
  const names = Object.keys(named);
  const text = sql.replace(/\$([a-zA-Z]+)/g, (_m, name: string) => {
    const idx = names.indexOf(name);
    if (idx < 0) throw new Error(`unbound $${name}`);
    return `$${idx + 1}`;
  });
  const res = await client.query(
    text,
    names.map((n) => named[n]),
  );
  return res.rowCount ?? 0;
}

export async function insertCompanies(
  client: pg.ClientBase,
  v: Vocab,
  seed: number,
  from: number,
  to: number,
): Promise<number> {
  return run(
    client,
    `INSERT INTO companies (id, biz_reg_no, name, representative, region, ksic_code, ksic_label, size_class, employees, founded_on)
     OVERRIDING SYSTEM VALUE
     SELECT i, nine || (
              (10 - ((substr(nine,1,1)::int + substr(nine,2,1)::int * 3 + substr(nine,3,1)::int * 7 + substr(nine,4,1)::int
                     + substr(nine,5,1)::int * 3 + substr(nine,6,1)::int * 7 + substr(nine,7,1)::int + substr(nine,8,1)::int * 3
                     + substr(nine,9,1)::int * 5 + (substr(nine,9,1)::int * 5) / 10) % 10)) % 10)::text,
            CASE WHEN corp AND ${h('i', 9)} % 10 < 7 THEN '(주)' WHEN corp THEN '주식회사 ' ELSE '' END
              || ($roots::text[])[1 + ${h('i', 3)} % cardinality($roots::text[])]
              || CASE WHEN ${h('i', 4)} % 2 = 0 THEN ($roots::text[])[1 + ${h('i', 5)} % cardinality($roots::text[])] ELSE '' END
              || ($suffixes::text[])[ind][1 + ${h('i', 6)} % 3]
              || CASE WHEN ${h('i', 14)} % 2 = 0 THEN (ARRAY['산업','공업','코리아','글로벌','테크','인터내셔널','컴퍼니','시스템즈','홀딩스','앤코'])[1 + ${h('i', 15)} % 10] ELSE '' END,
            ($surnames::text[])[1 + ${h('i', 7)} % cardinality($surnames::text[])] || ($given::text[])[1 + ${h('i', 8)} % cardinality($given::text[])],
            ($regions::text[])[1 + ${h('i', 2)} % cardinality($regions::text[])],
            ($ksicCodes::text[])[ind], ($ksicLabels::text[])[ind],
            CASE WHEN sz < 50 THEN '소상공인' WHEN sz < 85 THEN '소기업' ELSE '중기업' END,
            CASE WHEN sz < 50 THEN 1 + ${h('i', 10)} % 9 WHEN sz < 85 THEN 10 + ${h('i', 10)} % 40 ELSE 50 + ${h('i', 10)} % 250 END,
            date '1988-01-01' + (${h('i', 11)} % 13500)::int
       FROM (SELECT i,
                    -- 3^18 is coprime with 10^9: i ↦ i·3^18 mod 10^9 is a bijection, so numbers never collide.
                    lpad(((i * 387420489::bigint) % 1000000000)::text, 9, '0') AS nine,
                    1 + ${h('i', 1)} % cardinality($ksicCodes::text[]) AS ind,
                    ${h('i', 12)} % 100 AS sz,
                    ${h('i', 13)} % 10 < 6 AS corp
               FROM generate_series($from::bigint, $to::bigint) AS i) g`,
    {
      seed,
      from,
      to,
      roots: v.roots,
      suffixes: v.suffixes,
      surnames: v.surnames,
      given: v.given,
      regions: v.regions,
      ksicCodes: v.ksicCodes,
      ksicLabels: v.ksicLabels,
    },
  );
}

/** One representative contact per company (id = company id) with a mobile; 40% also a landline. */
export async function insertContacts(
  client: pg.ClientBase,
  companies: number,
  from: number,
  to: number,
): Promise<number> {
  const n = await run(
    client,
    `INSERT INTO contacts (id, name, title) OVERRIDING SYSTEM VALUE
     SELECT c.id, c.representative, '대표' FROM companies c WHERE c.id BETWEEN $from AND $to`,
    { from, to },
  );
  // Every 50th company's representative also runs the next company: its number is ambiguous.
  await run(
    client,
    `INSERT INTO contact_companies (contact_id, company_id)
     SELECT i, i FROM generate_series($from::bigint, $to::bigint) i
     UNION ALL
     SELECT i, i + 1 FROM generate_series($from::bigint, $to::bigint) i WHERE i % 50 = 0 AND i + 1 <= $last`,
    { from, to, last: companies },
  );
  await run(
    client,
    `INSERT INTO contact_phones (contact_id, number, kind)
     SELECT i, ${mobileOfSql('i')}, 'mobile' FROM generate_series($from::bigint, $to::bigint) i
     UNION ALL
     SELECT i, '0' || (2 + i % 5)::text || lpad(((i * 7919::bigint) % 10000000)::text, 7, '0') || (i % 10)::text, 'landline'
       FROM generate_series($from::bigint, $to::bigint) i WHERE i % 5 < 2`,
    { from, to },
  );
  return n;
}

export async function insertConsultations(
  client: pg.ClientBase,
  v: Vocab,
  seed: number,
  companies: number,
  counselorIds: string[],
  anchor: Date,
  from: number,
  to: number,
): Promise<number> {
  return run(
    client,
    `INSERT INTO consultations (id, idempotency_key, request_hash, company_id, caller_number, counselor_id, category, sub_category,
                                summary, outcome, follow_up, created_at, follow_up_closed_at)
     OVERRIDING SYSTEM VALUE
     SELECT j, 'scale-' || j, 'seed', c, ${mobileOfSql('c')}, ($counselors::bigint[])[1 + ${h('j', 21)} % cardinality($counselors::bigint[])],
            ($tCategory::text[])[t], ($tSub::text[])[t], ($tSummary::text[])[t], o,
            CASE WHEN o IN ('followUp', 'callback') THEN ($followUps::text[])[1 + ${h('j', 22)} % cardinality($followUps::text[])] END,
            at,
            -- Follow-ups older than a month were done.
            CASE WHEN o = 'followUp' AND at < $anchor::timestamptz - interval '30 days' THEN at + interval '7 days' END
       FROM (SELECT j, 1 + ${h('j', 20)} % $companies AS c,
                    1 + ${h('j', 23)} % cardinality($tCategory::text[]) AS t,
                    ($outcomes::text[])[1 + ${h('j', 24)} % cardinality($outcomes::text[])] AS o,
                    $anchor::timestamptz - make_interval(days => (${h('j', 25)} % 730)::int, mins => (${h('j', 26)} % 540)::int) AS at
               FROM generate_series($from::bigint, $to::bigint) AS j) g`,
    {
      seed,
      from,
      to,
      companies,
      anchor,
      counselors: counselorIds,
      tCategory: v.tCategory,
      tSub: v.tSub,
      tSummary: v.tSummary,
      outcomes: v.outcomes,
      followUps: v.followUps,
    },
  );
}

export const supportRecipients = (companies: number) => Math.max(1, Math.min(companies, Math.floor(companies * 0.6)));

/**
 * Support rows j = 0..S-1 spread over 60% of companies (the rest never received anything):
 * round r = j / M gives each recipient its r-th program, programs distinct per company, so the
 * (company, program, year) key never collides. 1% of rows are 20× larger: the over-concentrated.
 */
export async function insertSupport(
  client: pg.ClientBase,
  seed: number,
  companies: number,
  total: number,
  programIds: string[],
  programNames: string[],
  programAgencies: string[],
  anchorYear: number,
  from: number,
  to: number,
): Promise<number> {
  const recipients = supportRecipients(companies);
  if (Math.ceil(total / recipients) > programIds.length)
    throw new Error(`--support ${total} needs more than ${programIds.length} programs per company`);
  return run(
    client,
    `INSERT INTO support_history (company_id, program_id, program_name, agency, year, amount, status)
     SELECT c, ($pids::bigint[])[p], ($pnames::text[])[p], ($pagencies::text[])[p], $anchorYear - (${h('j', 31)} % 8)::int,
            (10 + ${h('j', 32)} % 90) * 1000000 * CASE WHEN ${h('c', 33)} % 100 = 0 THEN 20 ELSE 1 END,
            (ARRAY['paid','paid','completed','completed','selected','rejected','cancelled','applied'])[1 + ${h('j', 34)} % 8]
       FROM (SELECT j, 1 + ((j % $recipients) * $companies) / $recipients AS c,
                    1 + ((${h('(1 + ((j % $recipients) * $companies) / $recipients)', 35)} + (j / $recipients) * 7) % cardinality($pids::bigint[])) AS p
               FROM generate_series($from::bigint, $to::bigint) AS j) g`,
    {
      seed,
      from,
      to,
      companies,
      recipients,
      pids: programIds,
      pnames: programNames,
      pagencies: programAgencies,
      anchorYear,
    },
  );
}
