import { named, type Queryable } from '../db/pool';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: 'counselor' | 'supervisor' | 'admin' | 'partner';
  agentId: string | null;
  skills: string[];
  /** Levels of `skills` that differ from the default (024); '{}' for users stored before levels. */
  skillLevels: Record<string, number>;
  passwordHash: string;
  active: boolean;
  /** Partner-center users only (006). */
  partnerId?: string | null;
  /** The session version login tokens carry (014); bumped when sessions end. */
  sessionVersion?: number;
}

const COLUMNS = `id::text AS id, username, display_name AS "displayName", role, agent_id AS "agentId",
  skills, skill_levels AS "skillLevels", password_hash AS "passwordHash", active, partner_id AS "partnerId", session_version AS "sessionVersion"`;

export async function findUserByUsername(db: Queryable, username: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = $1`, [username]);
  return rows[0] ?? null;
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const { rows } = await db.query<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

/**
 * Active counselors, by agent id: telephony's roster of who takes calls. A supervisor may have an
 * agent id too (the desk phone live monitoring rings) but takes no calls.
 */
export async function listActiveAgents(db: Queryable): Promise<UserRow[]> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${COLUMNS} FROM users WHERE active AND agent_id IS NOT NULL AND role = 'counselor' ORDER BY agent_id`,
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

/** Replaces a password hash (the rehash at login); only when it is still `previous`. */
export async function replacePasswordHash(db: Queryable, id: string, previous: string, next: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $3 WHERE id = $1 AND password_hash = $2', [id, previous, next]);
}

/** Sets a user active or not (the trigger of 014 ends the sessions of a deactivated user). */
export async function setUserActive(db: Queryable, id: string, active: boolean): Promise<UserRow | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const { rowCount } = await db.query('UPDATE users SET active = $2, updated_at = now() WHERE id = $1', [id, active]);
  return rowCount ? findUserById(db, id) : null;
}

/** The session version of an active user; null for an inactive or unknown one. Named: it runs on every request. */
export async function liveSessionVersion(db: Queryable, id: string): Promise<number | null> {
  const { rows } = await db.query<{ v: number; active: boolean }>(
    named('session-version', 'SELECT session_version AS v, active FROM users WHERE id = $1', [id]),
  );
  return rows[0]?.active ? rows[0].v : null;
}

/** Ends every session of a user: bumps its session version and returns the new one (null: no such user). */
export async function bumpSessionVersion(db: Queryable, id: string): Promise<number | null> {
  const { rows } = await db.query<{ v: number }>(
    'UPDATE users SET session_version = session_version + 1, updated_at = now() WHERE id = $1 RETURNING session_version AS v',
    [id],
  );
  return rows[0]?.v ?? null;
}

/** The session version and active flag of each of `ids` that exists. */
export async function sessionVersionsOf(
  db: Queryable,
  ids: readonly string[],
): Promise<{ id: string; version: number; active: boolean }[]> {
  const { rows } = await db.query<{ id: string; version: number; active: boolean }>(
    'SELECT id::text AS id, session_version AS version, active FROM users WHERE id = ANY($1::bigint[])',
    [ids],
  );
  return rows;
}

/**
 * Replaces the skills (and their levels) of the user with this agent id (a supervisor's change);
 * the skills before, or null when no user has the agent id. Locks the row for the transaction it
 * runs in. Levels are replaced too: a change without levels puts every skill back at the default.
 */
export async function replaceSkillsOfAgent(
  db: Queryable,
  agentId: string,
  skills: string[],
  skillLevels: Record<string, number> = {},
): Promise<string[] | null> {
  return (await replaceSkillProfileOfAgent(db, agentId, skills, skillLevels))?.skills ?? null;
}

/** As `replaceSkillsOfAgent`, returning the skills and levels before. */
export async function replaceSkillProfileOfAgent(
  db: Queryable,
  agentId: string,
  skills: string[],
  skillLevels: Record<string, number>,
): Promise<{ skills: string[]; skillLevels: Record<string, number> } | null> {
  const found = await db.query<{ skills: string[]; skillLevels: Record<string, number> }>(
    'SELECT skills, skill_levels AS "skillLevels" FROM users WHERE agent_id = $1 FOR UPDATE',
    [agentId],
  );
  if (found.rows.length === 0) return null;
  await db.query('UPDATE users SET skills = $2, skill_levels = $3::jsonb WHERE agent_id = $1', [
    agentId,
    skills,
    JSON.stringify(skillLevels),
  ]);
  return found.rows[0]!;
}
