import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * One telephony process as operators run it (`telephony/src/main.ts`, configured by env), in a
 * child of the bench, so its RSS and CPU are its own: read from /proc/<pid> (Linux). The bench
 * process itself holds pbx-sim, crm-api and the simulated agents and callers.
 */
const MAIN = fileURLToPath(new URL('../../telephony/src/main.ts', import.meta.url));
const TICKS_PER_S = 100; // USER_HZ on Linux

export interface TelephonyProcess {
  url: string;
  node: string;
  pid: number;
  /** Resident set size now, MB. */
  rssMb(): number;
  /** User + system CPU seconds used so far. */
  cpuSeconds(): number;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Extra Node flags for the telephony child, e.g. `BENCH_TELEPHONY_NODE_ARGS=--cpu-prof` to see where its CPU goes. */
function nodeArgs(): string[] {
  return (process.env.BENCH_TELEPHONY_NODE_ARGS ?? '').split(' ').filter(Boolean);
}

/**
 * `BENCH_TELEPHONY_LOG_DIR=<dir>` keeps each telephony child's log (info and up) in
 * `<dir>/telephony-<port>.log`, to read what a call off its path went through; without it the
 * child logs errors only, and nowhere.
 */
function logTarget(port: number): { fd: number | 'ignore'; level: string } {
  const dir = process.env.BENCH_TELEPHONY_LOG_DIR;
  if (!dir) return { fd: 'ignore', level: 'error' };
  mkdirSync(dir, { recursive: true });
  return { fd: openSync(join(dir, `telephony-${port}.log`), 'a'), level: 'info' };
}

export async function startTelephonyProcess(env: Record<string, string>): Promise<TelephonyProcess> {
  const port = await freePort();
  const log = logTarget(port);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs(), '--import', 'tsx', MAIN], {
    env: { ...process.env, LOG_LEVEL: log.level, ...env, TELEPHONY_PORT: String(port), TELEPHONY_HOST: '127.0.0.1' },
    stdio: ['ignore', log.fd, 'inherit'],
  });
  if (typeof log.fd === 'number') closeSync(log.fd); // the child holds its own copy
  const pid = child.pid;
  if (pid === undefined) throw new Error('telephony did not start');
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`telephony exited with ${exited} while starting`);
    const ok = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('telephony did not answer /health within 60 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const ari = new URL(env.ARI_URL!);
  return {
    url,
    node: `${env.ARI_APP ?? 'callcenter'}@${ari.host}`,
    pid,
    rssMb() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    cpuSeconds() {
      // Fields after the command name: utime is the 12th, stime the 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
    },
    async close() {
      if (exited !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
