import type { Queryable } from '../db/pool';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: 'counselor' | 'supervisor' | 'admin' | 'partner';
  agentId: string | null;
  skills: string[];
  passwordHash: string;
  active: boolean;
  /** Partner-center users only (006). */
  partnerId?: string | null;
}

const COLUMNS = `id::text AS id, username, display_name AS "displayName", role, agent_id AS "agentId",
  skills, password_hash AS "passwordHash", active, partner_id AS "partnerId"`;

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = $1`, [username]);
  return rows[0] ?? null;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/** Active users who take calls, by agent id: telephony's roster. */
export async function listActiveAgents(db: Queryable): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${COLUMNS} FROM users WHERE active AND agent_id IS NOT NULL ORDER BY agent_id`,
  );
  return rows;
}

export interface UpsertUser {
  username: string;
  displayName: string;
  role: UserRow['role'];
  agentId: string | null;
  skills: string[];
  passwordHash: string;
  active?: boolean;
}

/** Creates or refreshes a user by username (seed and admin import). */
export async function upsertUser(db: Queryable, u: UpsertUser): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO users (username, display_name, role, agent_id, skills, password_hash, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (username) DO UPDATE SET display_name = EXCLUDED.display_name, role = EXCLUDED.role,
       agent_id = EXCLUDED.agent_id, skills = EXCLUDED.skills, password_hash = EXCLUDED.password_hash,
       active = EXCLUDED.active, updated_at = now()
     RETURNING id::text AS id`,
    [u.username, u.displayName, u.role, u.agentId, u.skills, u.passwordHash, u.active ?? true],
  );
  return rows[0]!.id;
}
