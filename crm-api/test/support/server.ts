import { bizRegNoCheckDigit, signAccessToken, type Role } from '@cc1357/contracts';
import pg from 'pg';
import { hashPassword } from '../../src/domain/password';
import { startCrmApi, type CrmApiHandle } from '../../src/server';
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
export async function startTestCrm(opts: { now?: Date } = {}): Promise<TestCrm> {
  const database = await createTestDatabase();
  let now = opts.now ?? TEST_NOW;
  const api = await startCrmApi({ databaseUrl: database.url, authSecret: SECRET, port: 0, host: '127.0.0.1', logLevel: 'silent', now: () => now });
  const db = new pg.Pool({ connectionString: database.url, max: 3 });
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
  opts: { token?: string; body?: unknown; rawBody?: string } = {},
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined || opts.rawBody !== undefined) headers['content-type'] = 'application/json';
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
  u: { username: string; role?: 'counselor' | 'supervisor' | 'admin' | 'partner'; password?: string; agentId?: string | null; skills?: string[]; active?: boolean; displayName?: string },
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
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO companies (biz_reg_no, name, representative, region, ksic_code, ksic_label, size_class, employees, founded_on)
     VALUES ($1, $2, '홍길동', '서울특별시', 'C26', '전자부품 제조업', '소기업', 12, '2015-04-01') RETURNING id::text AS id`,
    [regNo(n), name],
  );
  return rows[0]!.id;
}

export async function makeContact(db: pg.Pool, name: string, companyIds: string[], phones: [string, 'mobile' | 'landline'][]): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`INSERT INTO contacts (name, title) VALUES ($1, '대표') RETURNING id::text AS id`, [name]);
  const id = rows[0]!.id;
  for (const c of companyIds) await db.query('INSERT INTO contact_companies (contact_id, company_id) VALUES ($1, $2)', [id, c]);
  for (const [number, kind] of phones) await db.query('INSERT INTO contact_phones (contact_id, number, kind) VALUES ($1, $2, $3)', [id, number, kind]);
  return id;
}

export async function count(db: pg.Pool, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
  return rows[0]!.n;
}
