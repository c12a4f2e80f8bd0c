import { parseArgs } from 'node:util';
import pg from 'pg';
import { migrate } from '../db/migrate';
import { hashPassword } from '../domain/password';
import { refreshCohorts } from '../repositories/cohorts';
import { upsertPrograms } from '../repositories/programs';
import { upsertUser } from '../repositories/users';
import { SEED_USERS } from './generate';
import { programCatalogue } from './programs';
import { insertCompanies, insertConsultations, insertContacts, insertSupport, vocabularyParams } from './scaleSql';
import { DEMO_PASSWORD } from './seed';

/**
 * National-scale seed (benchmarks, capacity tests):
 *   npx tsx crm-api/src/seed/scale.ts --companies 8040000 --consultations 20000000 --support 30000000 \
 *     --database-url postgres://postgres@127.0.0.1:5432/cc1357_scale
 * Creates the database when missing, migrates it, refuses one that already has companies,
 * drops the big tables' secondary indexes and foreign keys, generates rows in SQL in chunks,
 * rebuilds indexes and constraints, analyzes, and computes the cohort figures.
 */

export interface ScaleOptions {
  databaseUrl: string;
  companies: number;
  consultations: number;
  support: number;
  seed?: number;
  /** Consultations end here; support years end in its year. */
  anchor?: Date;
  chunk?: number;
  log?: (line: string) => void;
}

export interface ScaleResult {
  companies: number;
  consultations: number;
  support: number;
  seconds: Record<string, number>;
  totalSeconds: number;
  databaseBytes: number;
}

const BIG_TABLES = [
  'companies',
  'company_names',
  'contacts',
  'contact_companies',
  'contact_phones',
  'consultations',
  'support_history',
];

async function ensureDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[a-zA-Z0-9_]+$/.test(name)) throw new Error(`database name ${name} must be letters, digits and _`);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
}

interface SavedDdl {
  drop: string[];
  create: string[];
}

/** Secondary indexes, unique constraints and foreign keys of the big tables: dropped now, rebuilt after the load. */
async function detachIndexes(client: pg.ClientBase): Promise<SavedDdl> {
  const saved: SavedDdl = { drop: [], create: [] };
  const fks = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE contype IN ('f', 'u') AND (conrelid::regclass::text = ANY($1) OR (contype = 'f' AND confrelid::regclass::text = ANY($1)))
      ORDER BY contype DESC`,
    [BIG_TABLES],
  );
  // Unique constraints before foreign keys on re-create (a key may reference one).
  const uniques = fks.rows.filter((r) => r.def.startsWith('UNIQUE'));
  const foreign = fks.rows.filter((r) => !r.def.startsWith('UNIQUE'));
  for (const r of foreign) saved.drop.push(`ALTER TABLE ${r.tbl} DROP CONSTRAINT "${r.name}"`);
  for (const r of uniques) saved.drop.push(`ALTER TABLE ${r.tbl} DROP CONSTRAINT "${r.name}"`);
  for (const r of uniques) saved.create.push(`ALTER TABLE ${r.tbl} ADD CONSTRAINT "${r.name}" ${r.def}`);
  const idx = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid
      WHERE i.indrelid::regclass::text = ANY($1) AND NOT i.indisprimary AND c.oid IS NULL`,
    [BIG_TABLES],
  );
  for (const r of idx.rows) {
    saved.drop.push(`DROP INDEX ${r.name}`);
    saved.create.push(r.def);
  }
  for (const r of foreign) saved.create.push(`ALTER TABLE ${r.tbl} ADD CONSTRAINT "${r.name}" ${r.def}`);
  return saved;
}

