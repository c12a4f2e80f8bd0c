import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main';
import { defaultFlowsDir, loadFlowSet, validateFlowFiles } from '../src/index';
import { shownPath } from '../src/load/load-flow-set';
import { nearMiss } from '../src/validate/near-miss';

/**
 * One slip in an edit must read as one slip: the mistyped reference first (with what it most
 * likely meant), not a page of "unreachable" for everything behind the node it cut off. Files
 * are named relative to the repository, never by a server's absolute path.
 */

let dir: string;
let folder: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ivr-typo-'));
  cpSync(defaultFlowsDir, dir, { recursive: true });
  folder = basename(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function edit(file: string, from: string, to: string): void {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}
const lineOf = (file: string, text: string) =>
  readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text)) + 1;
const shown = async () => (await loadFlowSet(dir)).problems.map((p) => `${p.file}:${p.line}: ${p.message}`);

describe('a mistyped reference is one problem, named first', () => {
  it('a menu digit to a misspelt node: one message with the node it meant, no follow-on "unreachable"', async () => {
    edit('main.yaml', "'1': fund-wait", "'1': fund-wiat");
    expect(await shown()).toEqual([
      `${folder}/main.yaml:${lineOf('main.yaml', 'fund-wiat')}: node 'main-menu': unknown target 'fund-wiat' (digit 1) — did you mean 'fund-wait'?`,
    ]);
  });

  it('a target like nothing in the flow: the cause first, then one line for the branch it cut off', async () => {
    edit('main.yaml', "'1': fund-wait", "'1': loans");
    const problems = await shown();
    expect(problems).toEqual([
      `${folder}/main.yaml:${lineOf('main.yaml', "'1': loans")}: node 'main-menu': unknown target 'loans' (digit 1)`,
      `${folder}/main.yaml:${lineOf('main.yaml', 'fund-wait: {')}: node 'fund-wait' is unreachable from entry 'notice', and so are the nodes after it: 'fund-overflow', 'fund-cb-number', 'fund-callback', 'fund-queue'`,
    ]);
  });

  it('a misspelt sub-flow: the call is named with the flow it meant, not "flow is never called"', async () => {
    edit('main.yaml', 'rnd: { type: subflow, flow: rnd }', 'rnd: { type: subflow, flow: rdn }');
    expect(await shown()).toEqual([
      `${folder}/main.yaml:${lineOf('main.yaml', 'flow: rdn')}: node 'rnd': unknown sub-flow 'rdn' — did you mean 'rnd'?`,
    ]);
  });

  it('an orphaned node behind a real cause is listed after it even when it sits earlier in the file', async () => {
    writeFileSync(
      join(dir, 'main.yaml'),
      readFileSync(join(dir, 'main.yaml'), 'utf8')
        .replace('nodes:\n', 'nodes:\n  stray: { type: hangup }\n')
        .replace("'1': fund-wait", "'1': fund-wiat"),
    );
    const problems = await shown();
    expect(problems[0]).toMatch(/unknown target 'fund-wiat'/);
    expect(problems.slice(1)).toEqual([`${folder}/main.yaml:9: node 'stray' is unreachable from entry 'notice'`]);
  });
});

describe('paths in problem reports', () => {
  it('files in the repository are named from its root', () => {
    const problems = validateFlowFiles([join(defaultFlowsDir, '..', 'test', 'fixtures', 'broken', 'unreachable.yaml')]);
    expect(problems.map((p) => p.file)).toEqual(['ivr-flows/test/fixtures/broken/unreachable.yaml']);
  });

  it('a folder elsewhere by its own name and the file, never the absolute path', async () => {
    edit('main.yaml', "'1': fund-wait", "'1': fund-wiat");
    const problems = (await loadFlowSet(dir)).problems;
    expect(problems.every((p) => p.file === `${folder}/main.yaml`)).toBe(true);
    expect(shownPath('/srv/cc1357/ivr-flows/flows/main.yaml', '/srv/cc1357')).toBe('ivr-flows/flows/main.yaml');
    expect(shownPath('/etc/cc1357/flows/main.yaml', '/srv/cc1357')).toBe('flows/main.yaml');
  });

  it('the CLI keeps file:line: message with repository paths', async () => {
    const out: string[] = [];
    const code = await runCli(
      ['validate', join(defaultFlowsDir, '..', 'test', 'fixtures', 'broken', 'unknown-target.yaml')],
      { out: (l) => out.push(l), err: (l) => out.push(l) },
    );
    expect({ code, out }).toEqual({
      code: 1,
      out: ["ivr-flows/test/fixtures/broken/unknown-target.yaml:10: node 'menu': unknown target 'nowhere' (digit 2)"],
    });
  });
});

describe('near misses', () => {
  it.each([
    ['fund-wiat', ['notice', 'fund-wait', 'fund-queue'], 'fund-wait'],
    ['fund-queu', ['fund-queue', 'fund-wait'], 'fund-queue'],
    ['rdn', ['rnd', 'sms'], 'rnd'],
    ['loans', ['fund-wait', 'notice'], null],
    ['hr', ['rnd'], null],
  ] as const)('%s among %j → %s', (typed, candidates, meant) => expect(nearMiss(typed, candidates)).toBe(meant));
});
