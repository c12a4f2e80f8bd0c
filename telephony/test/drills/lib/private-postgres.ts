import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freeTcpPort } from '@cc1357/asterisk-config/testbed';

const run = promisify(execFile);

const SERVER_ROOT = '/usr/lib/postgresql';

/** The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/<major>/bin), or null. */
function serverBinSync(): string | null {
  let majors: string[];
  try {
    majors = readdirSync(SERVER_ROOT).filter((d) => /^\d+$/.test(d));
  } catch {
    return null;
  }
  const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
  const bin = newest ? path.join(SERVER_ROOT, newest, 'bin') : null;
  return bin && existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl')) ? bin : null;
}

/** Why a private server cannot start here (one line), or null: the drill's test skips with it. */
export function privatePostgresMissing(): string | null {
  return serverBinSync()
    ? null
    : `no PostgreSQL server binaries (initdb, pg_ctl) under ${SERVER_ROOT}/<major>/bin (Debian: postgresql)`;
}

async function serverBin(): Promise<string> {
  const bin = serverBinSync();
  if (!bin) throw new Error(privatePostgresMissing()!);
  return bin;
}

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  adminUrl: string;
  /** A URL for `database` on this server. */
  urlOf(database: string): string;
  /** Stops the server as a crash would (`-m immediate`: no checkpoint, recovery from the WAL on start). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it (if running) and removes its data directory. */
  dispose(): Promise<void>;
}

/**
 * A PostgreSQL server of the drill's own (initdb + pg_ctl in a temp directory, on a free loopback
 * port, trust auth), so a drill can stop and start it: never the shared server on 5432, which
 * every other test uses at the same time. initdb refuses to run as root, so as root the cluster
 * belongs to the `postgres` system user.
 */
export async function privatePostgres(): Promise<PrivatePostgres> {
  const bin = await serverBin();
  const dir = await mkdtemp(path.join(tmpdir(), 'drill-pg-'));
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const pg = (tool: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', path.join(bin, tool), ...args], { timeout: 60_000 })
      : run(path.join(bin, tool), args, { timeout: 60_000 });
  const data = path.join(dir, 'data');
  const port = await freeTcpPort();
  await pg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  // Small and quiet: the machine is shared; fsync stays on so a crash-stop loses only what was not committed.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c shared_buffers=32MB -c max_connections=60`;
  let running = false;
  const start = async () => {
    await pg('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', '-t', '60', 'start']);
    running = true;
  };
  const stop = async () => {
    if (!running) return;
    running = false;
    await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '60', 'stop']);
  };
  // If the drill's own process ends first, its server must not outlive it: SIGQUIT to the
  // postmaster is an immediate shutdown (an 'exit' handler can only do synchronous work).
  const orphanGuard = () => {
    try {
      const pid = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGQUIT');
    } catch {
      // no server running
    }
  };
  process.on('exit', orphanGuard);
  // A process killed outright (a test runner ending its worker) runs no 'exit' handler, and
  // pg_ctl's server is no child of ours: a detached watchdog shell stops the server and removes
  // its folder once this process is gone. dispose() ends the watchdog first.
  const watchdog = spawn(
    'sh',
    [
      '-c',
      'while kill -0 "$1" 2>/dev/null; do sleep 2; done; pid=$(head -n 1 "$2/postmaster.pid" 2>/dev/null) && kill -QUIT "$pid"; sleep 2; rm -rf "$3"',
      'drill-pg-watchdog',
      String(process.pid),
      data,
      dir,
    ],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  await start();
  const urlOf = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlOf('postgres'),
    urlOf,
    stop,
    start,
    async dispose() {
      process.off('exit', orphanGuard);
      watchdog.kill('SIGKILL');
      await stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
