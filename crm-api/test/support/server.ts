import { bizRegNoCheckDigit, signAccessToken, type Role } from '@cc1357/contracts';
import type pg from 'pg';
import { hashPassword } from '../../src/domain/password';
import { startCrmApi, type CrmApiHandle, type StartOptions } from '../../src/server';
import { upsertPrograms } from '../../src/repositories/programs';
import type { SeedProgram } from '../../src/seed/programs';
import { PLAIN_PROGRAM } from './programFields';
import { createPool } from '../../src/db/pool';
import { createTestDatabase, type TestDatabase } from '../../src/testing';
import { upsertUser } from '../../src/repositories/users';

export const SECRET = 'test-secret-0123456789abcdef';
/** The server's fixed clock in tests (a Friday, 12:00 KST). */
export const TEST_NOW = new Date('2025-03-14T03:00:00Z');

export interface TestCrm {
  api: CrmApiHandle;
  database: TestDatabase;
  /** A separate pool for arranging and asserting rows. */
  db: pg.Pool;
  /** Sets the server's clock (the app reads it per request). */
  setNow(d: Date): void;
  close(): Promise<void>;
}

/** Real server on port 0 over a fresh migrated database. */
export async function startTestCrm(
  opts: { now?: Date } & Partial<
    Pick<
      StartOptions,
      | 'redisUrl'
      | 'queuePrefix'
      | 'smsGateway'
      | 'relayIntervalMs'
      | 'cohortRefreshMs'
      | 'smsBackoffMs'
      | 'partners'
      | 'relayBackoffMs'
      | 'relayAttempts'
      | 'metrics'
      | 'recordingsDir'
      | 'recordingRetentionDays'
      | 'recordingUrlTtlSeconds'
      | 'pbxAri'
      | 'recordingBackoffMs'
      | 'recordingAttempts'
      | 'recordingReconcileMs'
      | 'recordingRetentionMs'
    >
  > = {},
): Promise<TestCrm> {
  const database = await createTestDatabase();
  let now = opts.now ?? TEST_NOW;
  const { now: _now, ...rest } = opts;
  const api = await startCrmApi({
    databaseUrl: database.url,
    authSecret: SECRET,
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    now: () => now,
    ...rest,
  });
  // createPool: an idle client killed by drop()'s DROP DATABASE … WITH (FORCE) while the pool
  // ends must not surface as an uncaught error.
  const db = createPool(database.url, 3);
  return {
    api,
    database,
    db,
    setNow: (d) => (now = d),
    async close() {
      await api.close();
      await db.end();
      await database.drop();
    },
  };
}

/** A token as crm-api would issue it (or as telephony mints a service one). */
export function tokenFor(role: Role, sub = role === 'service' ? 'telephony' : '1', at = TEST_NOW): Promise<string> {
  return signAccessToken({ sub, username: role, role, skills: [] }, SECRET, 3600, at);
}

export async function call(
  crm: TestCrm,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; rawBody?: string; contentType?: string } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON of any route; each test reads what it checks
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined || opts.rawBody !== undefined)
    headers['content-type'] = opts.contentType ?? 'application/json';
  const res = await fetch(`${crm.api.url}${path}`, {
    method,
    headers,
    body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/* ---------- factories ---------- */

export async function makeUser(
  db: pg.Pool,
  u: {
    username: string;
    role?: 'counselor' | 'supervisor' | 'admin' | 'partner';
    password?: string;
    agentId?: string | null;
    skills?: string[];
    active?: boolean;
    displayName?: string;
  },
): Promise<string> {
  return upsertUser(db, {
    username: u.username,
    displayName: u.displayName ?? `${u.username} 님`,
    role: u.role ?? 'counselor',
    agentId: u.agentId ?? null,
    skills: u.skills ?? [],
    passwordHash: await hashPassword(u.password ?? 'pw-123456'),
    active: u.active ?? true,
  });
}

/** A valid 사업자등록번호 from a small integer. */
export function regNo(n: number): string {
  const nine = `${String(100 + (n % 800)).padStart(3, '0')}81${String(n).padStart(4, '0').slice(-4)}`;
  return nine + String(bizRegNoCheckDigit(nine));
}

export async function makeCompany(db: pg.Pool, n: number, name = `테스트기업${n}`): Promise<string> {
  return makeCompanyWith(db, n, { name });
}

export async function makeContact(
  db: pg.Pool,
  name: string,
  companyIds: string[],
  phones: [string, 'mobile' | 'landline'][],
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO contacts (name, title) VALUES ($1, '대표') RETURNING id::text AS id`,
    [name],
  );
  const id = rows[0]!.id;
  for (const c of companyIds)
    await db.query('INSERT INTO contact_companies (contact_id, company_id) VALUES ($1, $2)', [id, c]);
  for (const [number, kind] of phones)
    await db.query('INSERT INTO contact_phones (contact_id, number, kind) VALUES ($1, $2, $3)', [id, number, kind]);
  return id;
}

export async function count(db: pg.Pool, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return rows[0]!.n;
}

/** A company with chosen cohort attributes. */
export async function makeCompanyWith(
  db: pg.Pool,
  n: number,
  c: { name?: string; region?: string; size?: string; founded?: string; representative?: string } = {},
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO companies (biz_reg_no, name, representative, region, ksic_code, ksic_label, size_class, employees, founded_on)
     VALUES ($1, $2, $3, $4, 'C26', '전자부품 제조업', $5, 12, $6) RETURNING id::text AS id`,
    [
      regNo(n),
      c.name ?? `테스트기업${n}`,
      c.representative ?? '홍길동',
      c.region ?? '서울특별시',
      c.size ?? '소기업',
      c.founded ?? '2015-04-01',
    ],
  );
  return rows[0]!.id;
}

/** Upserts catalogue programs (windows relative to TEST_NOW's date unless given); returns code → id. */
export async function makePrograms(
  db: pg.Pool,
  programs: (Partial<SeedProgram> & { code: string })[],
): Promise<Map<string, string>> {
  return upsertPrograms(
    db,
    programs.map((p) => ({
      name: `사업 ${p.code}`,
      ...PLAIN_PROGRAM,
      ...p,
    })),
  );
}

export async function addSupport(
  db: pg.Pool,
  companyId: string,
  programId: string | null,
  name: string,
  year: number,
  amount: number,
  status = 'paid',
): Promise<void> {
  await db.query(
    `INSERT INTO support_history (company_id, program_id, program_name, agency, year, amount, status) VALUES ($1, $2, $3, '중소벤처기업부', $4, $5, $6)`,
    [companyId, programId, name, year, amount, status],
  );
}

/** Polls until `check` returns a truthy value (bounded: integration tests never sleep a fixed time). */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
