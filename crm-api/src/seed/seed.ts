import pg from 'pg';
import { inTransaction } from '../db/pool';
import { hashPassword } from '../domain/password';
import { seoulDayOf } from '../domain/seoulDay';
import { refreshCohorts } from '../repositories/cohorts';
import { upsertPrograms } from '../repositories/programs';
import { upsertUser } from '../repositories/users';
import { programCatalogue } from './programs';
import { generateSeedData, type GenerateOptions, type SeedData } from './generate';

/** Every seeded user signs in with this password (demo only). */
export const DEMO_PASSWORD = '1357demo';

export interface SeedOptions {
  /** How many companies (default 200). */
  companies?: number;
  /** RNG seed (default 1357): same seed, same data. */
  seed?: number;
  /** Consultation history ends here (default: the start of today in Asia/Seoul). */
  anchor?: Date;
}

export interface SeedResult {
  users: number;
  companies: number;
  contacts: number;
  phones: number;
  consultations: number;
  support: number;
  programs: number;
  /** True when the database already had companies: users were refreshed, nothing else added. */
  skipped: boolean;
}

const CHUNK = 1000;
function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function insertData(
  client: pg.PoolClient,
  data: SeedData,
  userIds: Map<string, string>,
  programIds: string[],
  programNames: string[],
  agencies: string[],
): Promise<Omit<SeedResult, 'users' | 'skipped' | 'programs'>> {
  const companyIds: string[] = [];
  for (const part of chunks(data.companies)) {
    const { rows } = await client.query<{ id: string; biz_reg_no: string }>(
      `INSERT INTO companies (biz_reg_no, name, representative, region, ksic_code, ksic_label, size_class, employees, founded_on)
       SELECT x."bizRegNo", x.name, x.representative, x.region, x."ksicCode", x."ksicLabel", x."sizeClass", x.employees, x."foundedOn"
         FROM jsonb_to_recordset($1::jsonb) AS x("bizRegNo" text, name text, representative text, region text, "ksicCode" text,
              "ksicLabel" text, "sizeClass" text, employees int, "foundedOn" date)
       RETURNING id::text AS id, biz_reg_no`,
      [JSON.stringify(part)],
    );
    const byRegNo = new Map(rows.map((r) => [r.biz_reg_no, r.id]));
    for (const c of part) companyIds.push(byRegNo.get(c.bizRegNo)!);
  }

  // Contacts have no natural key: take ids from the sequence first so links can be written in bulk.
  const { rows: idRows } = await client.query<{ id: string }>(
    `SELECT nextval(pg_get_serial_sequence('contacts', 'id'))::text AS id FROM generate_series(1, $1)`,
    [data.contacts.length],
  );
  const contactIds = idRows.map((r) => r.id);
  const contactRows = data.contacts.map((k, i) => ({ id: contactIds[i], name: k.name, title: k.title }));
  const links = data.contacts.flatMap((k, i) =>
    k.companies.map((c) => ({ contact_id: contactIds[i], company_id: companyIds[c] })),
  );
  const phones = data.contacts.flatMap((k, i) =>
    k.phones.map((p) => ({ contact_id: contactIds[i], number: p.number, kind: p.kind })),
  );
  for (const part of chunks(contactRows)) {
    await client.query(
      `INSERT INTO contacts (id, name, title) OVERRIDING SYSTEM VALUE
       SELECT x.id, x.name, x.title FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, name text, title text)`,
      [JSON.stringify(part)],
    );
  }
  for (const part of chunks(links)) {
    await client.query(
      `INSERT INTO contact_companies (contact_id, company_id)
       SELECT x.contact_id, x.company_id FROM jsonb_to_recordset($1::jsonb) AS x(contact_id bigint, company_id bigint)`,
      [JSON.stringify(part)],
    );
  }
  for (const part of chunks(phones)) {
    await client.query(
      `INSERT INTO contact_phones (contact_id, number, kind)
       SELECT x.contact_id, x.number, x.kind FROM jsonb_to_recordset($1::jsonb) AS x(contact_id bigint, number text, kind text)`,
      [JSON.stringify(part)],
    );
  }

  const consultations = data.consultations.map((k) => ({
    idempotency_key: k.idempotencyKey,
    company_id: companyIds[k.company],
    caller_number: k.callerNumber,
    counselor_id: userIds.get(k.counselor),
    category: k.category,
    sub_category: k.subCategory,
    summary: k.summary,
    outcome: k.outcome,
    follow_up: k.followUp,
    created_at: k.createdAt.toISOString(),
  }));
  for (const part of chunks(consultations)) {
    await client.query(
      `INSERT INTO consultations (idempotency_key, request_hash, company_id, caller_number, counselor_id, category,
                                  sub_category, summary, outcome, follow_up, created_at)
       SELECT x.idempotency_key, 'seed', x.company_id, x.caller_number, x.counselor_id, x.category, x.sub_category,
              x.summary, x.outcome, x.follow_up, x.created_at
         FROM jsonb_to_recordset($1::jsonb) AS x(idempotency_key text, company_id bigint, caller_number text,
              counselor_id bigint, category text, sub_category text, summary text, outcome text, follow_up text,
              created_at timestamptz)
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [JSON.stringify(part)],
    );
  }
  // Two draws of one program in a year collapse into one row (the natural key).
  const support = [...new Map(data.support.map((s) => [`${s.company}|${s.program}|${s.year}`, s])).values()].map(
    (s) => ({
      company_id: companyIds[s.company],
      program_id: programIds[s.program],
      program_name: programNames[s.program],
      agency: agencies[s.program],
      year: s.year,
      amount: s.amount,
      status: s.status,
    }),
  );
  for (const part of chunks(support)) {
    await client.query(
      `INSERT INTO support_history (company_id, program_id, program_name, agency, year, amount, status)
       SELECT x.company_id, x.program_id, x.program_name, x.agency, x.year, x.amount, x.status
         FROM jsonb_to_recordset($1::jsonb) AS x(company_id bigint, program_id bigint, program_name text, agency text, year int, amount bigint, status text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(part)],
    );
  }
  return {
    companies: companyIds.length,
    contacts: contactIds.length,
    phones: phones.length,
    consultations: consultations.length,
    support: support.length,
  };
}

