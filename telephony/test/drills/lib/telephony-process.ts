import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'telephony-child.ts');
const TSX = createRequire(import.meta.url).resolve('tsx');

export interface TelephonyProcess {
  url: string;
  node: string;
  /** Its `/metrics` URL (with METRICS_PORT set), else null. */
  metricsUrl: string | null;
  /** SIGKILL: no shutdown code runs. Resolves once the process is gone. */
  kill(): Promise<void>;
}

/** Starts telephony-child.ts and waits for its READY line (or fails with its stderr). */
export async function spawnTelephony(env: Record<string, string>): Promise<TelephonyProcess> {
  const proc: ChildProcess = spawn(process.execPath, ['--import', TSX, CHILD], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // If the drill's own process ends first, its child must not outlive it.
  const orphanGuard = () => proc.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const exited = new Promise<void>((resolve) =>
    proc.once('exit', () => {
      process.off('exit', orphanGuard);
      resolve();
    }),
  );
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => void (stderr = (stderr + c.toString()).slice(-4000)));
  const ready = await new Promise<{ url: string; node: string; metricsUrl: string | null }>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /READY (\S+) (\S+) (\S+)\n/.exec(out);
      if (m) resolve({ url: m[1]!, node: m[2]!, metricsUrl: m[3] === '-' ? null : m[3]! });
    });
    proc.once('exit', (code) => reject(new Error(`telephony exited (${code}) before it was ready: ${stderr}`)));
  });
  // CC1357_CHILD_LOG_DIR=… keeps each child's log (pino on stdout) for a post-mortem.
  const logDir = process.env.CC1357_CHILD_LOG_DIR;
  if (logDir) proc.stdout!.pipe(createWriteStream(path.join(logDir, `telephony-${proc.pid}.log`)));
  else proc.stdout!.resume();
  return {
    ...ready,
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}
