import net from 'node:net';

/**
 * Before anything starts: are PostgreSQL and Redis where the config says? The demo stops with
 * one line naming what to start, instead of a stack trace from deep inside a driver.
 */

export interface Endpoint {
  name: string;
  host: string;
  port: number;
  /** What the operator should run when it is not reachable. */
  hint: string;
}

export function endpointsOf(databaseUrl: string, redisUrl: string): Endpoint[] {
  const db = new URL(databaseUrl);
  const redis = new URL(redisUrl);
  return [
    {
      name: 'PostgreSQL',
      host: db.hostname || '127.0.0.1',
      port: Number(db.port || 5432),
      hint: 'start PostgreSQL (e.g. `pg_ctlcluster 15 main start`) or set DATABASE_URL',
    },
    {
      name: 'Redis',
      host: redis.hostname || '127.0.0.1',
      port: Number(redis.port || 6379),
      hint: 'start Redis (e.g. `redis-server --daemonize yes`) or set REDIS_URL',
    },
  ];
}

export function canConnect(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Resolves to null when everything answers, else the one line to print. */
export async function preflight(endpoints: Endpoint[]): Promise<string | null> {
  for (const endpoint of endpoints) {
    if (!(await canConnect(endpoint.host, endpoint.port))) {
      return `${endpoint.name} is not reachable at ${endpoint.host}:${endpoint.port} — ${endpoint.hint}.`;
    }
  }
  return null;
}

/** Whether something already listens on host:port (binding it is the only sure test). */
export function portInUse(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(true));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(false)));
  });
}

/**
 * The console port, checked before any database is touched: a second demo started by mistake
 * must not drop and reseed the database of the one already running on that port.
 */
export async function consolePortProblem(port: number | null, host = '127.0.0.1'): Promise<string | null> {
  if (port === null || port === 0) return null;
  return (await portInUse(host, port))
    ? `port ${port} is already in use (is another demo running?) — stop it or pass --port N (0 = any free port); no database was touched.`
    : null;
}
