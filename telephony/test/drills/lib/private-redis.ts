import { type ChildProcess, spawn } from 'node:child_process';
import { freeTcpPort } from '@cc1357/asterisk-config/testbed';
import { Redis } from 'ioredis';

/**
 * A redis-server of the drill's own on a free loopback port, with no persistence at all: a
 * restart comes back empty. Never the shared Redis on 6379, which other tests use at the same time.
 */
export async function privateRedis(): Promise<{ url: string; restartEmpty(): Promise<void>; stop(): Promise<void> }> {
  const port = await freeTcpPort();
  const url = `redis://127.0.0.1:${port}`;
  let proc: ChildProcess | null = null;
  const start = async () => {
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
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
  const stop = async () => {
    const p = proc;
    proc = null;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await gone;
  };
  await start();
  return {
    url,
    async restartEmpty() {
      await stop();
      await start();
    },
    stop,
  };
}