export async function seedScale(o: ScaleOptions): Promise<ScaleResult> {
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const seed = o.seed ?? 1357;
  const anchor = o.anchor ?? new Date();
  const chunk = o.chunk ?? 500_000;
  const seconds: Record<string, number> = {};
  const t0 = Date.now();
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    const r = await fn();
    seconds[name] = (seconds[name] ?? 0) + (Date.now() - t) / 1000;
    return r;
  };

  await ensureDatabase(o.databaseUrl);
  await migrate(o.databaseUrl);
  const client = new pg.Client({ connectionString: o.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM (SELECT 1 FROM companies LIMIT 1) x',
    );
    if (rows[0]!.n > 0) throw new Error('the database already has companies; give an empty (or new) database');
    await client.query(`SET maintenance_work_mem = '1GB'`);
    await client.query('SET synchronous_commit = off');

    const hash = await hashPassword(DEMO_PASSWORD);
    const counselorIds: string[] = [];
    for (const u of SEED_USERS) {
      const id = await upsertUser(client, { ...u, skills: [...u.skills], passwordHash: hash });
      if (u.role === 'counselor') counselorIds.push(id);
    }
    const catalogue = programCatalogue(anchor);
    const programIds = await upsertPrograms(client, catalogue);

    const ddl = await step('detachIndexes', () => detachIndexes(client));
    for (const sql of ddl.drop) await client.query(sql);

    const v = vocabularyParams();
    const chunks = async (name: string, total: number, fn: (from: number, to: number) => Promise<number>) => {
      for (let from = 1; from <= total; from += chunk) {
        const to = Math.min(total, from + chunk - 1);
        await step(name, () => fn(from, to));
        log(
          `${name}: ${to.toLocaleString('en')} / ${total.toLocaleString('en')} (${Math.round((Date.now() - t0) / 1000)} s)`,
        );
      }
    };
    await chunks('companies', o.companies, (f, t) => insertCompanies(client, v, seed, f, t));
    await chunks('contacts', o.companies, (f, t) => insertContacts(client, o.companies, f, t));
    if (o.companies > 0) {
      await chunks('consultations', o.consultations, (f, t) =>
        insertConsultations(client, v, seed, o.companies, counselorIds, anchor, f, t),
      );
      const pids = catalogue.map((p) => programIds.get(p.code)!);
      await chunks('support', o.support, (f, t) =>
        insertSupport(
          client,
          seed,
          o.companies,
          o.support,
          pids,
          catalogue.map((p) => p.name),
          catalogue.map((p) => p.agency),
          anchor.getUTCFullYear(),
          f - 1,
          t - 1,
        ),
      );
    }
    for (const [table, col] of [
      ['companies', 'id'],
      ['contacts', 'id'],
      ['consultations', 'id'],
    ] as const) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('${table}', '${col}'), GREATEST((SELECT max(${col}) FROM ${table}), 1))`,
      );
    }
    for (const sql of ddl.create) {
      await step('indexes', () => client.query(sql));
      log(`rebuilt: ${sql.slice(0, 110)} (${Math.round((Date.now() - t0) / 1000)} s)`);
    }
    // VACUUM as well: sets the visibility map (index-only scans) and hint bits once, instead of
    // the first reads of every page after the load writing them, and autovacuum doing it mid-benchmark.
    await step('vacuum', () => client.query('VACUUM (ANALYZE)'));
    log(`vacuumed and analyzed (${Math.round((Date.now() - t0) / 1000)} s)`);
    const cohorts = await step('cohorts', () => refreshCohorts(client, anchor));
    log(
      `cohorts: ${cohorts.cohorts} cohorts, ${cohorts.uptakeRows} uptake rows (${Math.round((Date.now() - t0) / 1000)} s)`,
    );
    const size = await client.query<{ b: string }>('SELECT pg_database_size(current_database())::text AS b');
    for (const k of Object.keys(seconds)) seconds[k] = Math.round(seconds[k]! * 10) / 10;
    return {
      companies: o.companies,
      consultations: o.companies > 0 ? o.consultations : 0,
      support: o.companies > 0 ? o.support : 0,
      seconds,
      totalSeconds: Math.round((Date.now() - t0) / 100) / 10,
      databaseBytes: Number(size.rows[0]!.b),
    };
  } finally {
    await client.end();
  }
}

function intArg(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0 || n > 100_000_000)
    throw new Error(`--${name} must be an integer between 0 and 100000000`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      companies: { type: 'string' },
      consultations: { type: 'string' },
      support: { type: 'string' },
      seed: { type: 'string' },
      chunk: { type: 'string' },
      'database-url': { type: 'string' },
    },
  });
  const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('--database-url (or DATABASE_URL) is required');
  const companies = intArg('companies', values.companies, 10_000);
  const result = await seedScale({
    databaseUrl,
    companies,
    // Defaults keep the national ratios: 20/8.04 consultations and 30/8.04 support rows per company.
    consultations: intArg('consultations', values.consultations, Math.round((companies * 20) / 8.04)),
    support: intArg('support', values.support, Math.round((companies * 30) / 8.04)),
    seed: intArg('seed', values.seed, 1357),
    chunk: intArg('chunk', values.chunk, 500_000) || 500_000,
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`scale seed failed: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
