import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TSX = createRequire(import.meta.url).resolve('tsx');
/** crm-api's production entry (migrate, serve), the workspace next door. */
const MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../crm-api/src/main.ts');

export interface CrmProcess {
  /** SIGKILL: no shutdown code runs. */
  kill(): Promise<void>;
}

/** Starts crm-api in its own process and waits until it answers on its port. */
export async function spawnCrmApi(env: Record<string, string>, url: string): Promise<CrmProcess> {
  const proc: ChildProcess = spawn(process.execPath, ['--import', TSX, MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
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
  };
}