/**
 * Loads the demo data into a migrated database. Users are upserted every time (so passwords
 * and skills match this file); companies, contacts and history are only added to a database
 * that has no companies yet, so re-running never duplicates anything.
 */
export async function seed(databaseUrl: string, opts: SeedOptions = {}): Promise<SeedResult> {
  const generateOpts: GenerateOptions = {
    companies: opts.companies ?? 200,
    seed: opts.seed ?? 1357,
    anchor: opts.anchor ?? seoulDayOf(new Date()).start,
  };
  const data = generateSeedData(generateOpts);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    const hashes = await Promise.all(data.users.map(() => hashPassword(DEMO_PASSWORD)));
    const result = await inTransaction(pool, async (client) => {
      // One seeder at a time (two demo processes starting together).
      await client.query('SELECT pg_advisory_xact_lock(13570002)');
      const userIds = new Map<string, string>();
      for (const [i, u] of data.users.entries()) {
        userIds.set(u.username, await upsertUser(client, { ...u, passwordHash: hashes[i]! }));
      }
      // The catalogue is refreshed on every run: its windows sit around today.
      const catalogue = programCatalogue(generateOpts.anchor!);
      const byCode = await upsertPrograms(client, catalogue);
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM companies');
      if (rows[0]!.n > 0) {
        return {
          users: data.users.length,
          companies: 0,
          contacts: 0,
          phones: 0,
          consultations: 0,
          support: 0,
          programs: catalogue.length,
          skipped: true,
        };
      }
      const counts = await insertData(
        client,
        data,
        userIds,
        catalogue.map((p) => byCode.get(p.code)!),
        catalogue.map((p) => p.name),
        catalogue.map((p) => p.agency),
      );
      return { users: data.users.length, ...counts, programs: catalogue.length, skipped: false };
    });
    // Cohort figures for the pop's over-concentration flag and recommendations (small: milliseconds).
    const client = await pool.connect();
    try {
      await refreshCohorts(client, generateOpts.anchor!);
    } finally {
      client.release();
    }
    return result;
  } finally {
    await pool.end();
  }
}

export interface SampleCallers {
  /** Numbers that pop exactly one company. */
  known: string[];
  /** Numbers shared by several companies (the pop is `ambiguous`). */
  shared: string[];
  /** Plausible numbers the CRM has never seen (the pop is `new`). */
  unknown: string[];
}

/** Caller numbers for the demo's call generator, straight from the database, in a stable order. */
export async function seedSampleCallers(databaseUrl: string, limit = 50): Promise<SampleCallers> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ number: string; companies: number }>(
      `SELECT p.number, count(DISTINCT cc.company_id)::int AS companies
         FROM contact_phones p JOIN contact_companies cc ON cc.contact_id = p.contact_id
        GROUP BY p.number ORDER BY p.number`,
    );
    const known = rows.filter((r) => r.companies === 1).map((r) => r.number);
    const shared = rows.filter((r) => r.companies > 1).map((r) => r.number);
    const taken = new Set(rows.map((r) => r.number));
    const unknown: string[] = [];
    // 010-0xxx-… is not issued to subscribers; skip any that happen to be stored anyway.
    for (let i = 0; unknown.length < limit && i < limit * 2; i++) {
      const n = `0100${String(100 + i).padStart(3, '0')}${String(1000 + i * 37).slice(-4)}`;
      if (!taken.has(n)) unknown.push(n);
    }
    // Spread the picks over the whole list rather than the lowest numbers.
    const spread = (xs: string[]) =>
      xs.length <= limit ? xs : Array.from({ length: limit }, (_, i) => xs[Math.floor((i * xs.length) / limit)]!);
    return { known: spread(known), shared: spread(shared), unknown };
  } finally {
    await client.end();
  }
}
