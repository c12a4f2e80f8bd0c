import pg from 'pg';

/** What repositories need: a pool or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export interface PoolOptions {
  /**
   * Sessions commit with synchronous_commit = off: a commit returns before its WAL reaches the
   * disk. Only for statements whose one write is a read-access audit row (docs/decisions/0005).
   */
  asyncCommit?: boolean;
  /**
   * Prepared statements use their generic plan from the first execution instead of being
   * re-planned for every call (PostgreSQL keeps custom plans when the generic one's estimate is
   * higher, and the pop's statements cost more to plan than to run). Only for a pool whose every
   * parameterised query is a named statement: an unnamed one would be planned blind to its values.
   */
  genericPlans?: boolean;
  /**
   * PostgreSQL cancels a statement running longer than this. Set to what the pool's callers wait:
   * a caller that gave up (telephony waits 3 s for a pop or the day's figures) left PostgreSQL
   * running its query, and a burst of those once held every connection for 12 s each.
   */
  statementTimeoutMs?: number;
}

export function createPool(databaseUrl: string, max = 10, opts: PoolOptions = {}): pg.Pool {
  // jit off: crm-api's statements are index probes that finish in milliseconds, but a plan whose
  // estimate crosses jit_above_cost (a bitmap scan over 8 M rows, or any plan carrying
  // enable_seqscan = off's penalty) would spend tens of milliseconds compiling itself first.
  const settings = [
    '-c jit=off',
    ...(opts.asyncCommit ? ['-c synchronous_commit=off'] : []),
    ...(opts.genericPlans ? ['-c plan_cache_mode=force_generic_plan'] : []),
    ...(opts.statementTimeoutMs ? [`-c statement_timeout=${Math.round(opts.statementTimeoutMs)}`] : []),
  ];
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max,
    idleTimeoutMillis: 30_000,
    options: settings.join(' '),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs fn in one transaction on one client. `begin` may carry the transaction's own settings
 * (`BEGIN; SET LOCAL …`) so they cost no extra round trip.
 */
export async function inTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
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
 * A named (prepared) statement: parsed once per connection, not per call (and planned once where
 * the generic plan is as good). Used on the per-call paths: the screen pop, where a dozen small
 * queries each paid their planning time, and the ingest of call events and agent state changes,
 * whose statements (then nine a batch, now four) were parsed and planned afresh for every batch
 * (a fifth of PostgreSQL's logged statement time at 20 calls/s).
 */
export function named(name: string, text: string, values: unknown[]): pg.QueryConfig {
  return { name, text, values };
}

/** SQL for a timestamptz column as the ISO-8601 UTC text the DTOs carry (`2025-03-14T03:00:00.000Z`). */
export const isoUtc = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
