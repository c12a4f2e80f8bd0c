import type { Queryable } from '../db/pool';

/** The table rate-limiter-flexible keeps login attempt counts in (migration-created, shared by every process). */
export const LOGIN_LIMITS_TABLE = 'login_limits';

export interface LoginLimitRow {
  /** `account:<username>` or `address:<ip>`. */
  key: string;
  points: number;
  /** When the count (and so a lock) expires, in epoch milliseconds as text. */
  expire: string;
}

/** The keys over their limit whose count has not expired yet, latest expiry first. */
export async function lockedLoginKeys(
  db: Queryable,
  at: number,
  limits: { account: number; address: number },
): Promise<LoginLimitRow[]> {
  const { rows } = await db.query<LoginLimitRow>(
    `SELECT key, points, expire::text AS expire FROM ${LOGIN_LIMITS_TABLE}
      WHERE expire > $1 AND ((key LIKE 'account:%' AND points > $2) OR (key LIKE 'address:%' AND points > $3))
      ORDER BY expire DESC`,
    [at, limits.account, limits.address],
  );
  return rows;
}
