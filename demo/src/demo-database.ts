import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The demo's own database on the local server: dropped and created fresh each run so every
 * demo starts from the same seeded CRM (pass --keep-data to keep yesterday's consultations).
 */
export async function recreateDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing to recreate database named ${JSON.stringify(name)}`);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE ${name}`);
    return true;
  } finally {
    await client.end();
  }
}

/** Consultations the CRM holds — the smoke check counts what was stored, not what bots think they sent. */
export async function countConsultations(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM consultations');
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** Recordings crm-api finalised (copied from the PBX, measured, indexed): what supervisors can play. */
export async function countStoredRecordings(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM recordings WHERE state = 'stored'`);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/**
 * What the desk did, as crm-api stored it: counselor transfers (`call.transferred` to a queue or
 * a named counselor — a relay's transfer to a partner is counted by the partner's receiver
 * instead), those to a named counselor, and holds that were resumed.
 */
export async function countDeskEvents(
  databaseUrl: string,
): Promise<{ transfers: number; counselorTransfers: number; holds: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ transfers: string; counselor: string; holds: string }>(
      `SELECT count(*) FILTER (WHERE type = 'call.transferred' AND data->'target'->>'kind' IN ('queue', 'agent')) AS transfers,
              count(*) FILTER (WHERE type = 'call.transferred' AND data->'target'->>'kind' = 'agent') AS counselor,
              -- A hold counts once it is over: held and resumed.
              least(count(*) FILTER (WHERE type = 'call.held'), count(*) FILTER (WHERE type = 'call.resumed')) AS holds
         FROM call_events
        WHERE type IN ('call.transferred', 'call.held', 'call.resumed')`,
    );
    const row = rows[0];
    return {
      transfers: Number(row?.transfers ?? 0),
      counselorTransfers: Number(row?.counselor ?? 0),
      holds: Number(row?.holds ?? 0),
    };
  } finally {
    await client.end();
  }
}

/**
 * A throwaway database for the smoke run on DATABASE_URL's server, named after it
 * (`cc1357_demo_smoke_<random>`), so the demo's own data is never touched; `drop()` removes it.
 */
export async function createThrowawayDatabase(databaseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const base = decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || 'cc1357';
  if (!/^[a-z_][a-z0-9_]*$/.test(base))
    throw new Error(`refusing to create a database beside one named ${JSON.stringify(base)}`);
  const name = `${base.slice(0, 40)}_smoke_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const onAdmin = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await onAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
