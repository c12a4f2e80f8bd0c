import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consolePortProblem, portInUse } from '../src/preflight';
import { ADMIN_URL, databasesLike, repoRoot } from './support/demo-process';

let busy: net.Server;
let busyPort: number;
beforeAll(async () => {
  busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

function runDemo(args: string[], databaseUrl: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/src/main.ts', ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' },
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (out += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

describe('a busy console port', () => {
  it('is found by binding it', async () => {
    expect(await portInUse('127.0.0.1', busyPort)).toBe(true);
    expect(await consolePortProblem(busyPort)).toMatch(new RegExp(`^port ${busyPort} is already in use`));
    expect(await consolePortProblem(null)).toBeNull();
    expect(await consolePortProblem(0)).toBeNull();
  });

  it.each([
    ['the demo', [] as string[]],
    ['the smoke run', ['--smoke']],
  ])(
    'stops %s before any database is created, recreated or seeded',
    async (_name, extra) => {
      const name = `cc1357_porttest_${randomBytes(4).toString('hex')}`;
      const url = new URL(ADMIN_URL);
      url.pathname = `/${name}`;
      const run = await runDemo([...extra, '--port', String(busyPort)], url.toString());
      expect(run.out).toContain(`port ${busyPort} is already in use`);
      expect(run.code).toBe(1);
      expect(await databasesLike(name)).toEqual([]);
    },
    180_000,
  );
});
