import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * `npm run demo -- --smoke` exactly as a newcomer runs it: the whole center on pbx-sim with
 * real PostgreSQL and Redis, scripted callers, simulated agents. It must print the summary line
 * and exit 0, which it does only when every call ended as scripted and the CRM agrees.
 */
it('runs the scripted smoke session to a clean exit', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/src/main.ts', '--smoke'], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'error' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(stderr + stdout).toMatch(/^offered=7 answered=5 abandoned=2 consultations=5$/m);
  expect(code, stderr).toBe(0);
}, 240_000);
