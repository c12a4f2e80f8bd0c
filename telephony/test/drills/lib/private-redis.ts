import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freeTcpPort } from '@cc1357/asterisk-config/testbed';
import { Redis } from 'ioredis';

export interface PrivateRedis {
  url: string;
  /** SIGKILL and start again: without persistence it comes back empty. */
  restartEmpty(): Promise<void>;
  /** A clean restart (SIGTERM: Redis writes its append-only file), then start on the same files. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A redis-server of the drill's own on a free loopback port, by default with no persistence at
 * all: a restart comes back empty. `persistent` keeps an append-only file (fsync every second, as
 * deployed) in a temporary directory of its own. Never the shared Redis on 6379, which other
 * tests use at the same time.
 */
export async function privateRedis(opts: { persistent?: boolean } = {}): Promise<PrivateRedis> {
  const port = await freeTcpPort();
  const url = `redis://127.0.0.1:${port}`;
  const dir = opts.persistent ? await mkdtemp(path.join(tmpdir(), 'cc1357-drill-redis-')) : null;
  const persistence = dir
    ? ['--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--dir', dir]
    : ['--save', '', '--appendonly', 'no'];
  let proc: ChildProcess | null = null;
  const start = async () => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', ...persistence, '--daemonize', 'no'],
      { stdio: 'ignore' },
    );
    proc = child;
    // If the drill's own process ends first, its redis-server must not outlive it.
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    child.once('exit', () => process.off('exit', orphanGuard));
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => 20 });
    probe.on('error', () => undefined);
    try {
      const deadline = Date.now() + 15_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`redis-server on ${port} exited (${child.exitCode})`);
        if ((await probe.ping().catch(() => null)) === 'PONG') return;
        if (Date.now() > deadline) throw new Error(`redis-server on ${port} never answered`);
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      probe.disconnect();
    }
  };
  const kill = async (signal: NodeJS.Signals) => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill(signal);
    await gone;
  };
  await start();
  return {
    url,
    async restartEmpty() {
      await kill('SIGKILL');
      await start();
    },
    async restart() {
      await kill('SIGTERM');
      await start();
    },
    async stop() {
      await kill('SIGKILL');
      if (dir) await rm(dir, { recursive: true, force: true });
    },
  };
}
