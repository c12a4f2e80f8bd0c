import type { SessionRef } from '@cc1357/contracts';
import type pg from 'pg';
import { bumpSessionVersion, liveSessionVersion, sessionVersionsOf } from '../repositories/users';

/**
 * Session versions: a login token carries its user's `session_version` (`ver`); the token is
 * live while the user is active and the version unchanged. Logout bumps it here; deactivation,
 * a role or extension change bump it in the database (migration 014's trigger).
 * Requests read versions through a short cache (`cacheMs`, default 2 s): a session ended on this
 * process is dead at once (the cache entry is dropped), on another crm-api process within cacheMs.
 */
export interface SessionVersions {
  /** True when a token of `sub` with version `ver` is still live. */
  isLive(sub: string, ver: number): Promise<boolean>;
  /** Ends every session of a user (logout); returns the new version. */
  endAll(sub: string): Promise<number | null>;
  /** Drops the cached version (after a change made in SQL, e.g. deactivation). */
  forget(sub: string): void;
  /** The ones of `refs` that are over, read from the database (telephony's socket check). */
  revokedOf(refs: SessionRef[]): Promise<SessionRef[]>;
}

interface Entry {
  version: number | null; // null = no such user, or inactive
  at: number;
}

export function createSessionVersions(db: pg.Pool, cacheMs = 2000): SessionVersions {
  const cache = new Map<string, Entry>();
  const read = async (sub: string): Promise<number | null> => {
    if (!/^\d{1,18}$/.test(sub)) return null;
    return liveSessionVersion(db, sub);
  };
  return {
    async isLive(sub, ver) {
      const now = Date.now();
      let entry = cache.get(sub);
      if (!entry || now - entry.at > cacheMs) {
        entry = { version: await read(sub), at: now };
        if (cache.size > 10_000) cache.clear();
        cache.set(sub, entry);
      }
      return entry.version === ver;
    },
    async endAll(sub) {
      cache.delete(sub);
      if (!/^\d{1,18}$/.test(sub)) return null;
      const version = await bumpSessionVersion(db, sub);
      cache.delete(sub);
      return version;
    },
    forget(sub) {
      cache.delete(sub);
    },
    async revokedOf(refs) {
      const ids = [...new Set(refs.map((r) => r.sub).filter((s) => /^\d{1,18}$/.test(s)))];
      const rows = ids.length ? await sessionVersionsOf(db, ids) : [];
      const live = new Map(rows.filter((r) => r.active).map((r) => [r.id, r.version]));
      return refs.filter((r) => live.get(r.sub) !== r.ver);
    },
  };
}
