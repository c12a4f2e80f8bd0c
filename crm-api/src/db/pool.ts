import pg from 'pg';

/** What repositories need: a pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export interface PoolOptions {
  /**
   * Sessions commit with synchronous_commit = off: a commit returns before its WAL reaches the
   * disk. Only for statements whose one write is a read-access audit row (docs/decisions/0005).
   */
  asyncCommit?: boolean;
}

export function createPool(databaseUrl: string, max = 10, opts: PoolOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl, max, idleTimeoutMillis: 30_000,
    ...(opts.asyncCommit ? { options: '-c synchronous_commit=off' } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs fn in one transaction on one client. */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * A named (prepared) statement: planned once per connection, not per call. Used on the screen
 * pop's hot path, where a dozen small queries each paid their planning time.
 */
export function named(name: string, text: string, values: unknown[]): pg.QueryConfig {
  return { name, text, values };
}
