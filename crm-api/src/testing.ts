import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate } from './db/migrate';

/**
 * Throwaway databases for integration tests (crm-api's own and other packages'). The admin
 * connection defaults to the shared local server; TEST_DATABASE_URL overrides it.
 */
export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function onAdmin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a uniquely named, migrated database; `drop()` removes it (even with open sessions). */
export async function createTestDatabase(opts: { adminUrl?: string; migrate?: boolean } = {}): Promise<TestDatabase> {
  // Test helper: the one place outside config.ts that reads the environment (tests pick their server).
  const adminUrl = opts.adminUrl ?? process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL;
  const name = `crm_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await onAdmin(adminUrl, async (c) => {
    // CREATE DATABASE copies template1 and fails if someone else is copying it that instant.
    for (let attempt = 0; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}"`);
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== '55006' || attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 50 + attempt * 50));
      }
    }
  });
  const url = withDatabase(adminUrl, name);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await onAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
  if (opts.migrate !== false) {
    try {
      await migrate(url);
    } catch (err) {
      await drop();
      throw err;
    }
  }
  return { url, name, drop };
}

/** Partner centers built from a partner file's object (other packages' tests configure hours and webhooks). */
export { partnerCenters, type PartnerFile } from './domain/partnerCenters';
