import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { ADMIN_URL, databasesLike, freePort, repoRoot } from './support/demo-process';

/**
 * `npm run demo -- --smoke` exactly as a newcomer runs it: the whole center on pbx-sim with
 * real PostgreSQL and Redis, scripted callers, simulated agents. It must print the summary line
 * and exit 0, which it does only when every call ended as scripted and the CRM agrees. It runs
 * on a throwaway database on DATABASE_URL's server (named after it, gone afterwards) and, given
 * --port, serves the console there while it runs.
 */
it("runs the scripted smoke session to a clean exit on DATABASE_URL's server and the given port, printing nothing alarming", async () => {
  const base = `cc1357_smoketest_${randomBytes(4).toString('hex')}`;
  const databaseUrl = new URL(ADMIN_URL);
  databaseUrl.pathname = `/${base}`;
  const port = await freePort();
  // The newcomer's default log level (warn): no third-party notices, no warnings from normal calls.
  const { LOG_LEVEL: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/src/main.ts', '--smoke', '--port', String(port)], {
    cwd: repoRoot,
    env: { ...env, DATABASE_URL: databaseUrl.toString() },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  let finished = false;
  void exited.then(() => (finished = true));

  // While it runs: its database sits beside DATABASE_URL's, and the console answers on --port.
  let sawDatabase: string[] = [];
  let sawConsole = false;
  while (!finished && (sawDatabase.length === 0 || !sawConsole)) {
    if (sawDatabase.length === 0) sawDatabase = await databasesLike(`${base}_smoke_`);
    if (!sawConsole && stdout.includes(`console http://127.0.0.1:${port}`))
      sawConsole = await fetch(`http://127.0.0.1:${port}/`).then(
        (r) => r.ok,
        () => false,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const code = await exited;
  expect(stderr + stdout).toMatch(
    /^offered=7 answered=5 abandoned=2 consultations=5 recordings=7 transfers=2 relays=1$/m,
  );
  expect(code, stderr).toBe(0);
  expect(sawDatabase).toHaveLength(1);
  expect(sawConsole).toBe(true);
  expect(await databasesLike(base)).toEqual([]);
  const printed = (stderr + stdout).split('\n').filter((line) => line.trim() !== '');
  // Compared as text: a failure then shows every unexpected line, where an array diff says "…(7)".
  expect(printed.join('\n')).toBe(
    [
      `console http://127.0.0.1:${port}`,
      'offered=7 answered=5 abandoned=2 consultations=5 recordings=7 transfers=2 relays=1',
    ].join('\n'),
  );
}, 420_000);
