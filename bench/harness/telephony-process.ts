import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { statSeconds } from './site-cpu';

/**
 * One telephony process as operators run it (`telephony/src/main.ts`, configured by env), in a
 * child of the bench, so its RSS and CPU are its own: read from /proc/<pid> (Linux). The bench
 * process itself holds pbx-sim, crm-api and the simulated agents and callers.
 */
const MAIN = fileURLToPath(new URL('../../telephony/src/main.ts', import.meta.url));

export interface TelephonyProcess {
  url: string;
  node: string;
  pid: number;
  /** Resident set size now, MB. */
  rssMb(): number;
  /** User + system CPU seconds used so far. */
  cpuSeconds(): number;
  /**
   * With `BENCH_HEAP_SNAPSHOT_DIR` set, writes a V8 heap snapshot of the child there (it runs with
   * `--heapsnapshot-signal=SIGUSR2`) and resolves with its path once written; null without it.
   */
  heapSnapshot(): Promise<string | null>;
  /** Where the child's memory is, MB, from its own Prometheus figures (prom-client's defaults). */
  memory(): Promise<MemoryBreakdown>;
  close(): Promise<void>;
}

/** The process's memory as Node sees it: RSS = V8 heap (used + room it keeps) + the rest. */
export interface MemoryBreakdown {
  rssMb: number;
  heapTotalMb: number;
  heapUsedMb: number;
  /** Buffers and other memory outside the V8 heap that V8 is told of. */
  externalMb: number;
}

const MEMORY_METRICS: Record<keyof MemoryBreakdown, string> = {
  rssMb: 'process_resident_memory_bytes',
  heapTotalMb: 'nodejs_heap_size_total_bytes',
  heapUsedMb: 'nodejs_heap_size_used_bytes',
  externalMb: 'nodejs_external_memory_bytes',
};

async function readMemory(metricsUrl: string): Promise<MemoryBreakdown> {
  const text = await (await fetch(metricsUrl)).text();
  const read = (name: string) => {
    const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)`, 'm').exec(text);
    return m ? Math.round((Number(m[1]) / 1024 / 1024) * 10) / 10 : NaN;
  };
  return Object.fromEntries(
    Object.entries(MEMORY_METRICS).map(([key, name]) => [key, read(name)]),
  ) as unknown as MemoryBreakdown;
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
  const extra = (process.env.BENCH_TELEPHONY_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const dir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
  if (!dir) return extra;
  mkdirSync(dir, { recursive: true });
  return [...extra, '--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`];
}

/**
 * Signals the child to write a heap snapshot and waits for the file: Node writes it synchronously
 * on its main thread, so the child answers /health again only once the file is whole.
 */
async function writeHeapSnapshot(child: ChildProcess, url: string): Promise<string | null> {
  const dir = process.env.BENCH_HEAP_SNAPSHOT_DIR;
  if (!dir) return null;
  const before = new Set(readdirSync(dir));
  child.kill('SIGUSR2');
  for (;;) {
    await new Promise((r) => setTimeout(r, 500));
    const written = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    if (!written) continue;
    const answered = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (answered) return join(dir, written);
  }
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
  const metricsPort = await freePort();
  const log = logTarget(port);
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs(), '--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      LOG_LEVEL: log.level,
      ...env,
      TELEPHONY_PORT: String(port),
      TELEPHONY_HOST: '127.0.0.1',
      METRICS_PORT: String(metricsPort),
    },
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
    cpuSeconds: () => statSeconds(readFileSync(`/proc/${pid}/stat`, 'utf8')),
    heapSnapshot: () => writeHeapSnapshot(child, url),
    memory: () => readMemory(`http://127.0.0.1:${metricsPort}/metrics`),
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
