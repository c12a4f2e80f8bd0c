import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SECRET } from '../../support/center';

const TSX = createRequire(import.meta.url).resolve('tsx');
/** crm-api's production entry (migrate, serve), the workspace next door. */
const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../crm-api/src/main.ts');

/** What crm-api's production entry is given when a drill or the bench runs it in its own process. */
export interface CrmApiSetup {
  databaseUrl: string;
  /** For its job queues (BullMQ): a Redis of its own, so no other test's workers take its jobs. */
  redisUrl: string;
  recordingsDir: string;
  /** On 127.0.0.1; the same port again after a kill, so telephony finds it where it was. */
  port: number;
  logLevel: 'silent' | 'error';
  /** Extra Node flags, e.g. `--cpu-prof` (its profile is written on `stop`, not on `kill`). */
  nodeArgs?: readonly string[];
}

export interface CrmProcess {
  /** SIGKILL: no shutdown code runs. */
  kill(): Promise<void>;
  /** SIGTERM: crm-api's own shutdown (SIGKILL if it has not ended after 10 s). */
  stop(): Promise<void>;
}

/** crm-api's address for a setup. */
export const crmApiUrl = (setup: CrmApiSetup): string => `http://127.0.0.1:${setup.port}`;

/** Starts crm-api in its own process and waits until it answers on its port. */
export async function spawnCrmApi(setup: CrmApiSetup): Promise<CrmProcess> {
  const url = crmApiUrl(setup);
  const proc: ChildProcess = spawn(process.execPath, [...(setup.nodeArgs ?? []), '--import', TSX, MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: setup.databaseUrl,
      REDIS_URL: setup.redisUrl,
      AUTH_SECRET: SECRET,
      CRM_PORT: String(setup.port),
      CRM_HOST: '127.0.0.1',
      RECORDINGS_DIR: setup.recordingsDir,
      LOG_LEVEL: setup.logLevel,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (c: Buffer) => void (stderr = (stderr + c.toString()).slice(-4000)));
  // If the drill's own process ends first, its child must not outlive it.
  const orphanGuard = () => proc.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const exited = new Promise<void>((resolve) =>
    proc.once('exit', () => {
      process.off('exit', orphanGuard);
      resolve();
    }),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`crm-api exited (${proc.exitCode}): ${stderr}`);
    const res = await fetch(`${url}/health`).catch(() => null);
    if (res && res.status < 500) break;
    if (Date.now() > deadline) throw new Error(`crm-api never answered on ${url}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const late = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(late);
    },
  };
}
