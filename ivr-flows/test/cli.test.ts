import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { defaultFlowsDir } from '../src/index';

const broken = fileURLToPath(new URL('./fixtures/broken/', import.meta.url));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('ivr validate', () => {
  it('the shipped set is ok', async () => {
    expect(await cli('validate')).toMatchObject({ code: 0, out: 'ok: ivr-flows/flows' });
  });
  it('prints file:line: message and exits 1', async () => {
    const file = join(broken, 'unknown-target.yaml');
    expect(await cli('validate', file)).toEqual({
      code: 1,
      out: "ivr-flows/test/fixtures/broken/unknown-target.yaml:10: node 'menu': unknown target 'nowhere' (digit 2)",
      err: '',
    });
  });
  it('several files are one set; a missing file is a problem', async () => {
    const r = await cli('validate', join(defaultFlowsDir, 'main.yaml'), '/nonexistent.yaml');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^\/nonexistent\.yaml:1: cannot read:/m);
    expect(r.out).toMatch(/main\.yaml:\d+: node 'startup': unknown sub-flow 'startup'/);
  });
});

describe('ivr simulate', () => {
  it('runs a flow id of the shipped set', async () => {
    const r = await cli(
      'simulate',
      'main',
      '--digits',
      '1',
      '--at',
      '2026-12-01T10:00+09:00',
      '--caller',
      '0212345678',
    );
    expect(r.code).toBe(0);
    expect(r.out.split('\n').slice(-2)).toEqual([
      '= queue fund (priority 0)',
      'path: notice › hours › main-menu › fund-wait › fund-queue',
    ]);
  });
  it('runs a flow file as the entry of its folder', async () => {
    const r = await cli(
      'simulate',
      join(defaultFlowsDir, 'export.yaml'),
      '--digits',
      '2',
      '--at',
      '2026-12-01T10:00+09:00',
    );
    expect(r.out).toMatch(/^= transfer to partner fta1380$/m);
  });
  it('--always-open ignores the calendar', async () => {
    const r = await cli('simulate', 'main', '--digits', '6', '--at', '2026-12-25T23:00+09:00', '--always-open');
    expect(r.out).toMatch(/= queue hr \(priority 0\)/);
  });
  it.each([
    [['simulate'], 2, /usage:/],
    [['simulate', 'main', '--at', 'yesterday'], 2, /bad --at 'yesterday'/],
    [['simulate', 'main', '--digits', '1,x'], 2, /bad --digits group 'x'/],
    [['simulate', 'main', '--ewt', '-3'], 2, /bad --ewt '-3'/],
    [['frobnicate'], 2, /usage:/],
  ])('%j → exit %i', async (argv, code, message) => {
    const r = await cli(...(argv as string[]));
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
  });
  it('an unknown flow id exits 1', async () => {
    expect(await cli('simulate', 'nope')).toMatchObject({
      code: 1,
      out: "unknown flow 'nope' (flows: after-hours, callback-number, export, main, rnd, sms, startup)",
    });
  });
  it('odd arguments never throw', async () => {
    const pieces = [
      'simulate',
      'validate',
      'main',
      '--digits',
      '--at',
      '--caller',
      '--ewt',
      '--known',
      '',
      '=',
      '--=',
      '1,,2',
      '*#',
      'NaN',
      '--digits=',
      '\u0000',
    ];
    let seed = 9;
    for (let i = 0; i < 60; i++) {
      const argv = Array.from(
        { length: 1 + (i % 6) },
        () => pieces[(seed = (seed * 1103515245 + 12345) % 2147483648) % pieces.length]!,
      );
      const r = await cli(...argv);
      expect([0, 1, 2]).toContain(r.code);
    }
  });
});

describe('npm run ivr (real process)', () => {
  it('exits 1 on a broken file', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const r = spawnSync('npx', ['tsx', 'ivr-flows/src/cli/main.ts', 'validate', join(broken, 'unreachable.yaml')], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout.trim()).toBe(
      "ivr-flows/test/fixtures/broken/unreachable.yaml:6: node 'orphan' is unreachable from entry 'hello'",
    );
  });
});
